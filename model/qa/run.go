package qa

import (
	"cmp"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"fabulist/model/nn"
	"fabulist/model/qa/dataset"
)

// Run trains a question model over epochs of shuffled batches, keeping its history.
type Run struct {
	Model        *Model
	Epoch, Batch int // the epoch in progress (0-based) and its next batch
	tr           trainer
	train, val   []Example
	order        []int
	rng          *rand.Rand
	err          error // a shared step's failure: the run stops
	stepped      bool  // this Run has trained a batch: its workers are set
	workers      int   // that share each batch (UseHelpers)
}

// MaxPassage is how many passage tokens the encoder reads: a window around the answer of longer
// passages (FairytaleQA's sections have at most 446 words).
const MaxPassage = 400

// PrepareSet builds a vocabulary of the vocab most frequent words of the train set's passages
// and questions, and turns both sets' answer spans into Examples.
func PrepareSet(trainSet, valSet dataset.Set, vocab int) (*Vocab, []Example, []Example, error) {
	var texts [][]string
	for _, ex := range trainSet.Spanned() {
		p, _ := Words(ex.Passage)
		q, _ := Words(ex.Question)
		texts = append(texts, p, q)
	}
	v, err := BuildVocab(texts, vocab)
	if err != nil {
		return nil, nil, nil, err
	}
	prep := func(s dataset.Set) []Example {
		var out []Example
		for _, ex := range s {
			if e, ok := v.Prepare(ex, MaxPassage); ok {
				out = append(out, e)
			}
		}
		return out
	}
	return v, prep(trainSet), prep(valSet), nil
}

// NewRun starts training a model of cfg on train, validated on val (which may be empty). It
// returns an error for a configuration out of range or no training example.
func NewRun(cfg Config, v *Vocab, train, val []Example) (*Run, error) {
	cfg.V = len(v.Words)
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if len(train) == 0 {
		return nil, errors.New("qa: no training example has its answer in its passage")
	}
	n, err := newNetwork(cfg)
	if err != nil {
		return nil, err
	}
	tr, err := newTrainer(n, cfg)
	if err != nil {
		return nil, err
	}
	r := &Run{Model: &Model{Config: cfg, Net: n, Vocab: v}, tr: tr, train: train, val: val,
		rng: rand.New(rand.NewPCG(cfg.Seed, 0x71617472))} // "qatr"
	r.shuffle()
	return r, nil
}

// bucketBatches is how many batches' worth of shuffled examples are sorted by passage length
// together: batches of like lengths pad less (the encoders' cost goes with the longest passage
// of a batch), and the batches are still drawn from the whole set in random order.
const bucketBatches = 16

// shuffle orders the training examples for an epoch: shuffled, sorted by passage length within
// buckets, cut into batches whose order is shuffled again; a last, short batch stays last, so
// that every batch but the last is full.
func (r *Run) shuffle() {
	b := r.Model.Config.Batch
	order := r.rng.Perm(len(r.train))
	for lo := 0; lo < len(order); lo += bucketBatches * b {
		bucket := order[lo:min(lo+bucketBatches*b, len(order))]
		slices.SortStableFunc(bucket, func(i, j int) int {
			return cmp.Compare(len(r.train[i].Passage), len(r.train[j].Passage))
		})
	}
	full := len(order) / b
	batches := r.rng.Perm(full)
	r.order = make([]int, 0, len(order))
	for _, k := range batches {
		r.order = append(r.order, order[k*b:(k+1)*b]...)
	}
	r.order = append(r.order, order[full*b:]...)
}

// Share makes k workers share each batch (k ≤ 1: this one alone), the others on goroutines
// (NewLocalHelpers), before this Run has taken a step (a resumed run may take another count). It
// returns an error once it has, since a run is reproducible only for one count of workers.
func (r *Run) Share(k int) error {
	if r.stepped {
		return errors.New("qa: a run's workers are set before it trains")
	}
	if err := r.tr.share(k, r.train); err != nil {
		return err
	}
	r.workers = max(k, 1)
	return nil
}

// UseHelpers makes h's workers share each batch, h holding replicas of the network over the run's
// training examples (other Web Workers in the browser); nil trains on this worker alone. Helpers
// may be replaced at any time by as many workers (a page hands its workers to another run and
// back), but their count is set before the run trains, since a run is reproducible only for one
// count.
func (r *Run) UseHelpers(h nn.Helpers) error {
	k := 1
	if h != nil {
		k = h.Count()
	}
	if r.stepped && k != r.workers {
		return fmt.Errorf("qa: this run trains on %d workers, not %d", r.workers, k)
	}
	r.tr.use(h)
	r.workers = k
	return nil
}

// Examples is the run's training examples, in the order helpers' replicas must hold them.
func (r *Run) Examples() []Example { return r.train }

// Err is the failure that stopped the run, if any: a helper that could not compute its share.
func (r *Run) Err() error { return r.err }

// Batches is the number of batches in an epoch.
func (r *Run) Batches() int {
	b := r.Model.Config.Batch
	return (len(r.train) + b - 1) / b
}

// Done reports whether every epoch is trained.
func (r *Run) Done() bool { return r.err != nil || r.Epoch >= r.Model.Config.Epochs }

// Step trains the next batch and returns its losses; at the end of an epoch it validates,
// appends both to the history and reshuffles. When a helper fails, the weights stay as they
// were, the run is Done and Err says why.
func (r *Run) Step() Losses {
	cfg := r.Model.Config
	lo := r.Batch * cfg.Batch
	hi := min(lo+cfg.Batch, len(r.train))
	r.stepped = true
	idx := make([]int32, 0, hi-lo)
	for _, k := range r.order[lo:hi] {
		idx = append(idx, int32(k))
	}
	l, err := r.tr.stepOn(r.train, idx)
	if err != nil {
		r.err = err
		return Losses{}
	}
	r.Batch++
	if r.Batch == r.Batches() {
		h := &r.Model.History
		h.Train = append(h.Train, l)
		if len(r.val) > 0 {
			h.Val = append(h.Val, r.Validate())
		}
		r.Epoch++
		r.Batch = 0
		r.shuffle()
	}
	return l
}

// Validate is the mean of the losses over the validation set, in batches of the training's size.
func (r *Run) Validate() Losses {
	var sum Losses
	b := r.Model.Config.Batch
	n := 0
	for lo := 0; lo < len(r.val); lo += b {
		batch := r.val[lo:min(lo+b, len(r.val))]
		l := r.tr.Eval(MakeBatch(batch, r.Model.Config.V))
		sum.Tagger += l.Tagger * float64(len(batch))
		sum.Question += l.Question * float64(len(batch))
		n += len(batch)
	}
	if n == 0 {
		return Losses{}
	}
	return Losses{Tagger: sum.Tagger / float64(n), Question: sum.Question / float64(n)}
}

// State is the trainer's state for the model file.
func (r *Run) State() *TrainState {
	slots, step := r.tr.optimizer().State()
	return &TrainState{Optimizer: r.Model.Config.Optimizer, Step: step, Epoch: r.Epoch, Batch: r.Batch, Slots: slots}
}
