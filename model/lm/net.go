package lm

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"fabulist/model/nn"
)

// Net is Embedding(E) → (Dropout(q) → RNN(H)) × L → Dropout(p) → Dense(V), where RNN is the cell Cfg.Cell
// chooses (LSTM, GRU or SimpleRNN), with all parameters in one nn.Params, laid out in that order
// (a model file's weights and the TF.js export follow it). Dropout q is Cfg.InputDropout (none
// when 0), p Cfg.Dropout.
type Net struct {
	Cfg   Config
	V     int // vocabulary size including the reserved id 0
	P     nn.Params
	emb   *nn.Embedding // (V, E)
	rnns  []recurrent   // one per layer
	dense *nn.Dense     // (H, V)
	mm    nn.Gemm
	// version counts weight updates, so that caches derived from the weights know when to go.
	version uint64
}

// NewNet lays out the parameters of cfg for a vocabulary of V ids and initialises them as Keras
// does, from cfg.Seed: embedding U(±0.05), kernels Glorot-uniform, recurrent kernels orthogonal,
// biases zero but the LSTM's forget gate's, which is 1.
func NewNet(cfg Config, V int) (*Net, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if err := checkSize(cfg, V); err != nil {
		return nil, err
	}
	n := layout(cfg, V)
	rng := rand.New(rand.NewPCG(cfg.Seed, streamInit))
	n.emb.Init(rng)
	for _, l := range n.rnns {
		l.init(rng)
	}
	n.dense.Init(rng)
	return n, nil
}

// layout makes a Net with zero parameters; NewNet and the file decoder fill them.
func layout(cfg Config, V int) *Net {
	n := layoutTensors(cfg, V)
	n.P.Alloc()
	return n
}

// layoutTensors makes a Net whose parameters are laid out but not allocated (P.Data and P.Grad
// nil).
func layoutTensors(cfg Config, V int) *Net {
	n := &Net{Cfg: cfg, V: V, mm: nn.DefaultGemm}
	E, H := cfg.Embed, cfg.Units
	n.emb = nn.NewEmbedding(&n.P, "embedding", V, E)
	for l := range cfg.Layers {
		I := E
		if l > 0 {
			I = H
		}
		n.rnns = append(n.rnns, newRecurrent(cfg.Cell, &n.P, cfg.Cell.layerName(l), I, H))
	}
	n.dense = nn.NewDense(&n.P, "dense", H, V)
	return n
}

// checkSize refuses a vocabulary of V ids out of [2, MaxVocab], or a network of cfg over it of
// more than MaxParams parameters, before any of it is allocated.
func checkSize(cfg Config, V int) error {
	if V < 2 || V > MaxVocab {
		return fmt.Errorf("a vocabulary of %d ids is out of range [2, %d]", V, MaxVocab)
	}
	if c := paramCount(cfg, V); c > MaxParams {
		return fmt.Errorf("%d parameters is more than the %d a model may have", c, MaxParams)
	}
	return nil
}

// paramCount is the number of parameters of cfg with V ids, computed without allocating.
func paramCount(cfg Config, V int) int {
	E, H, L := cfg.Embed, cfg.Units, cfg.Layers
	return V*E + cfg.Cell.paramCount(E, H) + (L-1)*cfg.Cell.paramCount(H, H) + H*V + V
}

// Changed tells the network its weights were changed from outside (an optimizer step, a load).
func (n *Net) Changed() { n.version++ }

// SetGemm swaps the matrix-multiply kernel.
func (n *Net) SetGemm(mm nn.Gemm) { n.mm = mm }

// Gemm is the network's matrix-multiply kernel.
func (n *Net) Gemm() nn.Gemm { return n.mm }

// batchWork holds every buffer of one forward and backward pass of a batch of B windows, so that
// a training step allocates nothing.
type batchWork struct {
	B, T, R int       // R rows reach the dense layer: B (LossLast) or T·B (LossEvery)
	x       []int32   // (T, B) window ids
	y       []int32   // (R) targets
	emb     []float32 // (T·B, E) embedded inputs
	caches  []layerCache
	top     []float32   // (R, H) the rows of the last recurrent layer's output that reach the dense layer
	drop    []float32   // (R, H) after dropout
	mask    []float32   // (R, H) dropout factors
	inDrop  [][]float32 // per layer, (T·B, its input width): its input after dropout (Cfg.InputDropout)
	inMask  [][]float32 // per layer, the same shape: its input's dropout factors
	logits  []float32   // (R, V) logits, then probabilities or their gradient
	ddrop   []float32   // (R, H)
	dh      []float32   // (T·B, H) gradient into a layer's outputs
	dx      []float32   // (T·B, max(E, H)) gradient out of a layer's inputs
}

