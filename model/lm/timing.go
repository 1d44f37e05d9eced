package lm

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

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

// NewTimingNet returns a network of cfg over V ids that computes with held's weights where they
// lie, to time a batch of cfg beside the run that holds held (the studio's estimate of an epoch's
// time while a stopped run is kept): a batch's time depends on the settings and the parameters'
// layout, not on their values (see NewTimingRun), and a timing run of its own took its weights
// and optimizer state (14 MB for the book's model) beside held's. cfg must lay its parameters out
// over V ids as held's are (the same V, Embed, Cell, Units and Layers); it may differ in anything
// else (sequence length, batch, loss, dropout, optimizer). The network has a gradient of its own
// and writes nothing of held's: it is for gradients (Replica.Gradient), never for an optimizer's
// step. Its errors are Config.Validate's and a layout other than held's.
func NewTimingNet(held *Net, cfg Config, V int) (*Net, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if V != held.V {
		return nil, fmt.Errorf("lm: a vocabulary of %d ids is not the held network's %d", V, held.V)
	}
	n := layoutTensors(cfg, V)
	if !slices.EqualFunc(n.P.Tensors, held.P.Tensors, func(a, b nn.Tensor) bool {
		return a.Name == b.Name && a.Off == b.Off && slices.Equal(a.Shape, b.Shape)
	}) || len(held.P.Data) != paramCount(cfg, V) {
		return nil, errors.New("lm: the settings lay the parameters out otherwise than the held network's")
	}
	n.P.Data, n.P.Grad, n.mm = held.P.Data, make([]float32, len(held.P.Data)), held.mm
	return n, nil
}

// EpochWork is what an epoch of a run of cfg on data trains and measures: its training batches
// (Trainer.Batches) and the held-out windows its validation measures, every pass of it: the
// epoch's own at its end (Trainer.ValWindows) and the checks within the epoch before it
// (Config.ValChecks), each over checkSet's windows. The estimate of an epoch's time multiplies a
// batch's time by them. It counted the epoch's own pass alone, and the studio's default five
// checks an epoch measure a short text's every held-out window five times: an epoch estimated at
// 2.6 s took 3.1 s natively (5 s and over 6 s in the page).
func EpochWork(cfg Config, data *Dataset) (batches, valWindows int) {
	t := &Trainer{Net: &Net{Cfg: cfg}, Data: data}
	return t.Batches(), t.ValWindows() + t.midChecks()*len(t.checkSet())
}

// midChecks is how many validation checks an epoch makes before its end (checkBatches).
func (t *Trainer) midChecks() int {
	count := 0
	for range t.checkBatches() {
		count++
	}
	return count
}
