package model

import (
	"errors"
	"fmt"
	"math/rand/v2"
)

// Helpers compute the gradients of shares of a batch on replicas of the network: data
// parallelism across Web Workers (or goroutines). The trainer splits each batch into Count()
// contiguous shares, keeps share 0, and asks helper i for share i with the current weights. Each
// share's gradient is scaled by its part of the batch and the shares are summed in index order,
// so a run is deterministic for a given Count (dropout draws from a seed per step and share).
type Helpers interface {
	Count() int // workers, this one included
	// Send asks helper i (1 ≤ i < Count) for the gradient of the windows at starts, out of a
	// batch of total windows, with weights and a dropout seed. It must not keep weights.
	Send(i int, weights []float32, starts []int32, seed uint64, total int)
	// Receive waits for helper i's answer: the scaled gradient and the sum of its windows' losses.
	// The gradient is read before the next Send to the same helper.
	Receive(i int) (grad []float32, lossSum float64, err error)
}

// Replica is a helper's copy of the network and the text's windows.
type Replica struct {
	Net   *Net
	Data  *Dataset
	works works
}

// NewReplica makes a helper's replica; its weights come with each request.
func NewReplica(net *Net, data *Dataset) *Replica {
	return &Replica{Net: net, Data: data, works: works{}}
}

// Gradient computes the scaled gradient of a share of a batch into r.Net.P.Grad, with the
// weights the caller has just written into r.Net.P.Data, and returns it with the sum of the
// share's losses.
func (r *Replica) Gradient(starts []int32, seed uint64, total int) ([]float32, float64, error) {
	if len(starts) == 0 || total < len(starts) {
		return nil, 0, errors.New("model: replica got an empty or oversized share")
	}
	for _, s := range starts {
		if s < 0 || int(s)+r.Data.SeqLen >= len(r.Data.Tokens) {
			return nil, 0, fmt.Errorf("model: replica got window %d outside the text", s)
		}
	}
	r.Net.Changed()
	lossSum := shareGradient(r.Net, r.Data, r.works, starts, seed, total)
	return r.Net.P.Grad, lossSum, nil
}

// shareGradient zeroes net's gradient and fills it with the gradient of the loss of starts
// divided by the batch's targets, so that the shares of a batch sum to the batch's gradient.
func shareGradient(net *Net, data *Dataset, ws works, starts []int32, seed uint64, total int) float64 {
	cfg := &net.Cfg
	w := ws.get(net, len(starts), cfg.Loss)
	data.Fill(w.x, w.y, starts, cfg.Loss)
	net.P.ZeroGrad()
	var rng *rand.Rand
	if cfg.Dropout > 0 {
		rng = rand.New(rand.NewPCG(seed, 0x64726f70))
	}
	loss := net.trainStep(w, rng, total)
	return loss * float64(len(starts))
}

// shareSeed is the dropout seed of share i of training step step.
func shareSeed(seed uint64, step, i int) uint64 {
	x := seed ^ 0x9e3779b97f4a7c15*uint64(step+1) ^ uint64(i)<<48
	x ^= x >> 31
	return x * 0xbf58476d1ce4e5b9
}

// parallelGradient fills t.Net.P.Grad with the batch's gradient, computed in shares by this
// trainer and its helpers, and returns the mean loss.
func (t *Trainer) parallelGradient(starts []int32) (float64, error) {
	K := min(t.Helpers.Count(), len(starts))
	step := len(t.History.BatchLoss)
	share := func(i int) []int32 { return starts[i*len(starts)/K : (i+1)*len(starts)/K] }
	for i := 1; i < K; i++ {
		t.Helpers.Send(i, t.Net.P.Data, share(i), shareSeed(t.Net.Cfg.Seed, step, i), len(starts))
	}
	lossSum := shareGradient(t.Net, t.Data, t.works, share(0), shareSeed(t.Net.Cfg.Seed, step, 0), len(starts))
	var failed error
	for i := 1; i < K; i++ { // every answer is awaited, so that none is left to arrive later
		g, l, err := t.Helpers.Receive(i)
		if err != nil {
			failed = err
			continue
		}
		if len(g) != len(t.Net.P.Grad) {
			failed = fmt.Errorf("model: helper %d answered %d gradients for %d parameters", i, len(g), len(t.Net.P.Grad))
			continue
		}
		DefaultVector.Add(t.Net.P.Grad, g)
		lossSum += l
	}
	if failed != nil {
		return 0, fmt.Errorf("model: a training worker failed: %w", failed)
	}
	return lossSum / float64(len(starts)), nil
}

// LocalHelpers are helpers on goroutines in this process: for the command line and for tests
// that check the browser's data parallelism natively.
type LocalHelpers struct {
	reps []*Replica
	out  []chan localAnswer
}

type localAnswer struct {
	grad []float32
	loss float64
	err  error
}

// NewLocalHelpers makes k-1 replicas of net (k workers in all) over data.
func NewLocalHelpers(k int, net *Net, data *Dataset) (*LocalHelpers, error) {
	h := &LocalHelpers{reps: make([]*Replica, k), out: make([]chan localAnswer, k)}
	for i := 1; i < k; i++ {
		rn, err := NewNet(net.Cfg, net.V)
		if err != nil {
			return nil, err
		}
		rn.mm = net.mm
		h.reps[i] = NewReplica(rn, data)
		h.out[i] = make(chan localAnswer, 1)
	}
	return h, nil
}

func (h *LocalHelpers) Count() int { return len(h.reps) }

func (h *LocalHelpers) Send(i int, weights []float32, starts []int32, seed uint64, total int) {
	r := h.reps[i]
	copy(r.Net.P.Data, weights) // the caller's weights change after the step: copy now
	go func() {
		g, l, err := r.Gradient(starts, seed, total)
		h.out[i] <- localAnswer{g, l, err}
	}()
}

func (h *LocalHelpers) Receive(i int) ([]float32, float64, error) {
	a := <-h.out[i]
	return a.grad, a.loss, a.err
}
