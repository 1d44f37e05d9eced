package qa

import "fabulist/model/nn"

// Trainer updates a Net from batches: the gradient of both losses, clipped to a global norm, then
// the optimizer's step (the book: Adam at 0.001).
type Trainer struct {
	Net      *Net
	Opt      nn.Optimizer
	ClipNorm float32 // 0: no clipping
	// Helpers share each batch when set (parallel.go): a run is the same for a given count of
	// workers, and within rounding of the single worker's for another.
	Helpers nn.Helpers
	w       *work  // the buffers of the last batch's shape
	g       sharer // the coordinator's share of a shared batch
}

// NewTrainer makes a trainer of n with the named optimizer at learning rate lr. It returns an
// error for an unknown optimizer.
func NewTrainer(n *Net, opt nn.OptimizerName, lr, clipNorm float32) (*Trainer, error) {
	o, err := nn.NewOptimizer(opt, lr, len(n.P.Data))
	if err != nil {
		return nil, err
	}
	return &Trainer{Net: n, Opt: o, ClipNorm: clipNorm}, nil
}

// Step trains on one batch and returns its losses before the update.
func (t *Trainer) Step(bt *Batch) Losses {
	n := t.Net
	if t.w == nil || t.w.S != bt.S || t.w.T != bt.T || t.w.B != bt.B {
		t.w = n.newWork(bt.S, bt.T, bt.B)
	}
	n.P.ZeroGrad()
	l := n.step(t.w, bt)
	update(&n.P, t.Opt, t.ClipNorm)
	return l
}

// StepShared trains on the batch of the examples of train at idx, shared among the trainer's
// Helpers, and returns its losses before the update (parallelGradient says which). A failed
// helper leaves the weights as they were and returns its error.
func (t *Trainer) StepShared(train []Example, idx []int32) (Losses, error) {
	return sharedStep(t.Net, &t.g, t.Helpers, t.Opt, t.ClipNorm, train, idx)
}

// update clips p's gradient to a global norm of clipNorm (0: no clipping) and takes opt's step.
func update(p *nn.Params, opt nn.Optimizer, clipNorm float32) {
	if clipNorm > 0 {
		nn.ClipByGlobalNorm(p.Grad, p.GradNorm(), clipNorm)
	}
	opt.Step(p.Data, p.Grad)
}

// Eval returns a batch's losses without training.
func (t *Trainer) Eval(bt *Batch) Losses {
	n := t.Net
	w := n.newWork(bt.S, bt.T, bt.B)
	n.forward(w, bt)
	return n.losses(w, bt, 0, 0)
}
