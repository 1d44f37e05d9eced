package lm

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"fabulist/model/nn"
)

// The text generator's side of data parallelism (nn.ParallelGradient, nn.Helpers): a batch's
// items are the start positions of its windows.

// Replica is a helper's copy of the network and the text's windows; it is an nn.Replica.
type Replica struct {
	Net   *Net
	Data  *Dataset
	works *works
}

var _ nn.Replica = (*Replica)(nil)

// NewReplica makes a helper's replica; its weights come with each request.
func NewReplica(net *Net, data *Dataset) *Replica {
	return &Replica{Net: net, Data: data, works: newWorks()}
}

// Weights is the replica's parameters, which each request overwrites.
func (r *Replica) Weights() []float32 { return r.Net.P.Data }

// ViewWeights makes w the replica's parameters, read where they lie (LocalHelpers): its own
// parameters are not used again.
func (r *Replica) ViewWeights(w []float32) { r.Net.P.Data = w }

var _ nn.WeightViewer = (*Replica)(nil)

// Gradient computes the scaled gradient of a share of a batch into r.Net.P.Grad, with the
// weights the caller has just written into r.Net.P.Data, and returns it with the sum of the
// share's losses. Window starts outside the text are refused.
func (r *Replica) Gradient(starts []int32, seed uint64, total int) ([]float32, float64, error) {
	if err := r.checkStarts(starts); err != nil {
		return nil, 0, err
	}
	if total < len(starts) {
		return nil, 0, errors.New("lm: replica got a share larger than its batch")
	}
	r.Net.Changed()
	lossSum := shareGradient(r.Net, r.Data, r.works, starts, seed, total)
	return r.Net.P.Grad, lossSum, nil
}

var _ nn.EvalReplica = (*Replica)(nil)

// LossSum is the summed validation loss (LossLast, no dropout) of the windows at starts, with the
// weights the caller has just written or viewed: Trainer.evalBatch's, bit for bit, on a replica.
// Window starts outside the text are refused.
func (r *Replica) LossSum(starts []int32) (float64, error) {
	if err := r.checkStarts(starts); err != nil {
		return 0, err
	}
	r.Net.Changed()
	return evalBatch(r.Net, r.Data, r.works, starts), nil
}

// checkStarts refuses an empty share or window starts outside the text.
func (r *Replica) checkStarts(starts []int32) error {
	if len(starts) == 0 {
		return errors.New("lm: replica got an empty share")
	}
	for _, s := range starts {
		if s < 0 || int(s)+r.Data.SeqLen >= len(r.Data.Tokens) {
			return fmt.Errorf("lm: replica got window %d outside the text", s)
		}
	}
	return nil
}

// shareGradient zeroes net's gradient and fills it with the gradient of the loss of starts
// divided by the batch's targets, so that the shares of a batch sum to the batch's gradient.
func shareGradient(net *Net, data *Dataset, ws *works, starts []int32, seed uint64, total int) float64 {
	cfg := &net.Cfg
	w := ws.train(net, len(starts), cfg.Loss)
	data.Fill(w.x, w.y, starts, cfg.Loss)
	net.P.ZeroGrad()
	var rng *rand.Rand
	if cfg.dropsOut() {
		rng = rand.New(rand.NewPCG(seed, streamDropout))
	}
	loss := net.trainStep(w, rng, total)
	return loss * float64(len(starts))
}

// parallelGradient fills t.Net.P.Grad with the batch's gradient, computed in shares by this
// trainer and its helpers, and returns the mean loss.
func (t *Trainer) parallelGradient(starts []int32) (float64, error) {
	net := t.Net
	return nn.ParallelGradient(t.Helpers, net.P.Data, net.P.Grad, starts, net.Cfg.Seed, len(t.History.BatchLoss),
		func(share []int32, seed uint64, total int) float64 {
			return shareGradient(net, t.Data, t.works, share, seed, total)
		})
}

// NewLocalHelpers makes k-1 replicas of net (k workers in all) over data, on goroutines.
func NewLocalHelpers(k int, net *Net, data *Dataset) (*nn.LocalHelpers, error) {
	var reps []nn.Replica
	for i := 1; i < k; i++ {
		rn, err := NewNet(net.Cfg, net.V)
		if err != nil {
			return nil, err
		}
		rn.mm = net.mm
		reps = append(reps, NewReplica(rn, data))
	}
	return nn.NewLocalHelpers(reps...), nil
}
