package qa

import (
	"fmt"
	"slices"

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
	// AskAll decodes, for each of exs, questions about the answer tagged 1 in its Tags (S) of its
	// Passage (S ids in [0, V); Source, the same words as extended ids) by beam search of width k
	// over up to maxLen tokens and vext[i] extended ids, and returns them best first; a network
	// decodes them together where it can (Net.BeamAll). It never emits `<PAD>`, `<UNK>` or
	// `<START>`, and returns an error for a width out of [1, MaxBeam].
	AskAll(exs []Example, vext []int, k, maxLen int) ([][]Hypothesis, error)
}

var (
	_ Network = (*Net)(nil)
	_ Network = (*BookNet)(nil)
)

// Params is the network's weights, n.P.
func (n *Net) Params() *nn.Params { return &n.P }

// AskAll encodes each passage, those with the same words together (EncodeAll), and decodes
// them all together with BeamAll.
func (n *Net) AskAll(exs []Example, vext []int, k, maxLen int) ([][]Hypothesis, error) {
	es := make([]*Encoded, len(exs))
	for i := range exs {
		if es[i] != nil {
			continue
		}
		var same []int // the examples from i on with i's passage, not yet encoded
		var tags [][]int32
		for j := i; j < len(exs); j++ {
			if es[j] == nil && slices.Equal(exs[j].Passage, exs[i].Passage) && slices.Equal(exs[j].Source, exs[i].Source) {
				same, tags = append(same, j), append(tags, exs[j].Tags)
			}
		}
		for b, e := range n.EncodeAll(exs[i].Passage, exs[i].Source, tags) {
			es[same[b]] = e
		}
	}
	return n.BeamAll(es, k, maxLen, vext)
}

// AskAll asks about each of exs in turn: the book's beam search takes one question.
func (n *BookNet) AskAll(exs []Example, vext []int, k, maxLen int) ([][]Hypothesis, error) {
	all := make([][]Hypothesis, len(exs))
	for i, ex := range exs {
		hyps, err := n.Ask(ex.Passage, ex.Source, ex.Tags, k, maxLen, vext[i])
		if err != nil {
			return nil, err
		}
		all[i] = hyps
	}
	return all, nil
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
	// share makes k workers share each batch of the examples train (k ≤ 1: this one alone),
	// the others on goroutines; it returns an error when their replicas cannot be made.
	share(k int, train []Example) error
	// use makes h's workers share each batch (nil or one worker: this one alone).
	use(h nn.Helpers)
	// stepOn trains on the batch of the examples of train at idx and returns its losses before
	// the update; a failed worker leaves the weights as they were and returns its error.
	stepOn(train []Example, idx []int32) (Losses, error)
}

// batchOf is the Batch of the examples of train at idx, for a vocabulary of V ids.
func batchOf(train []Example, idx []int32, V int) *Batch {
	exs := make([]Example, len(idx))
	for i, k := range idx {
		exs[i] = train[k]
	}
	return MakeBatch(exs, V)
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
