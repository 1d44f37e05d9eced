package qa

import (
	"errors"
	"fmt"

	"fabulist/model/nn"
)

// The question model's side of data parallelism (nn.Helpers, nn.Replica), as the text generator
// has it (model/lm/parallel.go). Both losses are means over a batch's tokens, which a share
// cannot count alone, so a share's items are a header and then example indices:
//
//	[the batch's real passage tokens, the batch's question targets, index, index, …]
//
// Each share divides its summed losses' gradient by the batch's counts, and the shares'
// gradients, added in share order, are the batch's. The question model has no dropout: the
// seed goes unused.

// shareHeader is the number of items before a share's example indices.
const shareHeader = 2

// Replica is a helper's copy of the network and of the training examples; it is an nn.Replica.
type Replica struct {
	Net   *Net
	Train []Example
	w     *work
}

var _ nn.Replica = (*Replica)(nil)

// NewReplica makes a helper's replica over the run's training examples; its weights come with
// each request.
func NewReplica(net *Net, train []Example) *Replica { return &Replica{Net: net, Train: train} }

// Weights is the replica's parameters, which each request overwrites.
func (r *Replica) Weights() []float32 { return r.Net.P.Data }

// Gradient computes into r.Net.P.Grad the gradient of a share of a batch: items are the batch's
// counts and the share's example indices, as above. It returns the gradient and the share's part
// of the batch's question loss (its summed question losses over the batch's targets). It returns
// an error for a malformed share or an index outside the examples.
func (r *Replica) Gradient(items []int32, _ uint64, total int) ([]float32, float64, error) {
	if len(items) <= shareHeader || total < len(items)-shareHeader || items[0] < 1 || items[1] < 1 {
		return nil, 0, errors.New("qa: replica got an empty or malformed share")
	}
	exs := make([]Example, 0, len(items)-shareHeader)
	for _, k := range items[shareHeader:] {
		if k < 0 || int(k) >= len(r.Train) {
			return nil, 0, fmt.Errorf("qa: replica got example %d of %d", k, len(r.Train))
		}
		exs = append(exs, r.Train[k])
	}
	_, part := shareGradient(r.Net, &r.w, exs, int(items[0]), int(items[1]))
	return r.Net.P.Grad, part, nil
}

// batchCounts is the real passage tokens and the question targets (`<END>` included) of exs.
func batchCounts(exs []Example) (tokens, targets int) {
	for _, e := range exs {
		tokens += len(e.Passage)
		targets += len(e.Question) + 1
	}
	return tokens, targets
}

// shareGradient zeroes n's gradient and fills it with the gradient of exs, a share of a batch of
// tagDenom passage tokens and qDenom question targets; *w is reused when its shape fits. It
// returns the share's losses (means over its own tokens) and its part of the batch's question
// loss.
func shareGradient(n *Net, w **work, exs []Example, tagDenom, qDenom int) (Losses, float64) {
	bt := MakeBatch(exs, n.Shape.V)
	if *w == nil || (*w).S != bt.S || (*w).T != bt.T || (*w).B != bt.B {
		*w = n.newWork(bt.S, bt.T, bt.B)
	}
	n.P.ZeroGrad()
	n.forward(*w, bt)
	l := n.losses(*w, bt, tagDenom, qDenom)
	n.backward(*w, bt)
	_, targets := batchCounts(exs)
	return l, l.Question * float64(targets) / float64(qDenom)
}

// parallelGradient fills t.Net.P.Grad with the gradient of the batch exs (the training examples
// at idx), computed in shares by this trainer and its helpers. It returns the batch's question
// loss, and the coordinator's share's tagger loss (a helper answers one figure). Every helper's
// answer is awaited, even after one failed, so that none arrives later; a failure is returned
// after them all.
func (t *Trainer) parallelGradient(train []Example, idx []int32) (Losses, error) {
	n, h := t.Net, t.Helpers
	exs := make([]Example, len(idx))
	for i, k := range idx {
		exs[i] = train[k]
	}
	tokens, targets := batchCounts(exs)
	K := min(h.Count(), len(idx))
	bounds := func(i int) (int, int) { return i * len(idx) / K, (i + 1) * len(idx) / K }
	for i := 1; i < K; i++ {
		lo, hi := bounds(i)
		items := append([]int32{int32(tokens), int32(targets)}, idx[lo:hi]...)
		h.Send(i, n.P.Data, items, 0, len(idx))
	}
	_, hi := bounds(0)
	l, question := shareGradient(n, &t.w, exs[:hi], tokens, targets)
	var failed error
	for i := 1; i < K; i++ {
		g, part, err := h.Receive(i)
		if err != nil {
			failed = err
			continue
		}
		if len(g) != len(n.P.Grad) {
			failed = fmt.Errorf("qa: helper %d answered %d gradients for %d parameters", i, len(g), len(n.P.Grad))
			continue
		}
		nn.DefaultVector.Add(n.P.Grad, g)
		question += part
	}
	if failed != nil {
		return Losses{}, fmt.Errorf("a training worker failed: %w", failed)
	}
	return Losses{Tagger: l.Tagger, Question: question}, nil
}

// NewLocalHelpers makes k-1 replicas of n (k workers in all) over the training examples train,
// on goroutines.
func NewLocalHelpers(k int, n *Net, train []Example) (*nn.LocalHelpers, error) {
	var reps []nn.Replica
	for i := 1; i < k; i++ {
		rn, err := NewNet(n.Shape, 0)
		if err != nil {
			return nil, err
		}
		rn.mm = n.mm
		reps = append(reps, NewReplica(rn, train))
	}
	return nn.NewLocalHelpers(reps...), nil
}

// share gives the trainer k-1 helpers on goroutines (NewLocalHelpers), or none for k ≤ 1.
func (t *Trainer) share(k int, train []Example) error {
	if k <= 1 {
		t.Helpers = nil
		return nil
	}
	h, err := NewLocalHelpers(k, t.Net, train)
	if err != nil {
		return err
	}
	t.Helpers = h
	return nil
}

// use makes h's workers share each batch; nil or one worker: this one alone.
func (t *Trainer) use(h nn.Helpers) error {
	if h != nil && h.Count() <= 1 {
		h = nil
	}
	t.Helpers = h
	return nil
}

// stepOn trains on the examples of train at idx, shared among the Helpers when there are any.
func (t *Trainer) stepOn(train []Example, idx []int32) (Losses, error) {
	if t.Helpers != nil {
		return t.StepShared(train, idx)
	}
	return t.Step(batchOf(train, idx, t.Net.Shape.V)), nil
}