func (n *Net) newBatchWork(B, T int, loss LossMode) *batchWork {
	E, H := n.Cfg.Embed, n.Cfg.Units
	R := B
	if loss == LossEvery {
		R = T * B
	}
	w := &batchWork{B: B, T: T, R: R,
		x: make([]int32, T*B), y: make([]int32, R),
		emb: make([]float32, T*B*E),
		top: make([]float32, R*H), drop: make([]float32, R*H), mask: make([]float32, R*H),
		logits: make([]float32, R*n.V), ddrop: make([]float32, R*H),
		dh: make([]float32, T*B*H), dx: make([]float32, T*B*max(E, H)),
	}
	for l, layer := range n.rnns {
		w.caches = append(w.caches, layer.newCache(T, B))
		if n.Cfg.InputDropout > 0 {
			I := E
			if l > 0 {
				I = H
			}
			w.inDrop = append(w.inDrop, make([]float32, T*B*I))
			w.inMask = append(w.inMask, make([]float32, T*B*I))
		}
	}
	return w
}

// forward runs w.x through the network into w.logits; with rng non-nil dropout is applied: each
// recurrent layer's input's (Cfg.InputDropout) first, layer by layer, then the last layer's
// output's (Cfg.Dropout).
func (n *Net) forward(w *batchWork, rng *rand.Rand) {
	T, B, R, H := w.T, w.B, w.R, n.Cfg.Units
	n.emb.Forward(w.emb, w.x)
	in := w.emb
	for l, layer := range n.rnns {
		if rng != nil && n.Cfg.InputDropout > 0 {
			nn.DropoutForward(w.inDrop[l], w.inMask[l], in, n.Cfg.InputDropout, rng)
			in = w.inDrop[l]
		}
		layer.forward(w.caches[l], in, n.mm)
		in = w.caches[l].Outputs()
	}
	// LossEvery feeds every step's output, which is already (T·B, H); LossLast feeds the last
	// step's, rows [(T-1)·B, T·B).
	top := in[(T*B-R)*H:]
	copy(w.top, top[:R*H])
	act := w.top
	if rng != nil && n.Cfg.Dropout > 0 {
		nn.DropoutForward(w.drop, w.mask, w.top, n.Cfg.Dropout, rng)
		act = w.drop
	}
	n.dense.Forward(w.logits, act, R, n.mm)
}

// trainStep runs forward with dropout, the loss and backward, adding gradients into n.P.Grad, and
// returns the mean loss over the R targets.
func (n *Net) trainStep(w *batchWork, rng *rand.Rand, total int) float64 {
	n.forward(w, rng)
	return n.backward(w, rng != nil, total)
}

// backward adds into the gradient that of the loss of w's windows summed and divided by the
// targets of total windows: total is w.B for a whole batch, more for a share of one. train says
// that forward applied dropout.
func (n *Net) backward(w *batchWork, train bool, total int) float64 {
	T, B, R, E, H := w.T, w.B, w.R, n.Cfg.Embed, n.Cfg.Units
	dropped, inDropped := train && n.Cfg.Dropout > 0, train && n.Cfg.InputDropout > 0
	loss := nn.SoftmaxCrossEntropy(w.logits, w.y, R, n.V, R/B*total)
	act := w.top
	if dropped {
		act = w.drop
	}
	n.dense.Backward(w.ddrop, w.logits, act, R, n.mm)
	clear(w.dh)
	dtop := w.dh[(T*B-R)*H:]
	if dropped {
		nn.DropoutBackward(dtop[:R*H], w.ddrop, w.mask)
	} else {
		copy(dtop, w.ddrop[:R*H])
	}
	for l := len(n.rnns) - 1; l >= 0; l-- {
		in, I := w.emb, E
		if l > 0 {
			in, I = w.caches[l-1].Outputs(), H
		}
		if inDropped {
			in = w.inDrop[l]
		}
		n.rnns[l].backward(w.dx, w.caches[l], w.dh, in, n.mm)
		if inDropped {
			nn.DropoutBackward(w.dx[:T*B*I], w.dx[:T*B*I], w.inMask[l]) // element by element: in place is safe
		}
		if l > 0 {
			copy(w.dh, w.dx[:T*B*H])
		}
	}
	n.emb.Backward(w.dx[:T*B*E], w.x)
	return loss
}

// Reading returns a network of n's settings, shape and matrix kernel whose weights are w, in
// n.P.Data's layout (len(w) = len(n.P.Data)), read where they lie: nothing is copied, so that
// writing with a model's best weights (BestWeights) takes no second copy of them (7 MB for the
// book's model). Whatever changes w changes what the network computes, so a caller that keeps it
// must make it again when w changes (the studio's writer does at each better check); it holds no
// gradient, and is for writing, never for training.
func (n *Net) Reading(w []float32) *Net {
	c := layoutTensors(n.Cfg, n.V)
	c.P.Data, c.mm = w, n.mm
	return c
}

// WithWeights returns a network of n's settings, shape and matrix kernel holding a copy of w,
// which is in n.P.Data's layout (a model's best weights, BestWeights). It is a network to write
// with, and holds no gradient (7 MB for the book's model); a Trainer makes one at its first step.
func (n *Net) WithWeights(w []float32) *Net { return n.Reading(slices.Clone(w)) }
