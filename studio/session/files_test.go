package session

import (
	"archive/zip"
	"bytes"
	"slices"
	"strings"
	"testing"

	"fabulist/model/fab"
	"fabulist/model/lm"
	"fabulist/studio/proto"
)

func trainedSession(t *testing.T, epochs int) *Session {
	t.Helper()
	s := New()
	cfg := tinyConfig()
	cfg.Epochs = epochs
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
	for s.Busy() {
		s.Step()
	}
	return s
}

func TestExportThenImportResumesTraining(t *testing.T) {
	s := New()
	cfg := tinyConfig()
	cfg.Epochs = 3
	s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: cfg})
	for range s.run.Trainer.Batches() + 3 { // into the second epoch
		s.Step()
	}
	s.Handle(proto.Message{Kind: proto.Stop})
	ex := s.Handle(proto.Message{Kind: proto.Export, Format: "fabulist"})[0]
	if ex.Kind != proto.Exported || len(ex.File) == 0 {
		t.Fatalf("export: %+v", ex.Kind)
	}
	// The same run, carried on in this session, is what the imported one must reproduce.
	s.Handle(proto.Message{Kind: proto.Resume})
	for s.Busy() {
		s.Step()
	}

	other := New()
	in := other.Handle(proto.Message{Kind: proto.Import, File: ex.File, Text: koreanText(t)})
	if in[0].Kind != proto.Imported || in[0].State != proto.Stopped || *in[0].Config != *cfg {
		t.Fatalf("import with its text: %+v", in[0])
	}
	other.Handle(proto.Message{Kind: proto.Resume})
	for other.Busy() {
		other.Step()
	}
	if !slices.Equal(other.gen.Net.P.Data, s.gen.Net.P.Data) {
		t.Error("a run exported, imported and resumed differs from the one that went on")
	}
}

func TestImportWithoutTheTextCanWriteButNotTrain(t *testing.T) {
	s := trainedSession(t, 1)
	ex := s.Handle(proto.Message{Kind: proto.Export})[0]
	other := New()
	in := other.Handle(proto.Message{Kind: proto.Import, File: ex.File, Text: "another text"})
	if in[0].State != proto.Done || other.Busy() {
		t.Errorf("imported without its text: %+v", in[0])
	}
	if g := other.Handle(proto.Message{Kind: proto.Predict, Prompt: "토끼", K: 5}); g[0].Kind != proto.Candidates {
		t.Errorf("the imported model cannot write: %+v", g[0])
	}
}

func TestBadModelFilesChangeNothing(t *testing.T) {
	s := trainedSession(t, 1)
	good := s.Handle(proto.Message{Kind: proto.Export})[0].File
	before := append([]float32(nil), s.gen.Net.P.Data...)
	corrupt := append([]byte(nil), good...)
	corrupt[len(corrupt)/2] ^= 1
	questions := append([]byte(nil), good...)
	copy(questions[12:], fab.QuestionGenerator)
	newer := append([]byte(nil), good...)
	newer[8] = fab.Version + 1
	cases := map[string][]byte{
		"not a Fabulist model": []byte("hello, I am a text file"),
		"cut short":            good[:len(good)/3],
		"corrupted":            corrupt,
		// A file whose header says question model opens as one (questions.go): this one is not.
		"cannot be read (invalid model file: configuration: qa: architecture \"\" is neither default nor book); the open question model is unchanged": questions,
		"unsupported model file version: 3 (this version of Fabulist reads versions 1 to 2)":                                                          newer,
	}
	for want, file := range cases {
		t.Run(want, func(t *testing.T) {
			out := s.Handle(proto.Message{Kind: proto.Import, File: file})
			if out[0].Kind != proto.Error || !strings.Contains(out[0].Error, want) || !strings.Contains(out[0].Error, "unchanged") {
				t.Errorf("got %+v; want an error saying %q and that the model is unchanged", out[0], want)
			}
		})
	}
	if !slices.Equal(before, s.gen.Net.P.Data) || s.phase != proto.Done {
		t.Error("a refused file changed the model")
	}
}

func TestTFJSExportIsAZipOfThreeFiles(t *testing.T) {
	s := trainedSession(t, 1)
	ex := s.Handle(proto.Message{Kind: proto.Export, Format: "tfjs"})[0]
	z, err := zip.NewReader(bytes.NewReader(ex.File), int64(len(ex.File)))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range z.File {
		names = append(names, f.Name)
		// zip's zero time is written as the date 1980-00-00, which unzip tools call invalid
		if f.ModifiedDate>>5&0xf == 0 || f.ModifiedDate&0x1f == 0 {
			t.Errorf("%s is dated %#04x (month %d, day %d): not a date", f.Name, f.ModifiedDate, f.ModifiedDate>>5&0xf, f.ModifiedDate&0x1f)
		}
	}
	if !slices.Equal(names, []string{"model.json", lm.TFJSShard, "vocab.json"}) {
		t.Errorf("zip holds %v", names)
	}
}
