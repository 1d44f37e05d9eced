package session

import (
	"strings"
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

// TestAnAnalysisAskedAgainIsNotTimedAgain: the page asks for the analysis again whenever a
// setting changes, the number of workers too, which the settings leave out, and mostly after a
// stop, when the session holds the stopped run. The same text under the same settings gets the
// seconds per epoch at once, with no timing run beside the held run (in the browser a network of
// its own, 31 MB for the book's model, in a worker's memory that never shrinks); other settings
// or another text are timed.
func TestAnAnalysisAskedAgainIsNotTimedAgain(t *testing.T) {
	s := New()
	cfg := tinyConfig()
	text := koreanText(t)
	analyse := func(text string, cfg *lm.Config) *proto.TextAnalysis {
		t.Helper()
		out := s.Handle(proto.Message{Kind: proto.Analyze, Text: text, Config: cfg})
		if a := find(out, proto.Analysis); a != nil && a.Analysis != nil {
			return a.Analysis
		}
		t.Fatalf("analyze answered %v", kinds(out))
		return nil
	}
	timed := func() float64 {
		t.Helper()
		for s.estimate != nil {
			for _, m := range s.Step() {
				if m.Kind == proto.Analysis && m.Analysis.EpochSeconds > 0 {
					return m.Analysis.EpochSeconds
				}
			}
		}
		t.Fatal("the estimate ended without seconds per epoch")
		return 0
	}
	if a := analyse(text, cfg); a.EpochSeconds != 0 || s.estimate == nil {
		t.Fatalf("a first analysis: %v s an epoch, estimate scheduled %v; want 0 and a timing run", a.EpochSeconds, s.estimate != nil)
	}
	first := timed()

	again := *cfg
	if a := analyse(strings.Clone(text), &again); a.EpochSeconds != first || s.estimate != nil {
		t.Errorf("the same text and settings again: %v s an epoch, estimate scheduled %v; want %v at once and no timing run",
			a.EpochSeconds, s.estimate != nil, first)
	}
	other := *cfg
	other.Units *= 2
	if a := analyse(text, &other); a.EpochSeconds != 0 || s.estimate == nil {
		t.Errorf("other settings: %v s an epoch, estimate scheduled %v; want a timing run", a.EpochSeconds, s.estimate != nil)
	}
	timed()
	if a := analyse(text+" 끝.", cfg); a.EpochSeconds != 0 || s.estimate == nil {
		t.Errorf("another text: %v s an epoch, estimate scheduled %v; want a timing run", a.EpochSeconds, s.estimate != nil)
	}
}
