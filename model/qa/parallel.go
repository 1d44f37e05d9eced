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

// Replica is a helper's copy of the network (either architecture) and of the training
// examples; it is an nn.Replica.
type Replica struct {
	Net   Network
	Train []Example
	g     sharer
}

var _ nn.Replica = (*Replica)(nil)

// NewReplica makes a helper's replica over the run's training examples; its weights come with
// each request.
func NewReplica(net Network, train []Example) *Replica {
	return &Replica{Net: net, Train: train, g: newSharer(net)}
}

// Weights is the replica's parameters, which each request overwrites.
func (r *Replica) Weights() []float32 { return r.Net.Params().Data }

// ViewWeights makes w the replica's parameters, read where they lie (LocalHelpers): its own
// parameters are not used again.
func (r *Replica) ViewWeights(w []float32) { r.Net.Params().Data = w }

var _ nn.WeightViewer = (*Replica)(nil)

// Gradient computes into the replica's gradient the gradient of a share of a batch: items are
// the batch's counts and the share's example indices, as above. It returns the gradient and the
// share's part of the batch's question loss (its summed question losses over the batch's
// targets). It returns an error for a malformed share or an index outside the examples.
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
	_, part := r.g.gradient(exs, int(items[0]), int(items[1]))
	return r.Net.Params().Grad, part, nil
}

// batchCounts is the real passage tokens and the question targets (`<END>` included) of exs.
func batchCounts(exs []Example) (tokens, targets int) {
	for _, e := range exs {
		tokens += len(e.Passage)
		targets += len(e.Question) + 1
	}
	return tokens, targets
}

// sharer computes the gradient of a share of a batch for one network, reusing the buffers of
// the last share's shape.
type sharer interface {
	// gradient zeroes the network's gradient and fills it with the gradient of exs, a share of a
	// batch of tagDenom passage tokens and qDenom question targets. It returns the share's losses
	// (means over its own tokens) and its part of the batch's question loss.
	gradient(exs []Example, tagDenom, qDenom int) (Losses, float64)
}

// passes is what a sharer needs of a network whose buffers are a W: Net's are *work, BookNet's
// *bookWork.
type passes[W any] interface {
	Params() *nn.Params
	newWork(S, T, B int) W
	forward(w W, bt *Batch)
	losses(w W, bt *Batch, tagDenom, qDenom int) Losses
	backward(w W, bt *Batch)
}

// netSharer is the sharer of n, of a vocabulary of V ids: w holds the buffers of batches of
// shape (S, T, B).
type netSharer[W any] struct {
	n     passes[W]
	V     int
	w     W
	shape [3]int
}

func (s *netSharer[W]) gradient(exs []Example, tagDenom, qDenom int) (Losses, float64) {
	bt := MakeBatch(exs, s.V)
	if shape := [3]int{bt.S, bt.T, bt.B}; shape != s.shape {
		s.w, s.shape = s.n.newWork(bt.S, bt.T, bt.B), shape
	}
	s.n.Params().ZeroGrad()
	s.n.forward(s.w, bt)
	l := s.n.losses(s.w, bt, tagDenom, qDenom)
	s.n.backward(s.w, bt)
	return l, sharePart(l, exs, qDenom)
}

// sharePart is a share's part of its batch's question loss: its mean over its own targets,
// weighted by their share of the batch's qDenom.
func sharePart(l Losses, exs []Example, qDenom int) float64 {
	_, targets := batchCounts(exs)
	return l.Question * float64(targets) / float64(qDenom)
}

// newSharer is n's sharer; n is a *Net or a *BookNet.
func newSharer(n Network) sharer {
	if b, ok := n.(*BookNet); ok {
		return &netSharer[*bookWork]{n: b, V: b.Shape.V}
	}
	m := n.(*Net)
	return &netSharer[*work]{n: m, V: m.Shape.V}
}

// sharedStep trains n on the batch of the examples of train at idx, shared between this worker
// (*g, made on first use) and h's, then clips the gradient to clipNorm and takes opt's step. It
// returns the batch's losses before the update (parallelGradient says which); a failed helper
// leaves the weights as they were and returns its error.
func sharedStep(n Network, g *sharer, h nn.Helpers, opt nn.Optimizer, clipNorm float32, train []Example, idx []int32) (Losses, error) {
	if *g == nil {
		*g = newSharer(n)
	}
	l, err := parallelGradient(n.Params(), *g, h, train, idx)
	if err != nil {
		return Losses{}, err
	}
	opt.SetWorkers(h.Count())
	update(n.Params(), opt, clipNorm)
	return l, nil
}

