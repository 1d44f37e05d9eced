package nn

import "math/rand/v2"

// SimpleRNN is Keras' SimpleRNN layer (a fully connected recurrent layer, Elman's network) with its
// default tanh activation: kernel W (I, H), recurrent kernel U (H, H), bias (H):
//
//	h = tanh(x·W + h₋·U + b)
//
// It is the chapter's starting point: its gradient through time is a product of U and tanh's
// derivative at every step, so over long windows it vanishes (or explodes), which gated cells (LSTM,
// GRU) were made to avoid. Masks and the initial state work as in GRU. Its tensors are views
// into P.
type SimpleRNN struct {
	P                       *Params
	Kernel, Recurrent, Bias Tensor // (I, H), (H, H), (H)
	I, H                    int
	fault                   rnnFault
}

// NewSimpleRNN lays out a SimpleRNN from I inputs to H units in p, under Keras' weight names
// name+"/simple_rnn_cell/kernel", "…/recurrent_kernel" and "…/bias".
func NewSimpleRNN(p *Params, name string, I, H int) *SimpleRNN {
	return &SimpleRNN{P: p, I: I, H: H,
		Kernel:    p.Add(name+"/simple_rnn_cell/kernel", I, H),
		Recurrent: p.Add(name+"/simple_rnn_cell/recurrent_kernel", H, H),
		Bias:      p.Add(name+"/simple_rnn_cell/bias", H),
	}
}

// Init fills the layer as Keras does, drawing from rng in this order: a Glorot-uniform kernel and
// an orthogonal recurrent kernel; the bias is zero.
func (l *SimpleRNN) Init(rng *rand.Rand) {
	GlorotUniform(l.P.W(l.Kernel), l.I, l.H, rng)
	Orthogonal(l.P.W(l.Recurrent), l.H, l.H, rng)
}

// SimpleRNNCache keeps what backward needs of one forward pass over T steps of B sequences, all
// time-major.
type SimpleRNNCache struct {
	T, B, H int
	h       []float32 // ((T+1)·B, H) states, h₀ first: rows [0, T·B) are h₋ for the dU GEMM
	out     []float32 // (T·B, H) outputs: the state, or zero at a masked step
	mask    []bool    // (T·B) of the last Forward, nil when every step is real
	dz      []float32 // (T·B, H) gradient of the pre-activation, for the weight GEMMs
	dh      []float32 // (B, H) gradient flowing from step t to t-1; after Backward, that of h₀
}

// NewSimpleRNNCache makes the buffers of a layer of H units over T steps of B sequences.
func NewSimpleRNNCache(T, B, H int) *SimpleRNNCache {
	return &SimpleRNNCache{T: T, B: B, H: H,
		h:   make([]float32, (T+1)*B*H),
		out: make([]float32, T*B*H),
		dz:  make([]float32, T*B*H),
		dh:  make([]float32, B*H),
	}
}

// Outputs is the (T·B, H) output of every step of the last Forward, a view into the cache.
func (c *SimpleRNNCache) Outputs() []float32 { return c.out }

// Final is the (B, H) state of each sequence after its last real step, a view into the cache.
func (c *SimpleRNNCache) Final() []float32 { return c.h[c.T*c.B*c.H:] }

// InitialGrad is the (B, H) gradient with respect to h₀ written by Backward, a view into the
// cache.
func (c *SimpleRNNCache) InitialGrad() []float32 { return c.dh }

func (c *SimpleRNNCache) real(r int) bool { return c.mask == nil || c.mask[r] }

// rnnFault breaks one part of SimpleRNN's backward on purpose, so that a test can show that the
// gradient checks catch it. It is always rnnNoFault outside that test.
type rnnFault int

const (
	rnnNoFault rnnFault = iota
	rnnFaultActivation
	rnnFaultRecurrent
)

