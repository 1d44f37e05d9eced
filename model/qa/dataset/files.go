package dataset

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Bounds of a dataset handed over in memory (ReadFiles, OpenZip): what a browser tab can hold
// beside the model. FairytaleQA's data-by-train-split folder is about 1,700 files and 20 MB;
// SQuAD v2.0's train file is about 40 MB.
const (
	MaxDatasetFiles = 4096
	MaxDatasetBytes = 128 << 20
)

// maxDatasetBytes and maxDatasetFiles are the bounds, lowered by the tests.
var (
	maxDatasetBytes int64 = MaxDatasetBytes
	maxDatasetFiles       = MaxDatasetFiles
)

// File is one file of a dataset handed over in memory: its path, slash-separated (a dropped
// folder's files keep their paths in it, as webkitRelativePath gives them), and its bytes.
type File struct {
	Name string
	Data []byte
}

// ReadSQuADBytes reads SQuAD JSON data that came from the file name, as ReadSQuAD reads a file.
func ReadSQuADBytes(name string, data []byte) (Set, error) {
	if err := checkSize(name, int64(len(data))); err != nil {
		return nil, err
	}
	return parseSQuAD(name, data)
}

// ReadBookCSVBytes reads the book's CSV data that came from the file name, as ReadBookCSV reads
// a file.
func ReadBookCSVBytes(name string, data []byte) (Set, error) {
	if err := checkSize(name, int64(len(data))); err != nil {
		return nil, err
	}
	return parseBookCSV(name, data)
}

func checkSize(name string, n int64) error {
	if n > maxFileBytes {
		return &Error{File: name, Msg: fmt.Sprintf("file is over %d bytes", maxFileBytes)}
	}
	return nil
}

