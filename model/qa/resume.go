package qa

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"fabulist/model/qa/dataset"
)

// ErrNoTrainState is ResumeRun's error for a model file saved without its optimizer's state.
var ErrNoTrainState = errors.New("qa: the model file holds no training state to resume from")

// PrepareAll turns a set's answer spans into Examples in v's vocabulary, as PrepareSet does with
// the vocabulary it builds: for continuing a model's training on its own vocabulary.
func (v *Vocab) PrepareAll(s dataset.Set) []Example {
	var out []Example
	for _, ex := range s {
		if e, ok := v.Prepare(ex, MaxPassage); ok {
			out = append(out, e)
		}
	}
	return out
}

// ResumeRun continues the run m was saved from (m.Train is its state) on train and val, which
// must be prepared with m.Vocab, for epochs in all (0: m's own). Its model is m, whose history
// grows. The run goes on exactly as if it had never stopped: the optimizer's moments and step
// come back, and the shuffles of the epochs already trained are drawn again. It returns
// ErrNoTrainState for a model without its state, and an error for an optimizer state that does
// not fit or no training example.
func ResumeRun(m *Model, train, val []Example, epochs int) (*Run, error) {
	st := m.Train
	if st == nil {
		return nil, ErrNoTrainState
	}
	if len(train) == 0 {
		return nil, errors.New("qa: no training example has its answer in its passage")
	}
	cfg := m.Config
	if epochs > 0 {
		cfg.Epochs = epochs
	}
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if st.Optimizer != cfg.Optimizer {
		return nil, fmt.Errorf("qa: the training state is %s's, but the model trains with %s", st.Optimizer, cfg.Optimizer)
	}
	tr, err := newTrainer(m.Net, cfg)
	if err != nil {
		return nil, err
	}
	if err := tr.optimizer().Restore(st.Slots, st.Step); err != nil {
		return nil, err
	}
	m.Config = cfg
	r := &Run{Model: m, tr: tr, train: train, val: val, Epoch: st.Epoch, Batch: st.Batch,
		rng: rand.New(rand.NewPCG(cfg.Seed, 0x71617472))} // "qatr", as NewRun
	for range st.Epoch + 1 {
		r.shuffle()
	}
	if r.Batch >= r.Batches() { // another training set than the one it was saved with
		r.Batch = 0
	}
	return r, nil
}
