package lm

import (
	"math/rand/v2"

	"fabulist/model/nn"
)

// NewTimingRun is a run of cfg on a corpus Prepare made of its text with cfg, made only to time
// its batches (the studio's estimate of an epoch's time), and thrown away after. Its parameters
// are drawn from U(±0.05) in place of Keras' initialisers (see NewNet): a batch's time does not
// depend on their values, and the book model's orthogonal recurrent kernel alone takes about a
// second in wasm, a second in which the worker answers nothing (a question asked after a paste
// waited behind it). Its errors are Config.Validate's, a vocabulary or model out of range, and
// NewTrainer's.
func NewTimingRun(corpus *Corpus, cfg Config) (*Run, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	V := corpus.Tok.VocabSize()
	if err := checkSize(cfg, V); err != nil {
		return nil, err
	}
	n := layout(cfg, V)
	nn.Uniform(n.P.Data, 0.05, rand.New(rand.NewPCG(cfg.Seed, streamInit)))
	tr, err := NewTrainer(n, corpus.Data)
	if err != nil {
		return nil, err
	}
	return newRun(corpus, tr, RunOptions{}), nil
}
