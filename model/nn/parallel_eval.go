package nn

import "fmt"

// Validation shared among workers: a validation pass measures batches with fixed weights, one
// after the other, on the coordinator alone while its helpers idle (a check of the book's model
// is some 64 batches, 1.7 s in the page). Here the batches are shared out whole, in contiguous
// groups, one group a worker: each batch is measured as one worker measures it (the same items,
// the same kernels, the same weights) and the sums are handed back in batch order, so that a
// caller that adds them in that order gets the same loss, bit for bit, for any count of workers.

// Evaluator is Helpers that also measure losses without training.
type Evaluator interface {
	// SendEval asks helper i (1 ≤ i < Count) for the loss sums of batches (each a batch's items)
	// with weights, which stay unchanged until ReceiveEval(i) returns and must not be kept after.
	SendEval(i int, weights []float32, batches [][]int32)
	// ReceiveEval waits for helper i's answer: one loss sum a batch, in the order sent.
	ReceiveEval(i int) ([]float64, error)
}

// EvalReplica is a Replica that measures losses.
type EvalReplica interface {
	// LossSum is the sum of the losses of a batch's items with the current weights (written
	// into Weights or viewed, as for Gradient), without dropout.
	LossSum(items []int32) (float64, error)
}

// ParallelEval returns the loss sum of each of batches, in their order: the first group of
// batches measured meanwhile by local, each other group by a helper, when h is an Evaluator (else
// all by local). Every helper's answer is awaited, even after one failed, so that none arrives
// later; a failure is returned after them all.
func ParallelEval(h Helpers, weights []float32, batches [][]int32, local func(items []int32) float64) ([]float64, error) {
	e, ok := h.(Evaluator)
	K := 1
	if ok {
		K = min(h.Count(), len(batches))
	}
	group := func(i int) [][]int32 { return batches[i*len(batches)/K : (i+1)*len(batches)/K] }
	for i := 1; i < K; i++ {
		e.SendEval(i, weights, group(i))
	}
	sums := make([]float64, 0, len(batches))
	for _, b := range group(0) {
		sums = append(sums, local(b))
	}
	var failed error
	for i := 1; i < K; i++ {
		s, err := e.ReceiveEval(i)
		if err == nil && len(s) != len(group(i)) {
			err = fmt.Errorf("nn: helper %d measured %d batches of %d", i, len(s), len(group(i)))
		}
		if err != nil {
			failed = err
			continue
		}
		sums = append(sums, s...)
	}
	if failed != nil {
		return nil, fmt.Errorf("a training worker failed: %w", failed)
	}
	return sums, nil
}

var _ Evaluator = (*LocalHelpers)(nil)

// SendEval measures helper i's batches on a goroutine, with a view of weights for a
// WeightViewer, else a copy. A replica that is no EvalReplica answers an error.
func (h *LocalHelpers) SendEval(i int, weights []float32, batches [][]int32) {
	r := h.reps[i]
	go func() {
		er, ok := r.(EvalReplica)
		if !ok {
			h.out[i] <- localAnswer{err: fmt.Errorf("nn: helper %d cannot measure losses", i)}
			return
		}
		if v, ok := r.(WeightViewer); ok {
			v.ViewWeights(weights)
		} else {
			copy(r.Weights(), weights)
		}
		sums := make([]float64, 0, len(batches))
		for _, b := range batches {
			s, err := er.LossSum(b)
			if err != nil {
				h.out[i] <- localAnswer{err: err}
				return
			}
			sums = append(sums, s)
		}
		h.out[i] <- localAnswer{sums: sums}
	}()
}

// ReceiveEval waits for helper i's loss sums.
func (h *LocalHelpers) ReceiveEval(i int) ([]float64, error) {
	a := <-h.out[i]
	return a.sums, a.err
}
