package model

import (
	"fmt"
	"math/rand/v2"
)

// Net is Embedding(E) → LSTM(H) × L → Dropout(p) → Dense(V), with all parameters in one Params.
type Net struct {
	Cfg    Config
	V      int // vocabulary size including the reserved id 0
	P      Params
	emb    Tensor   // (V, E)
	lstms  []lstmTs // one per layer
	denseW Tensor   // (H, V)
	denseB Tensor   // (V)
	mm     Gemm
	fault  lstmFault
	// version counts weight updates, so that caches derived from the weights know when to go.
	version uint64
}

type lstmTs struct{ w, u, b Tensor } // (I, 4H), (H, 4H), (4H)

// NewNet lays out the parameters of cfg for a vocabulary of V ids and initialises them as Keras
// does, from cfg.Seed: embedding U(±0.05), kernels Glorot-uniform, recurrent kernels orthogonal,
// biases zero but the forget gate's, which is 1.
func NewNet(cfg Config, V int) (*Net, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if V < 2 || V > MaxVocab {
		return nil, fmt.Errorf("model: vocabulary of %d ids is out of range [2, %d]", V, MaxVocab)
	}
	n := layout(cfg, V)
	if len(n.P.Data) > MaxParams {
		return nil, fmt.Errorf("model: %d parameters is more than the %d a model may have", len(n.P.Data), MaxParams)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x66616275))
	uniform(n.P.W(n.emb), 0.05, rng)
	E, H := cfg.Embed, cfg.Units
	for l, ts := range n.lstms {
		I := E
		if l > 0 {
			I = H
		}
		glorotUniform(n.P.W(ts.w), I, 4*H, rng)
		orthogonal(n.P.W(ts.u), H, 4*H, rng)
		b := n.P.W(ts.b)
		for j := H; j < 2*H; j++ {
			b[j] = 1
		}
	}
	glorotUniform(n.P.W(n.denseW), H, V, rng)
	return n, nil
}

// layout makes a Net with zero parameters; NewNet and the file decoder fill them.
func layout(cfg Config, V int) *Net {
	n := &Net{Cfg: cfg, V: V, mm: DefaultGemm}
	E, H := cfg.Embed, cfg.Units
	n.emb = n.P.add("embedding/embeddings", V, E)
	for l := range cfg.Layers {
		I := E
		if l > 0 {
			I = H
		}
		prefix := "lstm"
		if l > 0 {
			prefix = fmt.Sprintf("lstm_%d", l)
		}
		n.lstms = append(n.lstms, lstmTs{
			w: n.P.add(prefix+"/lstm_cell/kernel", I, 4*H),
			u: n.P.add(prefix+"/lstm_cell/recurrent_kernel", H, 4*H),
			b: n.P.add(prefix+"/lstm_cell/bias", 4*H),
		})
	}
	n.denseW = n.P.add("dense/kernel", H, V)
	n.denseB = n.P.add("dense/bias", V)
	n.P.alloc()
	return n
}

// paramCount is the number of parameters of cfg with V ids, computed without allocating.
func paramCount(cfg Config, V int) int {
	E, H, L := cfg.Embed, cfg.Units, cfg.Layers
	n := V*E + E*4*H + H*4*H + 4*H + (L-1)*(H*4*H+H*4*H+4*H) + H*V + V
	return n
}

// Changed tells the network its weights were changed from outside (an optimizer step, a load).
func (n *Net) Changed() { n.version++ }

// SetGemm swaps the matrix-multiply kernel.
func (n *Net) SetGemm(mm Gemm) { n.mm = mm }