// readFSFile reads a whole file of fsys at p (named name in errors), refusing one whose size is
// over maxFileBytes before reading it, and one that turns out longer than that as it is read.
func readFSFile(fsys fs.FS, p, name string) ([]byte, error) {
	f, err := fsys.Open(p)
	if err != nil {
		return nil, fmt.Errorf("dataset: %s: %w", name, unwrapPath(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil {
		if err := checkSize(name, st.Size()); err != nil {
			return nil, err
		}
	}
	b, err := io.ReadAll(io.LimitReader(f, maxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("dataset: %s: %w", name, unwrapPath(err))
	}
	if err := checkSize(name, int64(len(b))); err != nil {
		return nil, err
	}
	return b, nil
}

// unwrapPath drops a *fs.PathError's own path, which the caller names better.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// OpenZip opens a zip archive held in memory as a file system, after checking what its
// directory declares: at most MaxDatasetFiles files and MaxDatasetBytes uncompressed bytes in
// all, so that a zip bomb is refused before anything is inflated (archive/zip fails a read that
// inflates past an entry's declared size). name is the archive's name in errors.
func OpenZip(name string, data []byte) (fs.FS, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &Error{File: name, Msg: "not a zip archive (" + strings.TrimPrefix(err.Error(), "zip: ") + ")"}
	}
	var total uint64
	files := 0
	for _, f := range z.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		files++
		total += f.UncompressedSize64
		switch {
		case files > maxDatasetFiles:
			return nil, &Error{File: name, Msg: fmt.Sprintf("the archive holds more than %d files", maxDatasetFiles)}
		case f.UncompressedSize64 > uint64(maxDatasetBytes) || total > uint64(maxDatasetBytes):
			return nil, &Error{File: name, Msg: fmt.Sprintf("the archive would inflate to more than %d MB (a zip bomb?)", maxDatasetBytes>>20)}
		}
	}
	if files == 0 {
		return nil, &Error{File: name, Msg: "the archive is empty"}
	}
	return z, nil
}

// ReadFiles reads a dataset handed over in memory, telling its format from what it was given:
//
//   - one .zip: a FairytaleQA folder inside it (at its root or in a folder of its own), read by
//     ReadFairytaleQAFS;
//   - several files: a dropped FairytaleQA folder, read the same way;
//   - one .json: SQuAD (ReadSQuADBytes);
//   - one .csv: the book's CSV (ReadBookCSVBytes); a lone FairytaleQA file is refused with what
//     to give instead.
//
// It returns the examples to train on, those to validate on (FairytaleQA's val split when the
// folder has one; none otherwise), and what was read, in words ("FairytaleQA (zip)"). The files
// together are bounded by MaxDatasetFiles and MaxDatasetBytes. Errors are *Error naming the file
// (its path in the folder or zip) and line, or say what the files are not.
func ReadFiles(files []File) (train, val Set, kind string, err error) {
	if len(files) == 0 {
		return nil, nil, "", errors.New("dataset: no files")
	}
	if len(files) > maxDatasetFiles {
		return nil, nil, "", fmt.Errorf("dataset: %d files is more than the %d a dataset may have", len(files), maxDatasetFiles)
	}
	var total int64
	for _, f := range files {
		total += int64(len(f.Data))
	}
	if total > maxDatasetBytes {
		return nil, nil, "", fmt.Errorf("dataset: the files take %d MB, more than the %d MB a dataset may take", total>>20, maxDatasetBytes>>20)
	}
	if len(files) == 1 {
		f := files[0]
		switch ext := strings.ToLower(path.Ext(f.Name)); ext {
		case ".zip":
			fsys, err := OpenZip(f.Name, f.Data)
			if err != nil {
				return nil, nil, "", err
			}
			train, val, err := readFairytaleSplits(fsys)
			return train, val, "FairytaleQA (zip)", err
		case ".json":
			set, err := ReadSQuADBytes(f.Name, f.Data)
			return set, nil, "SQuAD JSON", err
		case ".csv":
			if isFairytaleFile(f.Data) {
				return nil, nil, "", &Error{File: f.Name, Msg: "this is one file of FairytaleQA: give its whole folder (questions/ and section-stories/), or a zip of it"}
			}
			set, err := ReadBookCSVBytes(f.Name, f.Data)
			return set, nil, "the book's CSV", err
		default:
			return nil, nil, "", &Error{File: f.Name, Msg: "not a dataset: give a FairytaleQA folder or .zip, a SQuAD .json, or the book's .csv"}
		}
	}
	fsys, err := memFS(files)
	if err != nil {
		return nil, nil, "", err
	}
	train, val, err = readFairytaleSplits(fsys)
	return train, val, "FairytaleQA (folder)", err
}

// isFairytaleFile reports whether CSV data starts with a header of FairytaleQA's files.
func isFairytaleFile(data []byte) bool {
	line, _, _ := bytes.Cut(bytes.TrimPrefix(data, []byte("\ufeff")), []byte("\n"))
	h := string(bytes.TrimSpace(line))
	return strings.Contains(h, "question_id") && strings.Contains(h, "cor_section") || h == "section,text"
}

// readFairytaleSplits reads FairytaleQA's train split and, when there is one, its val split.
func readFairytaleSplits(fsys fs.FS) (train, val Set, err error) {
	if train, err = ReadFairytaleQAFS(fsys, "train"); err != nil {
		return nil, nil, err
	}
	root, _ := findSplit(fsys, "train")
	if st, err := fs.Stat(fsys, path.Join(root, "questions", "val")); err != nil || !st.IsDir() {
		return train, nil, nil
	}
	if val, err = readFairytaleQA(fsys, root, "val", func(p string) string { return p }, "the dataset"); err != nil {
		return nil, nil, err
	}
	return train, val, nil
}

// memFS is files as a read-only file system whose folders are the paths' folders.
func memFS(files []File) (fs.FS, error) {
	m := mapFS{}
	for _, f := range files {
		p := path.Clean(strings.TrimLeft(strings.ReplaceAll(f.Name, `\`, "/"), "/"))
		if !fs.ValidPath(p) || p == "." {
			return nil, fmt.Errorf("dataset: %q is not a file's path in a folder", f.Name)
		}
		if _, dup := m[p]; dup {
			return nil, fmt.Errorf("dataset: %s is given twice", p)
		}
		m[p] = f.Data
	}
	for p := range m { // a path both a file and a folder ("a" and "a/b")
		for d := path.Dir(p); d != "."; d = path.Dir(d) {
			if _, ok := m[d]; ok {
				return nil, fmt.Errorf("dataset: %s is both a file and a folder", d)
			}
		}
	}
	return m, nil
}

// mapFS maps clean slash paths to the bytes of files; a folder is any prefix of a path.
type mapFS map[string][]byte

func (m mapFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if b, ok := m[name]; ok {
		return &memFile{info: memInfo{name: path.Base(name), size: int64(len(b))}, r: bytes.NewReader(b)}, nil
	}
	entries, err := m.ReadDir(name)
	if err != nil {
		return nil, err
	}
	return &memDir{info: memInfo{name: path.Base(name), dir: true}, entries: entries}, nil
}

// ReadDir lists a folder's files and folders in name order.
func (m mapFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	prefix := name + "/"
	if name == "." {
		prefix = ""
	}
	seen := map[string]fs.DirEntry{}
	for p, b := range m {
		rest, ok := strings.CutPrefix(p, prefix)
		if !ok {
			continue
		}
		if child, _, isDir := strings.Cut(rest, "/"); isDir {
			seen[child] = fs.FileInfoToDirEntry(memInfo{name: child, dir: true})
		} else {
			seen[child] = fs.FileInfoToDirEntry(memInfo{name: child, size: int64(len(b))})
		}
	}
	if len(seen) == 0 && name != "." {
		if _, isFile := m[name]; isFile {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a folder")}
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}

type memInfo struct {
	name string
	size int64
	dir  bool
}

func (i memInfo) Name() string { return i.name }
func (i memInfo) Size() int64  { return i.size }
func (i memInfo) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return i.dir }
func (i memInfo) Sys() any           { return nil }

type memFile struct {
	info memInfo
	r    *bytes.Reader
}

func (f *memFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *memFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *memFile) Close() error               { return nil }

type memDir struct {
	info    memInfo
	entries []fs.DirEntry
}

func (d *memDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *memDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: errors.New("is a folder")}
}
func (d *memDir) Close() error { return nil }

// ReadDir returns the folder's next n entries (all for n ≤ 0), as fs.ReadDirFile says.
func (d *memDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}
