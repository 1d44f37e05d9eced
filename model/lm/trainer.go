package lm

import (
	"errors"
	"fmt"
	"iter"
	"math"
	"math/rand/v2"
	"time"

	"fabulist/model/nn"
)

// ErrDiverged reports a loss or gradient that is NaN or infinite. The step that met it changed
// nothing, so the weights are the last good ones.
var ErrDiverged = errors.New("training diverged (the loss became NaN or infinite); the last good weights are kept — try a lower learning rate or gradient clipping")

// Progress is what the trainer reports after each step. JSON names are what `fabulist train -json`
// prints and what the browser worker sends.
type Progress struct {
	Epoch       int      `json:"epoch"` // 1-based
	Epochs      int      `json:"epochs"`
	Batch       int      `json:"batch"` // 1-based within the epoch; 0 while validating
	Batches     int      `json:"batches"`
	Loss        float64  `json:"loss"` // this batch's mean loss, or the epoch's at its end
	SamplesPerS float64  `json:"samples_per_s"`
	ValLoss     *float64 `json:"val_loss,omitempty"` // at the end of each epoch, when there is validation data
	Validating  bool     `json:"validating,omitempty"`
	EpochDone   bool     `json:"epoch_done,omitempty"`
	Done        bool     `json:"done,omitempty"`
	// Check is the validation check this step finished (Config.ValChecks), and Best says that
	// it is the lowest so far, whose weights are now Trainer.Best's.
	Check *Check `json:"check,omitempty"`
	Best  bool   `json:"best,omitempty"`
}

// Check is one validation check: the loss, the book's way (LossLast, no dropout), after Batch
// batches of training in all (the index in History.BatchLoss after which it was measured).
type Check struct {
	Epoch   int     `json:"epoch"` // 1-based, the epoch it was in
	Batch   int     `json:"batch"`
	ValLoss float64 `json:"val_loss"`
}

// CheckWindows bounds the held-out windows a validation check measures when an epoch has more
// than one check (Config.ValChecks): so many, spread evenly over the held-out tail, and the same
// ones at every check, so that checks compare: the epoch's own validation over every window
// measures them first, and gives its last check on the way. With one check an epoch, the check is
// the epoch's validation. BenchmarkValidate gives the cost.
const CheckWindows = 2048

// EpochStats is one line of the training history.
type EpochStats struct {
	Epoch   int     `json:"epoch"`
	Loss    float64 `json:"loss"`
	ValLoss float64 `json:"val_loss"` // NaN-free: -1 when there was no validation data
	Seconds float64 `json:"seconds"`
	Samples int     `json:"samples"`
}

// History is the record of a model's training, kept in its file.
type History struct {
	Epochs    []EpochStats `json:"epochs"`
	BatchLoss []float32    `json:"batch_loss"` // every batch's loss, in order
	Checks    []Check      `json:"checks,omitempty"`
}

// Trainer runs training one step at a time, so that its caller (a command line loop, or a browser
// worker between messages) can pause, resume and stop between batches.
type Trainer struct {
	Net     *Net
	Data    *Dataset
	Opt     nn.Optimizer
	History History
	// Workers is how many workers share each batch (0 or 1: this one alone). A run is
	// reproducible for a given count, so State records it and Restore brings it back; Helpers
	// must then have this Count.
	Workers int
	Helpers nn.Helpers
	// Best holds the weights of the validation check with the lowest loss so far (strictly
	// lower, as Keras' EarlyStopping with restore_best_weights compares), nil before the first
	// check or without validation data. Its Weights are the trainer's own: copy them to keep them
	// past the next Step.
	Best *BestWeights

	pcg        *rand.PCG
	rng        *rand.Rand // shuffling and dropout, from cfg.Seed
	epoch      int        // 0-based epoch in progress
	batch      int        // next training batch of the epoch
	valPos     int        // next validation window while validating
	validating bool
	epochLoss  float64 // sum of this epoch's batch losses × samples
	epochN     int
	valLoss    float64
	valN       int
	checking   bool // measuring a check's windows (checkSet)
	chkPos     int
	chkLoss    float64
	chkN       int
	chkSet     []int32
	valOrd     []int32       // see valOrder
	elapsed    time.Duration // time spent on this epoch's training batches
	// timedN is the samples trained in elapsed: a restored run's epoch goes on from its saved
	// batch, whose samples (epochN) were trained before elapsed began, in another session.
	timedN int
	works  *works
}

