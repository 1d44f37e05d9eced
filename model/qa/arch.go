package qa

import (
	"fmt"

	"fabulist/model/nn"
)

// ArchBook is BookNet: the book's tagger and encoder–decoder, without attention or copying, with
// its faults fixed.
const ArchBook Arch = "book"

// Network is what a run, a model file and a Generator need of a question model's network,
// whatever its architecture (Net, BookNet).
type Network interface {
	// Params is the network's weights and gradients, in the layout order a model file keeps.
	Params() *nn.Params
	// Inside is the tagger's probability (S) that each token of passage (S ids in [0, V)) is
	// inside an answer.
	Inside(passage []int32) []float64
	// Spans is every answer the tagger finds in passage, best first (see SpansOf).
	Spans(passage []int32) []Span
	// Ask decodes questions about the answer tagged 1 in tags (S) of passage (S ids in [0, V);
	// source, the same words as extended ids) by beam search of width k over up to maxLen
	// tokens and vext extended ids, and returns them best first. It never emits `<PAD>`,
	// `<UNK>` or `<START>`, and returns an error for a width out of [1, MaxBeam].
	Ask(passage, source, tags []int32, k, maxLen, vext int) ([]Hypothesis, error)
}

var (
	_ Network = (*Net)(nil)
	_ Network = (*BookNet)(nil)
)

// Params is the network's weights, n.P.
func (n *Net) Params() *nn.Params { return &n.P }

// Ask encodes the passage and runs Beam on it.
func (n *Net) Ask(passage, source, tags []int32, k, maxLen, vext int) ([]Hypothesis, error) {
	return n.Beam(n.Encode(passage, source, tags), k, maxLen, vext)
}

// BookConfig is the book's model and training (../shared/QA.md §1) for a vocabulary of V ids:
// embedding 100, a tagger of GRU(100) each way, an answer encoder and a decoder of GRU(200), Adam
// at 0.001. It has no attention and no answer feature, so those sizes are 0.
func BookConfig(V int) Config {
	c := DefaultConfig(V)
	c.Arch = ArchBook
	c.Attention, c.Answer = 0, 0
	return c
}

// params is the number of parameters of c's network, computed without allocating.
func (c Config) params() int {
	if c.Arch == ArchBook {
		return c.Shape.bookParams()
	}
	return c.Shape.params()
}

// newNetwork makes c's network, initialised from c.Seed.
func newNetwork(c Config) (Network, error) {
	if c.Arch == ArchBook {
		return NewBookNet(c.Shape, c.Seed)
	}
	return NewNet(c.Shape, c.Seed)
}

// layoutNetwork lays out c's network with zero weights, for a decoder to fill.
func layoutNetwork(c Config) Network {
	if c.Arch == ArchBook {
		return bookLayout(c.Shape)
	}
	return layout(c.Shape)
}

// trainer is what a Run needs of a network's trainer: Trainer for Net, BookTrainer for BookNet.
type trainer interface {
	Step(bt *Batch) Losses
	Eval(bt *Batch) Losses
	optimizer() nn.Optimizer
}

func (t *Trainer) optimizer() nn.Optimizer { return t.Opt }

// newTrainer makes the trainer of n with c's optimizer, learning rate and clipping.
func newTrainer(n Network, c Config) (trainer, error) {
	switch n := n.(type) {
	case *Net:
		return NewTrainer(n, c.Optimizer, c.LR, c.ClipNorm)
	case *BookNet:
		return NewBookTrainer(n, c.Optimizer, c.LR, c.ClipNorm)
	}
	return nil, fmt.Errorf("qa: no trainer for a %T", n)
}