// Forward runs c.T steps over x (T·B, I) from the state h0 (B, H; nil is zero), filling c; mask
// (T·B; nil when every step is real) marks the real steps.
func (l *SimpleRNN) Forward(c *SimpleRNNCache, x, h0 []float32, mask []bool, mm Gemm) {
	T, B, I, H := c.T, c.B, l.I, l.H
	if mask != nil && len(mask) != T*B {
		panic("nn: SimpleRNN mask is not (T·B)")
	}
	c.mask = mask
	bias := l.P.W(l.Bias)
	z := c.dz // the pre-activations, until Backward needs the buffer
	for r := range T * B {
		copy(z[r*H:(r+1)*H], bias)
	}
	mm.NN(T*B, H, I, x, l.P.W(l.Kernel), z)
	if h0 == nil {
		clear(c.h[:B*H])
	} else {
		copy(c.h[:B*H], h0[:B*H])
	}
	u := l.P.W(l.Recurrent)
	for t := range T {
		zt := z[t*B*H : (t+1)*B*H]
		mm.NN(B, H, H, c.h[t*B*H:(t+1)*B*H], u, zt)
		for b := range B {
			r := t*B + b
			hp, hn, o := c.h[r*H:(r+1)*H], c.h[(r+B)*H:(r+B+1)*H], c.out[r*H:(r+1)*H]
			if !c.real(r) {
				copy(hn, hp)
				clear(o)
				continue
			}
			for j := range H {
				hn[j] = tanh(zt[b*H+j])
			}
			copy(o, hn)
		}
	}
}

// Backward takes dOut (T·B, H) and dFinal (B, H; nil is zero), the gradients with respect to the
// outputs and the final state; it adds the weight gradients into P.Grad, writes dx (T·B, I) if dx
// is not nil, and leaves the gradient with respect to h₀ in c.InitialGrad(). x is the input of
// the Forward that filled c.
func (l *SimpleRNN) Backward(dx []float32, c *SimpleRNNCache, dOut, dFinal, x []float32, mm Gemm) {
	T, B, I, H := c.T, c.B, l.I, l.H
	u := l.P.W(l.Recurrent)
	if dFinal == nil {
		clear(c.dh)
	} else {
		copy(c.dh, dFinal[:B*H])
	}
	for t := T - 1; t >= 0; t-- {
		for b := range B {
			r := t*B + b
			dz, dh := c.dz[r*H:(r+1)*H], c.dh[b*H:(b+1)*H]
			if !c.real(r) {
				clear(dz)
				continue // dh passes to the step before unchanged
			}
			h, do := c.h[(r+B)*H:(r+B+1)*H], dOut[r*H:(r+1)*H]
			for j := range H {
				d := do[j] + dh[j]
				if l.fault == rnnFaultRecurrent {
					d = do[j]
				}
				dz[j] = d * (1 - h[j]*h[j])
				if l.fault == rnnFaultActivation {
					dz[j] = d
				}
				dh[j] = 0 // h₋ reaches h only through U
			}
		}
		mm.NT(B, H, H, c.dz[t*B*H:(t+1)*B*H], u, c.dh) // dh₋ += dz·Uᵀ
	}
	db := l.P.G(l.Bias)
	for r := range T * B {
		for j, v := range c.dz[r*H : (r+1)*H] {
			db[j] += v
		}
	}
	mm.TN(H, H, T*B, c.h[:T*B*H], c.dz, l.P.G(l.Recurrent)) // dU += h₋ᵀ·dz
	mm.TN(I, H, T*B, x, c.dz, l.P.G(l.Kernel))              // dW += xᵀ·dz
	if dx != nil {
		clear(dx[:T*B*I])
		mm.NT(T*B, I, H, c.dz, l.P.W(l.Kernel), dx) // dx = dz·Wᵀ
	}
}

// Step advances the state h (B, H) by one input x (B, I) in place; z is scratch (B, H).
func (l *SimpleRNN) Step(h, x, z []float32, B int, mm Gemm) {
	H := l.H
	bias := l.P.W(l.Bias)
	for b := range B {
		copy(z[b*H:(b+1)*H], bias)
	}
	mm.NN(B, H, l.I, x, l.P.W(l.Kernel), z)
	l.Advance(h, z, B, mm)
}

// Advance is Step given the input's projection z = x·W + b (B, H), which it overwrites: a
// caller that keeps projections (of a vocabulary's embeddings, say) skips that product.
func (l *SimpleRNN) Advance(h, z []float32, B int, mm Gemm) {
	mm.NN(B, l.H, l.H, h, l.P.W(l.Recurrent), z)
	for i := range B * l.H {
		h[i] = tanh(z[i])
	}
}
