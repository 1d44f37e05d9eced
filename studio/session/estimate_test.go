package session

import (
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// The estimate's first step makes its run of the analysis' own corpus (no second Prepare of the
// text) with weights that cost nothing to draw: the book model's orthogonal recurrent kernel and
// a new Prepare made that step about a second in wasm, which a Find questions just after a paste
// waited behind. The forget gate's bias of 1, which NewNet sets, marks Keras' initialisers.
func TestTheEstimatesRunIsMadeCheaply(t *testing.T) {
	s := New()
	book := lm.BookConfig()
	s.Handle(proto.Message{Kind: proto.Analyze, Text: koreanText(t), Config: &book})
	job := s.estimate
	if job == nil {
		t.Fatal("no estimate scheduled")
	}
	s.Step()
	if job.run == nil {
		t.Fatal("the estimate's first step made no run")
	}
	if job.run.Corpus != job.corpus {
		t.Error("the estimate prepared the text again; want the analysis' corpus")
	}
	for i, w := range job.run.Net.P.Data {
		if w < -0.05 || w > 0.05 {
			t.Fatalf("parameter %d is %v; want U(±0.05), not Keras' initialisers", i, w)
		}
	}
}
