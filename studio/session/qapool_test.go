package session

import (
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"fabulist/internal/need"
	"fabulist/model/qa"
	"fabulist/model/qa/dataset"
	"fabulist/model/qa/qatest"
	"fabulist/studio/proto"
)

// qaWeights trains a question run on the pool's k workers to the end and returns its weights.
func qaWeights(t *testing.T, k int) []float32 {
	t.Helper()
	s := New()
	s.SetPool(LocalPool{N: 2})
	m := qaTrainMsg(1, "ftq.zip", qatest.FairytaleQAZip(t, 6), 2)
	m.QATrain.Workers = k
	out := s.Handle(m)
	if out[0].Kind != proto.QAState || out[0].QARun.Workers != k {
		t.Fatalf("qa-train on %d workers answered %v %+v", k, kinds(out), out[0].QARun)
	}
	runQA(t, s)
	return slices.Clone(s.qa.Net.Params().Data)
}

// TestQATrainOnThePool checks that a question run shares its batches among the pool's workers:
// the same weights for the same count, and within rounding of one worker's.
func TestQATrainOnThePool(t *testing.T) {
	one, two, again := qaWeights(t, 1), qaWeights(t, 2), qaWeights(t, 2)
	if !slices.Equal(two, again) {
		t.Error("two runs on 2 workers differ")
	}
	var worst float64
	for i := range one {
		d := float64(one[i] - two[i])
		worst = max(worst, d*d)
	}
	if slices.Equal(one, two) || worst > 1e-6 {
		t.Errorf("2 workers against 1: identical %v, worst squared difference %g; want rounding apart", slices.Equal(one, two), worst)
	}
}

// TestQAAndTextRunsTakeTurnsOnThePool checks that each run starts its helpers again after the
// other has had them: a text run after a question run, then the question run resumed.
func TestQAAndTextRunsTakeTurnsOnThePool(t *testing.T) {
	s := New()
	s.SetPool(LocalPool{N: 2})
	m := qaTrainMsg(1, "ftq.zip", qatest.FairytaleQAZip(t, 12), 2)
	m.QATrain.Workers = 2
	s.Handle(m)
	s.Step()
	s.Handle(proto.Message{Kind: proto.QAStop})
	if out := s.Handle(proto.Message{Kind: proto.Train, Text: koreanText(t), Config: tinyConfig(), Workers: 2}); out[0].State != proto.Training {
		t.Fatalf("text train answered %v", kinds(out))
	}
	for range 3 {
		for _, m := range s.Step() {
			if m.Kind == proto.Error {
				t.Fatalf("text run on the pool after a question run: %s", m.Error)
			}
		}
	}
	s.Handle(proto.Message{Kind: proto.Stop})
	if out := s.Handle(proto.Message{Kind: proto.QAResume}); out[0].State != proto.Training {
		t.Fatalf("qa-resume answered %v %v", kinds(out), out[0].Error)
	}
	runQA(t, s)
	if s.qat.phase != proto.Done {
		t.Errorf("the resumed question run ended %s; want done", s.qat.phase)
	}
	if out := s.Handle(proto.Message{Kind: proto.Resume}); out[0].State != proto.Training {
		t.Fatalf("text resume answered %v", kinds(out))
	}
	for _, m := range s.Step() {
		if m.Kind == proto.Error {
			t.Fatalf("text run resumed after the question run: %s", m.Error)
		}
	}
}

func TestQAExamplesRoundTrip(t *testing.T) {
	exs := []qa.Example{
		{Passage: []int32{4, 5, 1}, Source: []int32{4, 5, 9}, Tags: []int32{0, 1, 1}, Question: []int32{6, 9}},
		{Passage: []int32{7}, Source: []int32{7}, Tags: []int32{1}},
	}
	got, err := DecodeQAExamples(EncodeQAExamples(exs), 9)
	if err != nil || len(got) != 2 || !reflect.DeepEqual(got[0], exs[0]) || !slices.Equal(got[1].Passage, exs[1].Passage) {
		t.Fatalf("got %+v, %v; want %+v", got, err, exs)
	}
	good := EncodeQAExamples(exs)
	for _, tc := range []struct {
		name string
		b    []byte
		V    int
	}{
		{"empty", nil, 9},
		{"cut short", good[:len(good)-1], 9},
		{"trailing bytes", append(slices.Clone(good), 0), 9},
		{"an extended id past the vocabulary", good, 6},
		{"huge count", binary.LittleEndian.AppendUint32(nil, 1<<31), 9},
		{"unequal lengths", EncodeQAExamples([]qa.Example{{Passage: []int32{4}, Source: []int32{4, 4}, Tags: []int32{0}}}), 9},
		{"tag not 0 or 1", EncodeQAExamples([]qa.Example{{Passage: []int32{4}, Source: []int32{4}, Tags: []int32{2}}}), 9},
		{"question id past the extended vocabulary", EncodeQAExamples([]qa.Example{{Passage: []int32{4}, Source: []int32{4}, Tags: []int32{0}, Question: []int32{10}}}), 9},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got, err := DecodeQAExamples(tc.b, tc.V); err == nil || !strings.Contains(err.Error(), "malformed") {
				t.Errorf("got %d examples, error %v; want a malformed-examples error", len(got), err)
			}
		})
	}
}