// NewTrainer prepares training of net on data with net.Cfg's optimizer, batch and epochs.
func NewTrainer(net *Net, data *Dataset) (*Trainer, error) {
	if data.SeqLen != net.Cfg.SeqLen {
		return nil, fmt.Errorf("lm: data windows of %d tokens do not fit a model of seq_length %d", data.SeqLen, net.Cfg.SeqLen)
	}
	opt, err := nn.NewOptimizer(net.Cfg.Optimizer, net.Cfg.LR, len(net.P.Data))
	if err != nil {
		return nil, err
	}
	pcg := rand.NewPCG(net.Cfg.Seed, streamTrain)
	return &Trainer{Net: net, Data: data, Opt: opt, pcg: pcg, rng: rand.New(pcg), works: newWorks()}, nil
}

// Batches is the number of training batches per epoch: a whole pass over the training windows,
// or Config.StepsPerEpoch if that is fewer.
func (t *Trainer) Batches() int {
	B := t.Net.Cfg.Batch
	n := (len(t.Data.Train) + B - 1) / B
	if s := t.Net.Cfg.StepsPerEpoch; s > 0 && s < n {
		return s
	}
	return n
}

// partial reports whether an epoch is less than a whole pass (Config.StepsPerEpoch).
func (t *Trainer) partial() bool {
	B := t.Net.Cfg.Batch
	return t.Batches() < (len(t.Data.Train)+B-1)/B
}

// ValWindows is the number of held-out windows the epoch's validation measures: all of them, or
// a check's when an epoch is less than a whole pass.
func (t *Trainer) ValWindows() int {
	order, _ := t.valOrder()
	return len(order)
}

// Epoch returns the 0-based epoch in progress.
func (t *Trainer) Epoch() int { return t.epoch }

// Batch returns the next training batch of the epoch in progress.
func (t *Trainer) Batch() int { return t.batch }

// Done reports whether all epochs have run.
func (t *Trainer) Done() bool { return t.epoch >= t.Net.Cfg.Epochs }

// workKey names the buffers of one batch size and loss mode: the last batch of an epoch and the
// validation batches may differ from the training batch.
type workKey struct {
	B    int
	loss LossMode
}

func (t *Trainer) work(B int, loss LossMode) *batchWork { return t.works.train(t.Net, B, loss) }

// ReleaseWork lets go of the batches' working memory (activations, caches and their gradients:
// 9 MB for the book's model at batch 32) and of the network's gradient (7 MB), which the next
// Step makes again: every step starts from a zero gradient, so the run goes on bit for bit as
// before. A run that is paused, stopped or about to be replaced then holds only its weights and
// optimizer state; in the browser, where a Go instance's memory never shrinks, this keeps an
// autosave's model file or the next run's network from stacking on top of them.
func (t *Trainer) ReleaseWork() {
	clear(t.works.byKey)
	t.Net.P.Grad = nil
}

// works keeps one batchWork per batch size and loss mode, made on first use.
type works struct {
	byKey map[workKey]*batchWork
	// rows is the most windows a training batch or share has had here, kept over ReleaseWork:
	// validation runs in pieces of at most that many (evalBatch), so that a worker that trains on
	// half a batch does not make buffers for a whole one beside its share's (9 MB each in the
	// coordinator and in the helper, for the book's model on two workers).
	rows int
}

func newWorks() *works { return &works{byKey: map[workKey]*batchWork{}} }

func (ws *works) get(net *Net, B int, loss LossMode) *batchWork {
	key := workKey{B, loss}
	w := ws.byKey[key]
	if w == nil {
		w = net.newBatchWork(B, net.Cfg.SeqLen, loss)
		ws.byKey[key] = w
	}
	return w
}

