package dataset

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// zipOf is a zip archive of files (path → content) under the folder top ("": at its root), with
// an entry for each folder as archivers write them.
func zipOf(t testing.TB, top string, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	if top != "" {
		if _, err := z.Create(top + "/"); err != nil {
			t.Fatal(err)
		}
		top += "/"
	}
	for name, content := range files {
		w, err := z.Create(top + name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(content))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ftqSplits is ftqTree's two stories as a train split and a val split.
func ftqSplits() map[string]string {
	files := map[string]string{}
	for name, content := range ftqTree() {
		files[name] = content
		files[strings.Replace(name, "/val/", "/train/", 1)] = content
	}
	return files
}

func TestReadFiles(t *testing.T) {
	var folder []File
	for name, content := range ftqSplits() {
		folder = append(folder, File{Name: "FairytaleQA/" + name, Data: []byte(content)})
	}
	for _, tc := range []struct {
		name      string
		files     []File
		kind      string
		train     int
		val       int
		trainFrom string // the Source of the first training example starts with it
	}{
		{"zip with a top folder", []File{{"ftq.zip", zipOf(t, "data-by-train-split", ftqSplits())}}, "FairytaleQA (zip)", 4, 4,
			"data-by-train-split/questions/train/fox-questions.csv:2"},
		{"zip without a top folder", []File{{"FTQ.ZIP", zipOf(t, "", ftqSplits())}}, "FairytaleQA (zip)", 4, 4,
			"questions/train/fox-questions.csv:2"},
		{"zip of a train split alone", []File{{"t.zip", zipOf(t, "", map[string]string{
			"questions/train/fox-questions.csv":   ftqTree()["questions/val/fox-questions.csv"],
			"section-stories/train/fox-story.csv": ftqStory})}}, "FairytaleQA (zip)", 3, 0, "questions/train/fox-questions.csv:2"},
		{"dropped folder", folder, "FairytaleQA (folder)", 4, 4, "FairytaleQA/questions/train/fox-questions.csv:2"},
		{"SQuAD JSON", []File{{"dev.json", []byte(squadSample)}}, "SQuAD JSON", 3, 0, "dev.json:data[0].paragraphs[0].qas[0]"},
		{"book CSV", []File{{"train.csv", []byte(bookHeader + "s,옛날 🦊 여우가 포도를,Q ?,2:3\n")}}, "the book's CSV", 1, 0, "train.csv:2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			train, val, kind, err := ReadFiles(tc.files)
			if err != nil {
				t.Fatal(err)
			}
			if kind != tc.kind || len(train) != tc.train || len(val) != tc.val {
				t.Fatalf("got %s with %d training and %d validation examples; want %s with %d and %d", kind, len(train), len(val), tc.kind, tc.train, tc.val)
			}
			if !strings.HasPrefix(train[0].Source, tc.trainFrom) {
				t.Errorf("got source %q; want it to start %q", train[0].Source, tc.trainFrom)
			}
			checkSet(t, train, nil, tc.kind != "FairytaleQA (zip)" && tc.kind != "FairytaleQA (folder)")
		})
	}
}

func TestReadFilesErrors(t *testing.T) {
	badQuestions := ftqSplits()
	badQuestions["questions/train/fox-questions.csv"] = ftqHeader + "1,local,9,c,,Q?,explicit,grapes,,,explicit,grapes,,\n"
	for _, tc := range []struct {
		name  string
		files []File
		want  string
	}{
		{"no files", nil, "no files"},
		{"bad CSV in a zip names its path and line", []File{{"d.zip", zipOf(t, "ftq", badQuestions)}},
			"dataset: ftq/questions/train/fox-questions.csv:2: cor_section: section 9 is not in the story"},
		{"bad CSV in a folder names its path and line", []File{
			{"d/questions/train/fox-questions.csv", []byte(badQuestions["questions/train/fox-questions.csv"])},
			{"d/section-stories/train/fox-story.csv", []byte(ftqStory)}},
			"dataset: d/questions/train/fox-questions.csv:2: cor_section"},
		{"missing story file in a zip", []File{{"d.zip", zipOf(t, "", map[string]string{
			"questions/train/fox-questions.csv": badQuestions["questions/train/fox-questions.csv"]})}},
			"section-stories/train/fox-story.csv: file does not exist"},
		{"zip without FairytaleQA", []File{{"d.zip", zipOf(t, "", map[string]string{"notes.txt": "hello"})}},
			"not laid out as FairytaleQA"},
		{"zip without a train split", []File{{"d.zip", zipOf(t, "", ftqTree())}}, `has no split "train"; it has val`},
		{"empty zip", []File{{"empty.zip", zipOf(t, "", nil)}}, "empty.zip: the archive is empty"},
		{"not a zip", []File{{"x.zip", []byte("PK but not really")}}, "x.zip: not a zip archive"},
		{"wrong JSON", []File{{"d.json", []byte(`{"data": {"paragraphs": 3}}`)}}, "d.json:1: column 10"},
		{"JSON that is not SQuAD", []File{{"d.json", []byte(`{"version": "1"}`)}}, `d.json: no "data" array`},
		{"bad book CSV", []File{{"b.csv", []byte(bookHeader + "s,a b,Q,\"1:2\n")}}, "b.csv:2"},
		{"a lone FairytaleQA file", []File{{"fox-questions.csv", []byte(ftqTree()["questions/val/fox-questions.csv"])}},
			"one file of FairytaleQA: give its whole folder"},
		{"another kind of file", []File{{"story.txt", []byte("Once upon a time")}}, "story.txt: not a dataset"},
		{"a path out of the folder", []File{{"../x.csv", nil}, {"y.csv", nil}}, `"../x.csv" is not a file's path`},
		{"a path given twice", []File{{"a/x.csv", nil}, {"/a/x.csv", nil}}, "a/x.csv is given twice"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			train, val, _, err := ReadFiles(tc.files)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got error %v; want one containing %q", err, tc.want)
			}
			if train != nil || val != nil {
				t.Errorf("got %d and %d examples with the error; want none", len(train), len(val))
			}
		})
	}
}

