package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fabulist/model/qa/dataset"
)

// qaDataHelp is -data's help, the same for qa train and qa eval.
const qaDataHelp = "the dataset, as the studio takes it: a folder laid out as FairytaleQA's (questions/SPLIT/*.csv and section-stories/SPLIT/*.csv), " +
	"a .zip of that folder, a SQuAD .json, or the book's .csv"

// qaSets reads the training and validation ("": none) splits of the dataset at data: a
// FairytaleQA-shaped folder, or one file read as the studio reads it (qaFile). A file has no
// splits to choose: train is the whole of a .json or .csv, or a zip's train split, and val is
// a zip's val split when it has one (none otherwise), so that any other split is a usage error.
func qaSets(data, split, valSplit string) (trainSet, valSet dataset.Set, err error) {
	dir, err := isDir(data)
	if err != nil {
		return nil, nil, err
	}
	if !dir {
		if split != "train" || valSplit != "val" && valSplit != "" {
			return nil, nil, usageError{fmt.Sprintf("%s is a file, whose splits are train and val: -split and -val choose a FairytaleQA folder's", data)}
		}
		trainSet, valSet, _, err = qaFile(data)
		if valSplit == "" {
			valSet = nil
		}
		return trainSet, valSet, err
	}
	if trainSet, err = dataset.ReadFairytaleQA(data, split); err != nil {
		return nil, nil, err
	}
	if valSplit != "" {
		if valSet, err = dataset.ReadFairytaleQA(data, valSplit); err != nil {
			return nil, nil, err
		}
	}
	return trainSet, valSet, nil
}

// qaEvalSet reads the split to score of the dataset at data: a FairytaleQA-shaped folder's, a
// zip's train or val, or the whole of a .json or .csv, which have no splits.
func qaEvalSet(data, split string) (dataset.Set, error) {
	dir, err := isDir(data)
	if err != nil {
		return nil, err
	}
	if dir {
		return dataset.ReadFairytaleQA(data, split)
	}
	if split != "train" && split != "val" {
		return nil, usageError{fmt.Sprintf("-split %q: %s is a file, whose splits are train and val", split, data)}
	}
	train, val, _, err := qaFile(data)
	switch {
	case err != nil:
		return nil, err
	case !isZip(data) || split == "train":
		return train, nil
	case val == nil:
		return nil, fmt.Errorf("dataset: %s holds no val split (questions/val): give -split train, or a zip that has one", data)
	}
	return val, nil
}

// qaFile reads the dataset file at path with dataset.ReadFiles, as the studio's training panel
// reads a file given to it: its format told by its extension (.zip FairytaleQA, .json SQuAD,
// .csv the book's), its size bounded by dataset.MaxDatasetBytes before it is read. It returns
// the examples to train on, those to validate on (a zip's val split; none otherwise) and the
// format in words. Errors name the file as path.
func qaFile(path string) (train, val dataset.Set, kind string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, "", err
	}
	defer f.Close()
	// One byte over the bound, so that ReadFiles refuses a file that grew since it was opened.
	b, err := io.ReadAll(io.LimitReader(f, dataset.MaxDatasetBytes+1))
	if err != nil {
		return nil, nil, "", fmt.Errorf("dataset: %s: %v", path, err)
	}
	return dataset.ReadFiles([]dataset.File{{Name: path, Data: b}})
}

// isDir reports whether path is a folder, and refuses what is neither a folder nor a regular
// file (a device, a pipe), which could not be read to its end.
func isDir(path string) (bool, error) {
	st, err := os.Stat(path)
	switch {
	case err != nil:
		return false, err
	case st.IsDir():
		return true, nil
	case !st.Mode().IsRegular():
		return false, fmt.Errorf("dataset: %s is neither a folder nor a regular file", path)
	}
	return false, nil
}

// isZip reports whether path names a zip, as dataset.ReadFiles tells one.
func isZip(path string) bool { return strings.EqualFold(filepath.Ext(path), ".zip") }