// train is get for a training batch or share of B windows.
func (ws *works) train(net *Net, B int, loss LossMode) *batchWork {
	ws.rows = max(ws.rows, B)
	return ws.get(net, B, loss)
}

// Step runs one training batch, or one batch of validation at the end of an epoch.
func (t *Trainer) Step() (Progress, error) {
	cfg := &t.Net.Cfg
	if t.Done() {
		return Progress{Epoch: t.epoch, Epochs: cfg.Epochs, Done: true}, nil
	}
	p := Progress{Epoch: t.epoch + 1, Epochs: cfg.Epochs, Batches: t.Batches()}
	if t.validating {
		return t.validate(p)
	}
	if t.checking {
		return t.check(p)
	}
	if t.Workers > 1 && (t.Helpers == nil || t.Helpers.Count() != t.Workers) {
		return p, fmt.Errorf("this run shares its batches among %d workers, but they are not ready", t.Workers)
	}
	if t.batch == 0 {
		t.Data.Shuffle(t.rng)
	}
	B := cfg.Batch
	starts := t.Data.Train[t.batch*B : min((t.batch+1)*B, len(t.Data.Train))]
	began := time.Now()
	net := t.Net
	if len(net.P.Grad) != len(net.P.Data) { // let go of by ReleaseWork
		net.P.Grad = make([]float32, len(net.P.Data))
	}
	var loss float64
	if t.Workers > 1 {
		var err error
		if loss, err = t.parallelGradient(starts); err != nil {
			return p, err
		}
	} else {
		w := t.work(len(starts), cfg.Loss)
		t.Data.Fill(w.x, w.y, starts, cfg.Loss)
		net.P.ZeroGrad()
		var rng *rand.Rand
		if cfg.dropsOut() {
			rng = t.rng
		}
		loss = net.trainStep(w, rng, len(starts))
	}
	norm := net.P.GradNorm()
	if math.IsNaN(loss) || math.IsInf(loss, 0) || math.IsNaN(norm) || math.IsInf(norm, 0) {
		return p, ErrDiverged
	}
	nn.ClipByGlobalNorm(net.P.Grad, norm, cfg.ClipNorm)
	t.Opt.SetLR(cfg.Schedule.Rate(cfg.LR, t.epoch*t.Batches()+t.batch, cfg.Epochs*t.Batches()))
	t.Opt.SetWorkers(t.Workers)
	t.Opt.Step(net.P.Data, net.P.Grad)
	net.Changed()
	t.elapsed += time.Since(began)

	t.batch++
	t.epochLoss += loss * float64(len(starts))
	t.epochN += len(starts)
	t.timedN += len(starts)
	t.History.BatchLoss = append(t.History.BatchLoss, float32(loss))
	p.Batch, p.Loss = t.batch, loss
	p.SamplesPerS = t.samplesPerS()
	if t.batch == t.Batches() {
		t.validating, t.valPos, t.valLoss, t.valN = true, 0, 0, 0
		if len(t.Data.Val) == 0 {
			return t.finishEpoch(p), nil
		}
	} else if t.checkAfter(t.batch) {
		t.checking, t.chkPos, t.chkLoss, t.chkN = true, 0, 0, 0
	}
	return p, nil
}

// checkAfter reports whether a validation check comes after batch b of an epoch (1 ≤ b below
// Batches): one of checkBatches.
func (t *Trainer) checkAfter(b int) bool {
	for c := range t.checkBatches() {
		if c == b {
			return true
		}
	}
	return false
}

// checkBatches are the batches after which an epoch checks before its end, in order: ⌊i·n/k⌋ for
// i in 1..k−1, each once and none at 0, k checks an epoch of n batches; the k-th is at the
// epoch's end. An epoch without validation windows checks none.
func (t *Trainer) checkBatches() iter.Seq[int] {
	return func(yield func(int) bool) {
		k, n := t.Net.Cfg.ValChecks, t.Batches()
		if k <= 1 || len(t.Data.Val) == 0 {
			return
		}
		last := 0
		for i := 1; i < k; i++ {
			if b := i * n / k; b > last && b < n {
				if !yield(b) {
					return
				}
				last = b
			}
		}
	}
}