func FuzzDecodeQAExamples(f *testing.F) {
	f.Add(EncodeQAExamples([]qa.Example{{Passage: []int32{4, 5}, Source: []int32{4, 9}, Tags: []int32{0, 1}, Question: []int32{9}}}), 8)
	f.Fuzz(func(t *testing.T, b []byte, V int) {
		if V < 5 || V > 1<<17 {
			return
		}
		exs, err := DecodeQAExamples(b, V)
		if err != nil {
			return
		}
		qa.MakeBatch(exs, V) // must not panic on what the decoder let through
	})
}

// BenchmarkQATrainPageDefaults trains the page's default question run (the small model, 300
// examples an epoch of FairytaleQA's train split) natively, batch by batch, and reports
// examples/s: what a browser's one worker is measured against, and whether an epoch of the
// defaults takes a minute or two.
func BenchmarkQATrainPageDefaults(b *testing.B) {
	var files []dataset.File
	root := need.DataPath(b, "fairytaleqa")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(path, string(filepath.Separator)+"train"+string(filepath.Separator)) {
			return err
		}
		data, err := os.ReadFile(path)
		rel, _ := filepath.Rel(root, path)
		files = append(files, dataset.File{Name: filepath.ToSlash(rel), Data: data})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	m := proto.Message{Kind: proto.QATrain, QATrain: &proto.QATrainOptions{Epochs: proto.QADefaultEpochs, Examples: proto.QADefaultExamples}}
	for _, f := range files {
		m.FileNames, m.Files = append(m.FileNames, f.Name), append(m.Files, f.Data)
	}
	s := New()
	if out := s.Handle(m); out[0].Kind != proto.QAState {
		b.Fatalf("qa-train answered %v", out[0].Error)
	}
	s.Step() // first-touch of buffers
	pairs := 0
	b.ResetTimer()
	for b.Loop() {
		if !s.Busy() {
			b.Fatal("the run ended before the benchmark")
		}
		before := s.qat.pairs
		s.Step()
		pairs += s.qat.pairs - before
	}
	b.ReportMetric(float64(pairs)/b.Elapsed().Seconds(), "examples/s")
}

// TestQAReplicaOfEachArch makes a helper's replica from a model file and its examples, as a
// worker does, for both architectures (a book model was refused before it had replicas), and has
// it compute a share: a gradient of the model's size that is not all zero.
func TestQAReplicaOfEachArch(t *testing.T) {
	for _, arch := range []qa.Arch{qa.ArchDefault, qa.ArchBook} {
		t.Run(string(arch), func(t *testing.T) {
			run := qatest.TinyRun(t, fable, arch)
			file, err := qa.Encode(run.Model)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := NewQAReplica(file, EncodeQAExamples(run.Examples()))
			if err != nil {
				t.Fatalf("replica: %v", err)
			}
			copy(rep.Weights(), run.Model.Net.Params().Data)
			g, _, err := rep.Gradient([]int32{40, 12, 0, 1}, 0, 3)
			if err != nil {
				t.Fatal(err)
			}
			if len(g) != len(run.Model.Net.Params().Data) || !slices.ContainsFunc(g, func(v float32) bool { return v != 0 }) {
				t.Errorf("a share's gradient of %d values, all zero %v; want %d, not all zero", len(g),
					!slices.ContainsFunc(g, func(v float32) bool { return v != 0 }), len(run.Model.Net.Params().Data))
			}
		})
	}
}
