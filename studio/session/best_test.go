package session

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// overfitStory ends in a sentence unlike the fables before it: the validation windows come from
// its end, so that their loss falls at first and then rises.
var overfitStory = strings.Repeat("the fox saw the grapes and said they were sour . | the tortoise won the race because he never stopped . | ", 8) +
	"a quick brown dog jumps over lazy wolves, zebras and kings; quiet vixens hum. "

func bestWeightsConfig() *lm.Config {
	c := tinyConfig()
	c.Epochs, c.Batch, c.LR, c.ValChecks = 3, 32, 0.03, 4
	return c
}

// candidates asks the session for the next tokens after prompt with the weights w.
func candidates(t *testing.T, s *Session, w lm.Weights) string {
	t.Helper()
	out := s.Handle(proto.Message{Kind: proto.Predict, Prompt: "the fox", K: 3, Weights: w})
	if out[0].Kind != proto.Candidates {
		t.Fatalf("predict with %q weights answered %s %s", w, out[0].Kind, out[0].Error)
	}
	return fmt.Sprint(out[0].Candidates)
}

// predicted is what a network predicts after "the fox", as candidates says it.
func predicted(net *lm.Net, tok *lm.Tokenizer) string {
	_, next, _ := lm.NewGenerator(net, tok).Predict("the fox", 3)
	return fmt.Sprint(next)
}

// TestGenerationUsesTheBestWeights: the studio posts every validation check, writes with the best
// check's weights unless asked for the latest, and a model file it saves keeps both, so that the
// file opened elsewhere without its text writes with the best too.
func TestGenerationUsesTheBestWeights(t *testing.T) {
	checks := 0
	s := trainBestWeights(t, func(*Session, *lm.Progress) { checks++ })
	h := s.run.Trainer.History
	if checks != len(h.Checks) || checks != 12 {
		t.Errorf("%d checks posted, %d recorded; want 12 each (4 an epoch, 3 epochs)", checks, len(h.Checks))
	}
	best := s.run.Trainer.Best
	if best == nil || best.Check == h.Checks[len(h.Checks)-1] {
		t.Fatalf("checks %v: the validation loss did not rise, so the test shows nothing", h.Checks)
	}
	tok := s.run.Corpus.Tok
	wantBest, wantLatest := predicted(s.run.Net.WithWeights(best.Weights), tok), predicted(s.run.Net, tok)
	if wantBest == wantLatest {
		t.Fatal("best and latest weights predict alike")
	}
	for _, w := range []lm.Weights{"", lm.WeightsBest} {
		if got := candidates(t, s, w); got != wantBest {
			t.Errorf("weights %q: got %s; want the best's %s", w, got, wantBest)
		}
	}
	if got := candidates(t, s, lm.WeightsLatest); got != wantLatest {
		t.Errorf("weights latest: got %s; want %s", got, wantLatest)
	}
	if out := s.Handle(proto.Message{Kind: proto.Predict, Prompt: "the fox", Weights: "first"}); out[0].Kind != proto.Error {
		t.Errorf("weights \"first\": got %s; want an error", out[0].Kind)
	}

	file := s.Handle(proto.Message{Kind: proto.Export, Format: "fabulist"})[0].File
	other := New()
	if out := other.Handle(proto.Message{Kind: proto.Import, File: file}); out[0].Kind != proto.Imported {
		t.Fatalf("import answered %s %s", out[0].Kind, out[0].Error)
	} else if n := len(out[0].History.Checks); n != 12 {
		t.Errorf("the imported history has %d checks; want 12", n)
	}
	if got := candidates(t, other, ""); got != wantBest {
		t.Errorf("the opened file writes %s; want the best's %s", got, wantBest)
	}
	if got := candidates(t, other, lm.WeightsLatest); got != wantLatest {
		t.Errorf("the opened file's latest write %s; want %s", got, wantLatest)
	}
}

// TestTheBestWeightsAreReadWhereTheyLie: writing with the best weights reads the trainer's own
// buffer of them, not a copy (7 MB for the book's model, which stayed in the engine's memory
// beside the run's as long as the model was on show), and writes with each better check's
// weights as soon as it is made, though the trainer overwrites that buffer in place.
func TestTheBestWeightsAreReadWhereTheyLie(t *testing.T) {
	betters := 0
	trainBestWeights(t, func(s *Session, p *lm.Progress) {
		if p.Best {
			betters++
			best := s.run.Trainer.Best
			if got, want := candidates(t, s, lm.WeightsBest), predicted(s.run.Net.WithWeights(best.Weights), s.run.Corpus.Tok); got != want {
				t.Errorf("after better check %d: the best weights write %s; want %s", betters, got, want)
			}
			if w := s.writer(lm.WeightsBest).Net.P.Data; &w[0] != &best.Weights[0] {
				t.Fatalf("after better check %d: the writer holds a copy of the best weights; want it to read the trainer's", betters)
			}
		}
	})
	if betters < 2 {
		t.Errorf("%d better checks; want at least 2, so that one overwrote another's weights", betters)
	}
}

// trainBestWeights trains bestWeightsConfig on overfitStory to its end, posting only what must be
// posted at once, and calls check with each validation check's progress as it is posted. An
// error message ends the test.
func trainBestWeights(t *testing.T, check func(*Session, *lm.Progress)) *Session {
	t.Helper()
	s := New()
	s.PostEvery = time.Hour
	s.Handle(proto.Message{Kind: proto.Train, Text: overfitStory, Config: bestWeightsConfig()})
	for i := 0; s.Busy(); i++ {
		if i > 10000 {
			t.Fatal("training never ends")
		}
		for _, m := range s.Step() {
			if m.Kind == proto.Error {
				t.Fatal(m.Error)
			}
			if m.Kind == proto.Progress && m.Progress.Check != nil {
				check(s, m.Progress)
			}
		}
	}
	return s
}