// checkSet is the windows a check measures when an epoch has several: at most CheckWindows,
// spread evenly over the validation windows, in their order.
func (t *Trainer) checkSet() []int32 {
	val := t.Data.Val
	if len(val) <= CheckWindows {
		return val
	}
	if t.chkSet == nil {
		t.chkSet = make([]int32, CheckWindows)
		for i := range t.chkSet {
			t.chkSet[i] = val[i*len(val)/CheckWindows]
		}
	}
	return t.chkSet
}

// evalBatch returns the summed validation loss (LossLast, no dropout) of the windows at starts.
func (t *Trainer) evalBatch(starts []int32) float64 { return evalBatch(t.Net, t.Data, t.works, starts) }

// evalBatch is Trainer.evalBatch on any worker's network and buffers (Replica.LossSum too). It
// measures the windows in pieces of at most ws.rows, the training share's size, continuing one
// running sum over them: since each row's forward pass is the same whatever rows are beside it
// (the kernels' row independence), the sum has the bits of one pass over all the windows.
func evalBatch(net *Net, data *Dataset, ws *works, starts []int32) float64 {
	n := len(starts)
	piece := n
	if ws.rows > 0 && ws.rows < n {
		piece = ws.rows
	}
	var sum float64
	for at := 0; at < n; at += piece {
		part := starts[at:min(at+piece, n)]
		w := ws.get(net, len(part), LossLast)
		data.Fill(w.x, w.y, part, LossLast)
		net.forward(w, nil)
		sum = nn.SoftmaxCrossEntropySum(w.logits, w.y, w.R, net.V, w.R, sum)
	}
	return sum / float64(n) * float64(n) // the mean's bits times n, as the one pass returned
}

// evalShare is how many validation batches each worker measures in one Step of a run whose
// helpers measure too: a Step of some 50 ms in the page, as a training step's share.
const evalShare = 2

// evalBatches is how many validation batches one Step measures: evalShare a worker when the
// run's helpers measure losses (nn.Evaluator), else one.
func (t *Trainer) evalBatches() int {
	if t.Workers > 1 && t.Helpers != nil && t.Helpers.Count() == t.Workers {
		if _, ok := t.Helpers.(nn.Evaluator); ok {
			return evalShare * t.Workers
		}
	}
	return 1
}

// evalSums measures batches as evalBatch does each, shared among the run's workers
// (nn.ParallelEval), and returns their sums in batch order: added in that order, they give the
// same loss for any count of workers.
func (t *Trainer) evalSums(batches [][]int32) ([]float64, error) {
	if len(batches) == 1 || t.evalBatches() == 1 {
		sums := make([]float64, len(batches))
		for i, b := range batches {
			sums[i] = t.evalBatch(b)
		}
		return sums, nil
	}
	return nn.ParallelEval(t.Helpers, t.Net.P.Data, batches, t.evalBatch)
}

// check measures the next batches of a check's windows within an epoch (evalBatches of them),
// and at the last records the check. The epoch's last check is its validation's (validate).
func (t *Trainer) check(p Progress) (Progress, error) {
	set := t.checkSet()
	B := t.Net.Cfg.Batch
	var batches [][]int32
	for pos := t.chkPos; pos < len(set) && len(batches) < t.evalBatches(); pos += B {
		batches = append(batches, set[pos:min(pos+B, len(set))])
	}
	sums, err := t.evalSums(batches)
	if err != nil {
		return p, err
	}
	for i, starts := range batches {
		t.chkLoss += sums[i]
		t.chkN += len(starts)
		t.chkPos += len(starts)
	}
	p.Validating, p.Batch = true, t.batch
	p.Loss = t.epochLoss / float64(max(t.epochN, 1))
	p.SamplesPerS = t.samplesPerS()
	if t.chkPos < len(set) {
		return p, nil
	}
	t.checking = false
	p.Validating = false
	t.record(t.chkLoss/float64(max(t.chkN, 1)), &p)
	return p, nil
}

