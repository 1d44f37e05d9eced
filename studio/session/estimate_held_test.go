package session

import (
	"slices"
	"testing"

	"fabulist/model/lm"
	"fabulist/studio/proto"
)

// TestAnEstimateOfOtherSettingsBesideAStoppedRunBorrowsItsWeights: after a stop the page asks for
// an analysis at every change of a setting (a preset sets several at once, each asked for in
// turn); settings that lay the model out as the stopped run's are (another loss, dropout,
// learning rate, sequence length or batch) are timed with the stopped run's weights where they
// lie, not with a timing run of its own beside them (in the browser 27–31 MB beside the stopped
// run's 17–24 for the book's model, which set the engine's peak), and leave the run as it was.
// Settings of another shape get a timing run of their own.
func TestAnEstimateOfOtherSettingsBesideAStoppedRunBorrowsItsWeights(t *testing.T) {
	s, cfg, train := heapSession(t)
	train()
	unchanged := stoppedRunKept(t, s)
	estimate := func(c lm.Config) (seconds float64, borrowed bool) {
		t.Helper()
		s.Handle(proto.Message{Kind: proto.Analyze, Text: koreanText(t), Config: &c})
		for s.estimate != nil {
			job := s.estimate
			for _, m := range s.Step() {
				if m.Kind == proto.Analysis && m.Analysis != nil {
					seconds = m.Analysis.EpochSeconds
				}
			}
			if job.run != nil {
				return seconds, false
			}
			if job.rep != nil {
				borrowed = job.held == s.run && &job.rep.Net.P.Data[0] == &s.run.Net.P.Data[0] &&
					job.rep.Net.Cfg == c
			}
		}
		if seconds <= 0 {
			t.Fatalf("the estimate of %+v gave no seconds per epoch", c)
		}
		return seconds, borrowed
	}
	for _, tc := range []struct {
		name string
		edit func(*lm.Config)
	}{
		{"loss, dropout and learning rate", func(c *lm.Config) {
			c.Loss, c.Dropout, c.InputDropout, c.LR, c.Schedule = lm.LossLast, 0.2, 0.3, 0.01, ""
		}},
		{"sequence length and batch", func(c *lm.Config) { c.SeqLen, c.Batch = 6, 8 }},
		{"epochs and checks", func(c *lm.Config) { c.Epochs, c.ValChecks, c.StepsPerEpoch = 7, 3, 2 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := *cfg
			tc.edit(&c)
			if _, borrowed := estimate(c); !borrowed {
				t.Errorf("settings of the stopped run's shape were timed with a network of their own; want the stopped run's weights, where they lie, under the settings asked for")
			}
		})
	}
	t.Run("another shape", func(t *testing.T) {
		c := *cfg
		c.Units = cfg.Units / 2
		if _, borrowed := estimate(c); borrowed {
			t.Error("settings of another shape borrowed the stopped run's weights")
		}
	})
	unchanged("the estimates")
}

// stoppedRunKept notes the session's stopped run's weights and optimizer state, and returns a
// check that what (an estimate beside it) changed neither, nor left a gradient in its network.
func stoppedRunKept(t *testing.T, s *Session) func(what string) {
	kept := slices.Clone(s.run.Net.P.Data)
	slots, step := s.run.Trainer.Opt.State()
	keptSlot := slices.Clone(slots[0])
	return func(what string) {
		t.Helper()
		slots2, step2 := s.run.Trainer.Opt.State()
		if !slices.Equal(s.run.Net.P.Data, kept) || !slices.Equal(slots2[0], keptSlot) || step2 != step {
			t.Errorf("%s changed the stopped run's weights or optimizer state", what)
		}
		if s.run.Net.P.Grad != nil {
			t.Errorf("%s left a gradient in the stopped run's network", what)
		}
	}
}