// batchWork holds every buffer of one forward and backward pass of a batch of B windows, so that
// a training step allocates nothing.
type batchWork struct {
	B, T, R int       // R rows reach the dense layer: B (LossLast) or T·B (LossEvery)
	x       []int32   // (T, B) window ids
	y       []int32   // (R) targets
	emb     []float32 // (T·B, E) embedded inputs
	caches  []lstmCache
	top     []float32 // (R, H) the rows of the last LSTM's output that reach the dense layer
	drop    []float32 // (R, H) after dropout
	mask    []float32 // (R, H) dropout factors
	logits  []float32 // (R, V) logits, then probabilities or their gradient
	ddrop   []float32 // (R, H)
	dh      []float32 // (T·B, H) gradient into a layer's outputs
	dx      []float32 // (T·B, max(E, H)) gradient out of a layer's inputs
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
	for range n.Cfg.Layers {
		w.caches = append(w.caches, newLSTMCache(T, B, H))
	}
	return w
}

// forward runs w.x through the network into w.logits; with rng non-nil dropout is applied.
func (n *Net) forward(w *batchWork, rng *rand.Rand) {
	B, T, R, E, H := w.B, w.T, w.R, n.Cfg.Embed, n.Cfg.Units
	embeddingForward(w.emb, n.P.W(n.emb), w.x, E)
	in, I := w.emb, E
	for l, ts := range n.lstms {
		c := &w.caches[l]
		lstmForward(c, in, n.P.W(ts.w), n.P.W(ts.u), n.P.W(ts.b), T, B, I, H, n.mm)
		in, I = c.h[B*H:(T+1)*B*H], H
	}
	// LossEvery feeds every step's output, rows [B, (T+1)·B) of h, which is already (T·B, H);
	// LossLast feeds the last step's, rows [T·B, (T+1)·B).
	top := in[(T*B-R)*H:]
	copy(w.top, top[:R*H])
	act := w.top
	if rng != nil && n.Cfg.Dropout > 0 {
		dropoutForward(w.drop, w.mask, w.top, n.Cfg.Dropout, rng)
		act = w.drop
	}
	denseForward(w.logits, act, n.P.W(n.denseW), n.P.W(n.denseB), R, H, n.V, n.mm)
}

// trainStep runs forward with dropout, the loss and backward, adding gradients into n.P.Grad, and
// returns the mean loss over the R targets.
func (n *Net) trainStep(w *batchWork, rng *rand.Rand, total int) float64 {
	n.forward(w, rng)
	return n.backward(w, rng != nil && n.Cfg.Dropout > 0, total)
}

// backward adds into the gradient that of the loss of w's windows summed and divided by the
// targets of total windows: total is w.B for a whole batch, more for a share of one.
func (n *Net) backward(w *batchWork, dropped bool, total int) float64 {
	B, T, R, E, H := w.B, w.T, w.R, n.Cfg.Embed, n.Cfg.Units
	loss := softmaxCrossEntropy(w.logits, w.y, R, n.V, R/B*total)
	act := w.top
	if dropped {
		act = w.drop
	}
	denseBackward(w.ddrop, n.P.G(n.denseW), n.P.G(n.denseB), w.logits, act, n.P.W(n.denseW), R, H, n.V, n.mm)
	clear(w.dh)
	dtop := w.dh[(T*B-R)*H:]
	if dropped {
		dropoutBackward(dtop[:R*H], w.ddrop, w.mask)
	} else {
		copy(dtop, w.ddrop[:R*H])
	}
	for l := len(n.lstms) - 1; l >= 0; l-- {
		ts, c := n.lstms[l], &w.caches[l]
		in, I := w.emb, E
		if l > 0 {
			in, I = w.caches[l-1].h[B*H:(T+1)*B*H], H
		}
		lstmBackward(w.dx, n.P.G(ts.w), n.P.G(ts.u), n.P.G(ts.b), c, w.dh, in,
			n.P.W(ts.w), n.P.W(ts.u), T, B, I, H, n.mm, n.fault)
		if l > 0 {
			copy(w.dh, w.dx[:T*B*H])
		}
	}
	embeddingBackward(n.P.G(n.emb), w.dx[:T*B*E], w.x, E)
	return loss
}

// evalLoss is the mean cross-entropy of w's windows without dropout and without gradients.
func (n *Net) evalLoss(w *batchWork) float64 {
	n.forward(w, nil)
	return softmaxCrossEntropy(w.logits, w.y, w.R, n.V, w.R)
}