// record adds a validation check of loss v to the history, and keeps the weights if it is the
// lowest so far.
func (t *Trainer) record(v float64, p *Progress) {
	c := Check{Epoch: t.epoch + 1, Batch: len(t.History.BatchLoss), ValLoss: v}
	t.History.Checks = append(t.History.Checks, c)
	p.Check = &c
	if math.IsNaN(v) || (t.Best != nil && !(v < t.Best.ValLoss)) {
		return
	}
	if t.Best == nil || len(t.Best.Weights) != len(t.Net.P.Data) {
		t.Best = &BestWeights{Weights: make([]float32, len(t.Net.P.Data))}
	}
	copy(t.Best.Weights, t.Net.P.Data)
	t.Best.Check = c
	p.Best = true
}

// validate evaluates the next batches of validation windows (evalBatches of them), always in
// LossLast mode — the token after a full window, as the book measures it — so that models trained
// in either mode compare.
//
// The epoch's validation is also its last check. When checks measure every window (one check an
// epoch, or few windows) that is the epoch's loss itself; else the pass measures checkSet's
// windows first, in the batches a check's own pass makes of them (cut where they end), so that
// their sum on the way is the check's, bit for bit, and the check costs nothing more.
func (t *Trainer) validate(p Progress) (Progress, error) {
	order, split := t.valOrder()
	var batches [][]int32
	for pos := t.valPos; pos < len(order) && len(batches) < t.evalBatches(); {
		end := min(pos+t.Net.Cfg.Batch, len(order))
		if pos < split {
			end = min(end, split)
		}
		batches = append(batches, order[pos:end])
		pos = end
	}
	sums, err := t.evalSums(batches)
	if err != nil {
		return p, err
	}
	for i, starts := range batches {
		t.valLoss += sums[i]
		t.valN += len(starts)
		t.valPos += len(starts)
		if t.valPos == split {
			t.chkLoss, t.chkN = t.valLoss, t.valN
		}
	}
	p.Validating = true
	p.Batch = t.batch
	p.Loss = t.epochLoss / float64(max(t.epochN, 1))
	p.SamplesPerS = t.samplesPerS()
	if t.valPos < len(order) {
		return p, nil
	}
	if split > 0 {
		t.record(t.chkLoss/float64(t.chkN), &p)
	} else {
		t.record(t.valLoss/float64(t.valN), &p)
	}
	return t.finishEpoch(p), nil
}

// valOrder is the order the epoch's validation measures its windows in, and how many of them
// are checkSet's (0: the checks measure every window): Data.Val, or checkSet's windows followed
// by the others in Data.Val's order; checkSet's alone when an epoch is less than a whole pass,
// whose validation is then its last check.
func (t *Trainer) valOrder() ([]int32, int) {
	if t.partial() {
		return t.checkSet(), 0
	}
	val := t.Data.Val
	if t.Net.Cfg.ValChecks <= 1 || len(val) <= CheckWindows {
		return val, 0
	}
	if t.valOrd == nil {
		set := t.checkSet()
		in := make(map[int32]bool, len(set))
		for _, s := range set {
			in[s] = true
		}
		t.valOrd = append(make([]int32, 0, len(val)), set...)
		for _, s := range val {
			if !in[s] {
				t.valOrd = append(t.valOrd, s)
			}
		}
	}
	return t.valOrd, len(t.checkSet())
}

// Evaluate returns the validation loss (LossLast, no dropout) over at most limit windows spread
// evenly over the validation set (0: all), without touching the run's state. It is for studies
// that measure quality against time; the epoch's own validation is Step's.
func (t *Trainer) Evaluate(limit int) float64 {
	val := t.Data.Val
	if limit > 0 && len(val) > limit {
		pick := make([]int32, limit)
		for i := range pick {
			pick[i] = val[i*len(val)/limit]
		}
		val = pick
	}
	B := t.Net.Cfg.Batch
	var sum float64
	for i := 0; i < len(val); i += B {
		sum += t.evalBatch(val[i:min(i+B, len(val))])
	}
	return sum / float64(max(len(val), 1))
}