// TestReadFilesBounds checks that a zip bomb, too many files and too many bytes are refused from
// what the zip declares and what was handed over, before anything is inflated or parsed.
func TestReadFilesBounds(t *testing.T) {
	defer func(b int64, n int) { maxDatasetBytes, maxDatasetFiles = b, n }(maxDatasetBytes, maxDatasetFiles)
	maxDatasetBytes, maxDatasetFiles = 1<<20, 8
	var bomb bytes.Buffer
	z := zip.NewWriter(&bomb)
	w, _ := z.Create("questions/train/a-questions.csv")
	w.Write(make([]byte, 3<<20)) // 3 MB of zeros deflate to a few kB
	z.Close()
	if bomb.Len() > 64<<10 {
		t.Fatalf("the bomb takes %d bytes; the test wants it small", bomb.Len())
	}
	many := map[string]string{}
	for i := range 9 {
		many[strings.Repeat("x", i+1)+".csv"] = "a"
	}
	for _, tc := range []struct {
		name  string
		files []File
		want  string
	}{
		{"zip bomb", []File{{"bomb.zip", bomb.Bytes()}}, "bomb.zip: the archive would inflate to more than 1 MB"},
		{"zip of too many files", []File{{"many.zip", zipOf(t, "top", many)}}, "many.zip: the archive holds more than 8 files"},
		{"too many files", make([]File, 9), "9 files is more than the 8"},
		{"too many bytes", []File{{"a.json", make([]byte, 600<<10)}, {"b.json", make([]byte, 600<<10)}}, "more than the 1 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, _, _, err := ReadFiles(tc.files); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got error %v; want one containing %q", err, tc.want)
			}
		})
	}
}

// TestReadFairytaleQAFSLimit checks that a file over the bound is refused by its size before it
// is read, naming its path in the zip.
func TestReadFairytaleQAFSLimit(t *testing.T) {
	defer func(n int64) { maxFileBytes = n }(maxFileBytes)
	maxFileBytes = 300
	files := ftqSplits()
	files["section-stories/train/fox-story.csv"] = ftqStory + strings.Repeat("4,x\n", 100)
	fsys, err := OpenZip("d.zip", zipOf(t, "", files))
	if err != nil {
		t.Fatal(err)
	}
	_, err = ReadFairytaleQAFS(fsys, "train")
	checkError(t, err, "section-stories/train/fox-story.csv", 0, "file is over 300 bytes")
}

// FuzzReadFilesZip fuzzes the zip entry point: whatever the bytes, ReadFiles returns examples
// whose spans hold, or an error and none, and never panics.
func FuzzReadFilesZip(f *testing.F) {
	f.Add(zipOf(f, "ftq", ftqSplits()))
	f.Add(zipOf(f, "", ftqTree()))
	f.Add(zipOf(f, "", nil))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		train, val, _, err := ReadFiles([]File{{"f.zip", data}})
		if err != nil {
			if train != nil || val != nil {
				t.Fatalf("got %d and %d examples with error %v; want none", len(train), len(val), err)
			}
			return
		}
		checkSet(t, train, nil, false)
		checkSet(t, val, nil, false)
	})
}