// parallelGradient fills p.Grad with the gradient of the batch of the training examples at idx,
// computed in shares: the first by g (the coordinator's network, whose parameters p are) and the
// others by h's workers. It returns the batch's question loss, and the coordinator's share's
// tagger loss (a helper answers one figure). Every helper's answer is awaited, even after one
// failed, so that none arrives later; a failure is returned after them all.
func parallelGradient(p *nn.Params, g sharer, h nn.Helpers, train []Example, idx []int32) (Losses, error) {
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
		h.Send(i, p.Data, items, 0, len(idx))
	}
	_, hi := bounds(0)
	l, question := g.gradient(exs[:hi], tokens, targets)
	var failed error
	for i := 1; i < K; i++ {
		grad, part, err := h.Receive(i)
		if err != nil {
			failed = err
			continue
		}
		if len(grad) != len(p.Grad) {
			failed = fmt.Errorf("qa: helper %d answered %d gradients for %d parameters", i, len(grad), len(p.Grad))
			continue
		}
		nn.Spread(len(grad), h.Count(), func(lo, hi int) { nn.DefaultVector.Add(p.Grad[lo:hi], grad[lo:hi]) })
		question += part
	}
	if failed != nil {
		return Losses{}, fmt.Errorf("a training worker failed: %w", failed)
	}
	return Losses{Tagger: l.Tagger, Question: question}, nil
}

// NewLocalHelpers makes k-1 replicas of n (k workers in all; a *Net or a *BookNet) over the
// training examples train, on goroutines. It returns an error for a network of another kind.
func NewLocalHelpers(k int, n Network, train []Example) (*nn.LocalHelpers, error) {
	var reps []nn.Replica
	for i := 1; i < k; i++ {
		var rn Network
		switch n := n.(type) {
		case *Net:
			c := layout(n.Shape)
			c.mm = n.mm
			rn = c
		case *BookNet:
			c := bookLayout(n.Shape)
			c.mm = n.mm
			rn = c
		default:
			return nil, fmt.Errorf("qa: no replicas of a %T", n)
		}
		reps = append(reps, NewReplica(rn, train))
	}
	return nn.NewLocalHelpers(reps...), nil
}

// share gives the trainer k-1 helpers on goroutines (NewLocalHelpers), or none for k ≤ 1.
func (t *Trainer) share(k int, train []Example) error {
	h, err := localHelpers(k, t.Net, train)
	t.Helpers = h
	return err
}

// use makes h's workers share each batch; nil or one worker: this one alone.
func (t *Trainer) use(h nn.Helpers) { t.Helpers = several(h) }

// stepOn trains on the examples of train at idx, shared among the Helpers when there are any.
func (t *Trainer) stepOn(train []Example, idx []int32) (Losses, error) {
	if t.Helpers != nil {
		return t.StepShared(train, idx)
	}
	return t.Step(batchOf(train, idx, t.Net.Shape.V)), nil
}

// share gives the trainer k-1 helpers on goroutines (NewLocalHelpers), or none for k ≤ 1.
func (t *BookTrainer) share(k int, train []Example) error {
	h, err := localHelpers(k, t.Net, train)
	t.Helpers = h
	return err
}

// use makes h's workers share each batch; nil or one worker: this one alone.
func (t *BookTrainer) use(h nn.Helpers) { t.Helpers = several(h) }

// stepOn trains on the examples of train at idx, shared among the Helpers when there are any.
func (t *BookTrainer) stepOn(train []Example, idx []int32) (Losses, error) {
	if t.Helpers == nil {
		return t.Step(batchOf(train, idx, t.Net.Shape.V)), nil
	}
	return sharedStep(t.Net, &t.g, t.Helpers, t.Opt, t.ClipNorm, train, idx)
}

// localHelpers is NewLocalHelpers' k-1 helpers of n, or none (nil) for k ≤ 1.
func localHelpers(k int, n Network, train []Example) (nn.Helpers, error) {
	if k <= 1 {
		return nil, nil
	}
	h, err := NewLocalHelpers(k, n, train)
	if err != nil {
		return nil, err
	}
	return h, nil
}

// several is h when it has more than one worker, else nil: one worker trains alone.
func several(h nn.Helpers) nn.Helpers {
	if h == nil || h.Count() <= 1 {
		return nil
	}
	return h
}