// samplesPerS is the training speed of this epoch's batches trained since the run was made or
// restored, in samples/s; 0 before the first.
func (t *Trainer) samplesPerS() float64 {
	if t.timedN == 0 {
		return 0
	}
	return float64(t.timedN) / max(t.elapsed.Seconds(), 1e-9)
}

func (t *Trainer) finishEpoch(p Progress) Progress {
	st := EpochStats{Epoch: t.epoch + 1, Loss: t.epochLoss / float64(max(t.epochN, 1)), ValLoss: -1,
		Seconds: t.elapsed.Seconds(), Samples: t.epochN}
	p.Loss, p.Validating, p.EpochDone = st.Loss, false, true
	if t.valN > 0 {
		v := t.valLoss / float64(t.valN)
		st.ValLoss, p.ValLoss = v, &v
	}
	t.History.Epochs = append(t.History.Epochs, st)
	t.epoch++
	t.batch, t.validating, t.checking, t.epochLoss, t.epochN, t.elapsed, t.timedN = 0, false, false, 0, 0, 0, 0
	p.Done = t.Done()
	return p
}

// State captures what the trainer needs to continue exactly: optimizer slots, position and
// random state. A trainer stopped while validating resumes at the start of that validation.
// The slots and the window order are the trainer's own, not copies (a book model's are some
// 15 MB, and every caller encodes them at once): the state is valid until the next Step.
func (t *Trainer) State() *TrainState {
	rngState, _ := t.pcg.MarshalBinary() // cannot fail
	slots, step := t.Opt.State()
	kernel := ""
	if _, fused := t.Net.mm.(nn.FusedGemm); fused {
		kernel = t.Net.mm.Name()
	}
	return &TrainState{Optimizer: t.Opt.Name(), Step: step, Epoch: t.epoch, Batch: t.batch, RNG: rngState,
		Workers: t.Workers, Kernel: kernel, Order: t.Data.Train, Slots: slots}
}

// Restore continues from st, as saved by State with the same data; the history is the model's.
func (t *Trainer) Restore(st *TrainState, h History) error {
	if st.Optimizer != t.Opt.Name() {
		return fmt.Errorf("the saved optimizer is %s but the settings say %s", st.Optimizer, t.Opt.Name())
	}
	if len(st.Order) != len(t.Data.Train) {
		return fmt.Errorf("the saved run had %d training windows, this text gives %d: is it the same text and settings?", len(st.Order), len(t.Data.Train))
	}
	seen := make([]bool, len(t.Data.Tokens))
	for _, s := range st.Order {
		if s < 0 || int(s)+t.Data.SeqLen >= len(t.Data.Tokens) || seen[s] {
			return errors.New("the saved window order does not fit this text")
		}
		seen[s] = true
	}
	if err := t.pcg.UnmarshalBinary(st.RNG); err != nil {
		return fmt.Errorf("the saved random state does not read: %v", err)
	}
	if err := t.Opt.Restore(st.Slots, st.Step); err != nil {
		return err
	}
	copy(t.Data.Train, st.Order)
	t.epoch, t.batch, t.Workers = st.Epoch, min(st.Batch, t.Batches()), st.Workers
	t.History = h
	// The epoch's running loss is not saved: the history's per-batch losses give it back.
	t.epochLoss, t.epochN, t.elapsed, t.timedN, t.validating = 0, 0, 0, 0, false
	t.checking, t.chkPos, t.chkLoss, t.chkN = false, 0, 0, 0
	if bl := h.BatchLoss; t.batch > 0 && len(bl) >= t.batch {
		for _, l := range bl[len(bl)-t.batch:] {
			t.epochLoss += float64(l)
		}
		t.epochLoss *= float64(t.Net.Cfg.Batch)
		t.epochN = t.batch * t.Net.Cfg.Batch
	}
	if t.batch == t.Batches() {
		t.validating = true
	} else if t.checkAfter(t.batch) {
		// A run saved between a check's batch and the check's end measures it again; one saved
		// after the check goes on training.
		cs := h.Checks
		t.checking = len(cs) == 0 || cs[len(cs)-1].Batch != len(h.BatchLoss)
	}
	return nil
}
