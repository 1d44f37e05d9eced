// Package dataset reads question–answer datasets into one shape, Example, for training and
// scoring the question model of package qa: FairytaleQA (ReadFairytaleQA), SQuAD v1.1 and v2.0
// (ReadSQuAD) and the CSV of Generative Deep Learning's chapter 6, made from NewsQA (ReadBookCSV).
//
// Offsets are rune offsets (Unicode code points) into Example.Passage, never bytes, so that a
// span is the same in Go, in JavaScript's code points and in Python's str. A malformed file is
// refused whole with an *Error that names the file and the line (and the field where it helps);
// no reader panics on any input, which the fuzz tests check. Files over MaxFileBytes are refused.
//
// Each reader has a form over memory, for a browser that has no file system: ReadFairytaleQAFS
// over an fs.FS (a dropped folder, or a zip opened with OpenZip), and ReadSQuADBytes and
// ReadBookCSVBytes over bytes; ReadFiles tells the format from the files it is given, within
// MaxDatasetFiles and MaxDatasetBytes. The path readers are these over the file system.
package dataset

import (
	"fmt"
	"io"
	"os"
)

// MaxFileBytes bounds each file a reader opens (64 MiB). The largest file we know of, SQuAD
// v2.0's train-v2.0.json, is about 40 MB; FairytaleQA's files are under 50 kB.
const MaxFileBytes = 64 << 20

// Example is one question about a passage, with its answers.
type Example struct {
	// ID names the question: "<story>/<question_id>" for FairytaleQA (not unique: a few of its
	// files repeat a question_id), the question's id for SQuAD, and "<story_id>/<n>" (n counting
	// the story's rows from 1) for the book's CSV.
	ID       string
	Passage  string
	Question string
	// Answers holds the reference answers, the main one first. It is empty for a SQuAD v2.0
	// question marked is_impossible and for a book CSV row whose range is -1:-1.
	Answers []string
	// Start and End are the rune offsets of the main answer in Passage, End exclusive; both are
	// -1 when the answer is not a span of the passage.
	Start, End int
	// Source says where the example was read: "file:line" for the CSV formats, and
	// "file:data[i].paragraphs[j].qas[k]" for SQuAD's JSON.
	Source string
}

// IsSpan reports whether the main answer is a span of the passage.
func (e Example) IsSpan() bool { return e.Start >= 0 }

// Span returns the passage's runes [Start, End), or "" when the answer is not a span.
func (e Example) Span() string {
	if e.Start < 0 {
		return ""
	}
	return string([]rune(e.Passage)[e.Start:e.End])
}

// Set is the examples read from a dataset, in file order.
type Set []Example

// Spans counts the examples whose main answer is a span of their passage.
func (s Set) Spans() int {
	n := 0
	for _, e := range s {
		if e.IsSpan() {
			n++
		}
	}
	return n
}

// Spanned returns the examples whose main answer is a span, the subset a span tagger can learn.
func (s Set) Spanned() Set {
	var out Set
	for _, e := range s {
		if e.IsSpan() {
			out = append(out, e)
		}
	}
	return out
}

// Error is a malformed input: the file, the line (1-based; 0 when the place is not a line, as
// in SQuAD's JSON, where Where names the JSON path instead) and, where it helps, the field.
type Error struct {
	File  string
	Line  int
	Where string // a CSV column name, or a JSON path such as data[0].paragraphs[2].qas[1]
	Msg   string
}

// Error formats the error as "dataset: file:line: where: message", leaving out what is unknown.
func (e *Error) Error() string {
	s := "dataset: " + e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
	}
	if e.Where != "" {
		s += ": " + e.Where
	}
	return s + ": " + e.Msg
}

// maxFileBytes is MaxFileBytes, lowered by the tests.
var maxFileBytes int64 = MaxFileBytes

// readFile reads a whole file, refusing one over maxFileBytes before reading it all.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	if int64(len(b)) > maxFileBytes {
		return nil, &Error{File: path, Msg: fmt.Sprintf("file is over %d bytes", maxFileBytes)}
	}
	return b, nil
}
