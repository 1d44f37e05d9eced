package nn

import "fmt"

// Data parallelism: a batch is split into contiguous shares, each share's gradient is computed on
// a replica of the model (another Web Worker in the browser, a goroutine here), and the shares'
// gradients are added in index order before the one optimizer step. Each share's gradient is
// already divided by the batch's targets, so the sum is the batch's gradient; the sum's order is
// fixed and each share's dropout draws from a seed of its own (ShareSeed), so a run is
// reproducible for a given count of workers. What a batch's items are (windows of a text, pairs of
// a passage) is the model's business: here they are int32 indices.

// Helpers compute the gradients of shares of a batch on replicas of the model. The coordinator
// keeps share 0 and asks helper i for share i with the current weights.
type Helpers interface {
	Count() int // workers, the coordinator included
	// Send asks helper i (1 ≤ i < Count) for the gradient of the batch items at items, out of a
	// batch of total items, with weights and a dropout seed. weights stay unchanged until
	// Receive(i) returns, and must not be kept after it.
	Send(i int, weights []float32, items []int32, seed uint64, total int)
	// Receive waits for helper i's answer: the scaled gradient and the sum of its items' losses.
	// The gradient is read before the next Send to the same helper.
	Receive(i int) (grad []float32, lossSum float64, err error)
}

// GradAdder is Helpers that add a helper's gradient into the batch's themselves instead of
// handing it back as a slice: the browser's, whose gradients arrive in JavaScript and are added
// piece by piece, so that the coordinator holds no copy of each helper's gradient (7 MB a helper
// for the book's model). The sum is the same, bit for bit: Add is elementwise.
type GradAdder interface {
	// AddGradient waits for helper i's answer, as Receive does, adds its gradient into grad and
	// returns the sum of its items' losses.
	AddGradient(i int, grad []float32) (lossSum float64, err error)
}

// addAnswer waits for helper i's answer and adds its gradient into grad, on the workers' cores
// where they are goroutines (Spread): the sum is elementwise, and a serial part of each step.
func addAnswer(h Helpers, i int, grad []float32) (float64, error) {
	if a, ok := h.(GradAdder); ok {
		return a.AddGradient(i, grad)
	}
	g, l, err := h.Receive(i)
	if err != nil {
		return 0, err
	}
	if len(g) != len(grad) {
		return 0, fmt.Errorf("nn: helper %d answered %d gradients for %d parameters", i, len(g), len(grad))
	}
	Spread(len(grad), h.Count(), func(lo, hi int) { DefaultVector.Add(grad[lo:hi], g[lo:hi]) })
	return l, nil
}

// Replica is a helper's copy of a model: weights written by each request, and the gradient of a
// share of a batch.
type Replica interface {
	// Weights is the replica's parameters, which a request overwrites before Gradient.
	Weights() []float32
	// Gradient computes the scaled gradient of items (a share of a batch of total items) with the
	// current weights and dropout seed, and returns it with the sum of the items' losses. The
	// gradient is the replica's own, valid until the next call.
	Gradient(items []int32, seed uint64, total int) (grad []float32, lossSum float64, err error)
}

// WeightViewer is a Replica that can compute with a request's weights where they lie instead of
// with a copy: LocalHelpers' replicas share the coordinator's memory, so each step saves a copy of
// the whole model per helper (7 MB for the book's) on the helper's side of the step.
type WeightViewer interface {
	// ViewWeights makes w the replica's parameters until the next call. The replica only reads
	// w, which stays unchanged until Gradient returns.
	ViewWeights(w []float32)
}

// ShareSeed is the dropout seed of share i of training step step of a run seeded with seed.
func ShareSeed(seed uint64, step, i int) uint64 {
	x := seed ^ 0x9e3779b97f4a7c15*uint64(step+1) ^ uint64(i)<<48
	x ^= x >> 31
	return x * 0xbf58476d1ce4e5b9
}

// ParallelGradient fills grad with the gradient of a batch of items computed in shares: share i
// by helper i (1 ≤ i < h.Count()) from weights, share 0 meanwhile by local, which writes its
// scaled gradient into grad and returns its loss sum. Share i draws its dropout from
// ShareSeed(seed, step, i). It returns the batch's mean loss. Every helper's answer is awaited,
// even after one failed, so that none arrives later; a failure is returned after them all.
func ParallelGradient(h Helpers, weights, grad []float32, items []int32, seed uint64, step int,
	local func(share []int32, seed uint64, total int) float64) (float64, error) {
	K := min(h.Count(), len(items))
	share := func(i int) []int32 { return items[i*len(items)/K : (i+1)*len(items)/K] }
	for i := 1; i < K; i++ {
		h.Send(i, weights, share(i), ShareSeed(seed, step, i), len(items))
	}
	lossSum := local(share(0), ShareSeed(seed, step, 0), len(items))
	var failed error
	for i := 1; i < K; i++ {
		l, err := addAnswer(h, i, grad)
		if err != nil {
			failed = err
			continue
		}
		lossSum += l
	}
	if failed != nil {
		return 0, fmt.Errorf("a training worker failed: %w", failed)
	}
	return lossSum / float64(len(items)), nil
}

// LocalHelpers are helpers on goroutines in this process: for the command line and for tests
// that check the browser's data parallelism natively.
type LocalHelpers struct {
	reps []Replica // index 0 unused: the coordinator
	out  []chan localAnswer
}

var _ Helpers = (*LocalHelpers)(nil)

type localAnswer struct {
	grad []float32
	loss float64
	sums []float64 // SendEval's
	err  error
}

// NewLocalHelpers makes helpers of reps, which are helpers 1 to len(reps): len(reps)+1 workers
// with the coordinator.
func NewLocalHelpers(reps ...Replica) *LocalHelpers {
	h := &LocalHelpers{reps: append([]Replica{nil}, reps...), out: make([]chan localAnswer, len(reps)+1)}
	for i := range reps {
		h.out[i+1] = make(chan localAnswer, 1)
	}
	return h
}

// Count is the number of workers, the coordinator included.
func (h *LocalHelpers) Count() int { return len(h.reps) }

// Send gives helper i's replica the weights (a view of them for a WeightViewer, else a copy) and
// computes its share, both on a goroutine: a copy (the whole model, 7 MB for the book's) is then
// no serial part of a step.
func (h *LocalHelpers) Send(i int, weights []float32, items []int32, seed uint64, total int) {
	r := h.reps[i]
	go func() {
		if v, ok := r.(WeightViewer); ok {
			v.ViewWeights(weights)
		} else {
			copy(r.Weights(), weights)
		}
		g, l, err := r.Gradient(items, seed, total)
		h.out[i] <- localAnswer{grad: g, loss: l, err: err}
	}()
}

// Receive waits for helper i's answer.
func (h *LocalHelpers) Receive(i int) ([]float32, float64, error) {
	a := <-h.out[i]
	return a.grad, a.loss, a.err
}
