package session

import (
	"fabulist/model/lm"
)

// bestWriter caches a generator that reads the best weights of the model on show where they lie
// (lm.Net.Reading), made again when they change: the trainer keeps them in a buffer of its own
// that the next better check overwrites, between two steps, and a generation runs within one
// request, so it never sees them change in the middle of a text. A copy of them (7 MB for the
// book's model) stayed in the engine's memory beside the run's as long as the model was on show.
type bestWriter struct {
	gen   *lm.Generator   // with the best weights, nil until asked for
	from  *lm.Generator   // the session's generator it was made beside
	of    *lm.BestWeights // the weights it reads, and at which check
	check lm.Check
}

// best returns the weights of the lowest validation check of the model on show, nil when it
// keeps none (a file written before they were kept, or a run before its first check).
func (s *Session) best() *lm.BestWeights {
	if s.run != nil {
		return s.run.Trainer.Best
	}
	return s.importedBest
}

// writer is the generator that writes with the weights w names: the session's own (the latest
// weights) for lm.WeightsLatest or a model without best weights, else one reading the best. Epoch samples show how training goes, so they keep the latest; generation, candidates
// and the TF.js export take the user's choice, the best by default (proto.Message.Weights).
func (s *Session) writer(w lm.Weights) *lm.Generator {
	b := s.best()
	if s.gen == nil || w == lm.WeightsLatest || b == nil {
		return s.gen
	}
	c := &s.bestW
	if c.gen == nil || c.from != s.gen || c.of != b || c.check != b.Check {
		*c = bestWriter{gen: lm.NewGenerator(s.gen.Net.Reading(b.Weights), s.gen.Tok), from: s.gen, of: b, check: b.Check}
	}
	return c.gen
}
