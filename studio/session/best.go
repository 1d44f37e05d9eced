package session

import (
	"fabulist/model/lm"
)

// bestWriter caches a generator holding the best weights of the model on show, made again when
// they change: the trainer keeps them in a buffer of its own that the next better check
// overwrites, and generation must not see them change in the middle of a text.
type bestWriter struct {
	gen   *lm.Generator   // with the best weights, nil until asked for
	from  *lm.Generator   // the session's generator it was made beside
	of    *lm.BestWeights // the weights it copied, and at which check
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
// weights) for lm.WeightsLatest or a model without best weights, else one holding a copy of the
// best. Epoch samples show how training goes, so they keep the latest; generation, candidates
// and the TF.js export take the user's choice, the best by default (proto.Message.Weights).
func (s *Session) writer(w lm.Weights) *lm.Generator {
	b := s.best()
	if s.gen == nil || w == lm.WeightsLatest || b == nil {
		return s.gen
	}
	c := &s.bestW
	if c.gen == nil || c.from != s.gen || c.of != b || c.check != b.Check {
		*c = bestWriter{gen: lm.NewGenerator(s.gen.Net.WithWeights(b.Weights), s.gen.Tok), from: s.gen, of: b, check: b.Check}
	}
	return c.gen
}
