package nn

import "math/rand/v2"

// GRU is a GRU layer with Keras' conventions (keras.layers.GRU): kernel W (I, 3H), recurrent
// kernel U (H, 3H), gates in the order z (update), r (reset), h (candidate). It comes in Keras'
// two forms. With reset_after=True (NewGRU; Keras' default since 2.3, and the one cuDNN
// implements) the bias is (2, 3H), its first row added to the input's projection and its second
// to the state's, and the reset gate multiplies the state's projection after U:
//
//	a = x·W + b₀;  s = h₋·U + b₁                (each (B, 3H), split into parts _z, _r, _h)
//	z = σ(a_z + s_z);  r = σ(a_r + s_r);  g = tanh(a_h + r⊙s_h)
//	h = z⊙h₋ + (1−z)⊙g
//
// With reset_after=False (NewGRUWith(…, false); the original paper's, Cho et al. 2014) the bias is
// one row (3H), added to the input's projection, and the reset gate multiplies h₋ before U:
//
//	a = x·W + b;  z = σ(a_z + h₋·U_z);  r = σ(a_r + h₋·U_r);  g = tanh(a_h + (r⊙h₋)·U_h)
//	h = z⊙h₋ + (1−z)⊙g
//
// That is the only form TF.js's GRUCell implements (its resetAfter: true throws), so a model
// exported to TF.js needs it.
//
// A mask (T·B, true where a step is real) lets sequences of different lengths share a batch, as
// Keras' masking does: at a masked step the state passes through unchanged and the output is zero
// (Keras' zero_output_for_mask, which its Bidirectional wrapper sets), so a sequence's final state
// is the state after its last real step, wherever the padding is.
//
// As in LSTM, the inputs of all steps go through one GEMM and only (B, H)·(H, 3H) runs per step.
// Its tensors are views into P.
type GRU struct {
	P                       *Params
	Kernel, Recurrent, Bias Tensor // (I, 3H), (H, 3H), (2, 3H)
	I, H                    int
	// ResetAfter is Keras' reset_after: true applies the reset gate after U, false before it.
	ResetAfter bool
	fault      gruFault
}

// NewGRU lays out a GRU with reset_after=True from I inputs to H units in p, under Keras' weight
// names name+"/gru_cell/kernel", "…/recurrent_kernel" and "…/bias".
func NewGRU(p *Params, name string, I, H int) *GRU { return NewGRUWith(p, name, I, H, true) }

// NewGRUWith lays out a GRU as NewGRU does, in the form resetAfter chooses (Keras' reset_after);
// with false the bias is one row (3H), as Keras' and TF.js's are.
func NewGRUWith(p *Params, name string, I, H int, resetAfter bool) *GRU {
	bias := []int{2, 3 * H}
	if !resetAfter {
		bias = []int{3 * H}
	}
	return &GRU{P: p, I: I, H: H, ResetAfter: resetAfter,
		Kernel:    p.Add(name+"/gru_cell/kernel", I, 3*H),
		Recurrent: p.Add(name+"/gru_cell/recurrent_kernel", H, 3*H),
		Bias:      p.Add(name+"/gru_cell/bias", bias...),
	}
}

// Init fills the layer as Keras does, drawing from rng in this order: a Glorot-uniform kernel and
// an orthogonal recurrent kernel; the bias is zero.
func (l *GRU) Init(rng *rand.Rand) {
	GlorotUniform(l.P.W(l.Kernel), l.I, 3*l.H, rng)
	Orthogonal(l.P.W(l.Recurrent), l.H, 3*l.H, rng)
}

// GRUCache keeps what backward needs of one forward pass over T steps of B sequences, all
// time-major.
type GRUCache struct {
	T, B, H int
	a       []float32  // (T·B, 3H) x·W + b₀, then the activated z, r, g in its place
	s       []float32  // (T·B, 3H) h₋·U + b₁: backward needs s_h for r's gradient
	h       []float32  // ((T+1)·B, H) states, h₀ first: rows [0, T·B) are h₋ for the dU GEMM
	out     []float32  // (T·B, H) outputs: the state, or zero at a masked step
	mask    []bool     // (T·B) of the last Forward, nil when every step is real
	da      []float32  // (T·B, 3H) gradient of a, for the dW GEMM and the input gradient
	ds      []float32  // (T·B, 3H) gradient of s, for the dU GEMM and the state's gradient
	dh      []float32  // (B, H) gradient flowing from step t to t-1; after Backward, that of h₀
	before  *gruBefore // reset_after=False's buffers, made by its first Forward
}

// NewGRUCache makes the buffers of a layer of H units over T steps of B sequences.
func NewGRUCache(T, B, H int) *GRUCache {
	return &GRUCache{T: T, B: B, H: H,
		a:   make([]float32, T*B*3*H),
		s:   make([]float32, T*B*3*H),
		h:   make([]float32, (T+1)*B*H),
		out: make([]float32, T*B*H),
		da:  make([]float32, T*B*3*H),
		ds:  make([]float32, T*B*3*H),
		dh:  make([]float32, B*H),
	}
}

// Outputs is the (T·B, H) output of every step of the last Forward, a view into the cache.
func (c *GRUCache) Outputs() []float32 { return c.out }

// Final is the (B, H) state after the last step of the last Forward: for each sequence, its
// state after its last real step. A view into the cache.
func (c *GRUCache) Final() []float32 { return c.h[c.T*c.B*c.H:] }

// InitialGrad is the (B, H) gradient of the loss with respect to the initial state h₀, written by
// Backward. A view into the cache.
func (c *GRUCache) InitialGrad() []float32 { return c.dh }

// gruFault breaks one part of backward on purpose, so that a test can show that the gradient
// checks catch it. It is always gruNoFault outside that test.
type gruFault int

const (
	gruNoFault gruFault = iota
	gruFaultGateZ
	gruFaultGateR
	gruFaultCandidate
	gruFaultResetAfter // the candidate's gradient reaches s_h without r's factor
	gruFaultRecurrent
	gruFaultMask // a masked step stops the state's gradient instead of passing it on
	// reset_after=False: h₋'s gradient through r⊙h₋ misses r's factor
	gruFaultResetBefore
)

func (c *GRUCache) real(r int) bool { return c.mask == nil || c.mask[r] }

// Forward runs c.T steps over x (T·B, I) from the state h0 (B, H; nil is zero), filling c; mask
// (T·B; nil when every step is real) marks the real steps. The outputs are c.Outputs(), the
// final state c.Final().
func (l *GRU) Forward(c *GRUCache, x, h0 []float32, mask []bool, mm Gemm) {
	T, B, I, H := c.T, c.B, l.I, l.H
	G := 3 * H
	if mask != nil && len(mask) != T*B {
		panic("nn: GRU mask is not (T·B)")
	}
	c.mask = mask
	if !l.ResetAfter {
		l.forwardBefore(c, x, h0, mm)
		return
	}
	w, u, bias := l.P.W(l.Kernel), l.P.W(l.Recurrent), l.P.W(l.Bias)
	for r := range T * B {
		copy(c.a[r*G:(r+1)*G], bias[:G])
		copy(c.s[r*G:(r+1)*G], bias[G:])
	}
	mm.NN(T*B, G, I, x, w, c.a)
	if h0 == nil {
		clear(c.h[:B*H])
	} else {
		copy(c.h[:B*H], h0[:B*H])
	}
	for t := range T {
		st := c.s[t*B*G : (t+1)*B*G]
		mm.NN(B, G, H, c.h[t*B*H:(t+1)*B*H], u, st)
		for b := range B {
			r := t*B + b
			ar, sr := c.a[r*G:(r+1)*G], c.s[r*G:(r+1)*G]
			hp, hn, o := c.h[r*H:(r+1)*H], c.h[(r+B)*H:(r+B+1)*H], c.out[r*H:(r+1)*H]
			if !c.real(r) {
				copy(hn, hp)
				clear(o)
				continue
			}
			DefaultVector.GRUCell(ar, sr, hp, hn, 1, H)
			copy(o, hn)
		}
	}
}

// Backward takes dOut (T·B, H), the gradient of the loss with respect to each output, and dFinal
// (B, H; nil is zero), that with respect to the final state; it adds the weight gradients into
// P.Grad, writes the input gradient dx (T·B, I) if dx is not nil, and leaves the gradient with
// respect to h₀ in c.InitialGrad(). x is the input of the Forward that filled c.
func (l *GRU) Backward(dx []float32, c *GRUCache, dOut, dFinal, x []float32, mm Gemm) {
	T, B, I, H := c.T, c.B, l.I, l.H
	G := 3 * H
	w, u := l.P.W(l.Kernel), l.P.W(l.Recurrent)
	if dFinal == nil {
		clear(c.dh)
	} else {
		copy(c.dh, dFinal[:B*H])
	}
	if !l.ResetAfter {
		l.backwardBefore(dx, c, dOut, x, mm)
		return
	}
	for t := T - 1; t >= 0; t-- {
		dst := c.ds[t*B*G : (t+1)*B*G]
		for b := range B {
			r := t*B + b
			da, ds, dh := c.da[r*G:(r+1)*G], c.ds[r*G:(r+1)*G], c.dh[b*H:(b+1)*H]
			if !c.real(r) {
				clear(da)
				clear(ds)
				if l.fault == gruFaultMask {
					clear(dh)
				}
				continue // dh passes to the step before unchanged
			}
			gates, s, hp, do := c.a[r*G:(r+1)*G], c.s[r*G:(r+1)*G], c.h[r*H:(r+1)*H], dOut[r*H:(r+1)*H]
			for j := range H {
				z, rg, g := gates[j], gates[H+j], gates[2*H+j]
				d := do[j] + dh[j]
				if l.fault == gruFaultRecurrent {
					d = do[j]
				}
				dz := d * (hp[j] - g) * z * (1 - z)
				dg := d * (1 - z) * (1 - g*g)
				dr := dg * s[2*H+j] * rg * (1 - rg)
				switch l.fault {
				case gruFaultGateZ:
					dz = d * (hp[j] - g) * z
				case gruFaultGateR:
					dr = dg * s[2*H+j] * rg
				case gruFaultCandidate:
					dg = d * (1 - z)
				}
				da[j], da[H+j], da[2*H+j] = dz, dr, dg
				ds[j], ds[H+j], ds[2*H+j] = dz, dr, dg*rg
				if l.fault == gruFaultResetAfter {
					ds[2*H+j] = dg
				}
				dh[j] = d * z // the direct path h₋ → h; the one through U is added below
			}
		}
		mm.NT(B, H, G, dst, u, c.dh) // dh₋ += ds·Uᵀ: (B, 3H)·(3H, H)
	}
	dbias := l.P.G(l.Bias)
	for r := range T * B {
		for j := range G {
			dbias[j] += c.da[r*G+j]
			dbias[G+j] += c.ds[r*G+j]
		}
	}
	mm.TN(H, G, T*B, c.h[:T*B*H], c.ds, l.P.G(l.Recurrent)) // dU += h₋ᵀ·ds
	mm.TN(I, G, T*B, x, c.da, l.P.G(l.Kernel))              // dW += xᵀ·da
	if dx != nil {
		clear(dx[:T*B*I])
		mm.NT(T*B, I, G, c.da, w, dx) // dx = da·Wᵀ
	}
}

// Step advances the state h (B, H) by one input x (B, I) in place, for decoding one token at a
// time (greedy or beam search); a and s are scratch (B, 3H). It computes what Forward computes
// for one real step.
func (l *GRU) Step(h, x, a, s []float32, B int, mm Gemm) {
	G := 3 * l.H
	bias := l.P.W(l.Bias)
	for b := range B {
		copy(a[b*G:(b+1)*G], bias[:G])
	}
	mm.NN(B, G, l.I, x, l.P.W(l.Kernel), a)
	l.Advance(h, a, s, B, mm)
}

// Advance is Step given the input's projection a = x·W + b₀ (B, 3H), which it overwrites: a
// caller that keeps projections (of a vocabulary's embeddings, say) skips that product.
func (l *GRU) Advance(h, a, s []float32, B int, mm Gemm) {
	H := l.H
	G := 3 * H
	u := l.P.W(l.Recurrent)
	if !l.ResetAfter {
		l.advanceBefore(h, a, s, B, mm)
		return
	}
	bias := l.P.W(l.Bias)
	for b := range B {
		copy(s[b*G:(b+1)*G], bias[G:])
	}
	mm.NN(B, G, H, h, u, s)
	DefaultVector.GRUCell(a[:B*G], s[:B*G], h[:B*H], h[:B*H], B, H)
}

// GRUCellTail is Vector.GRUCell for units j0 to H of each of the B rows (rows of a and s are 3H
// apart, of hp and hn H), which a SIMD Vector leaves to it. hn may be hp: each unit reads its old
// state before writing the new one.
func GRUCellTail(a, s, hp, hn []float32, B, H, j0 int) {
	G := 3 * H
	for b := range B {
		a, s, hp, hn := a[b*G:(b+1)*G], s[b*G:(b+1)*G], hp[b*H:(b+1)*H], hn[b*H:(b+1)*H]
		for j := j0; j < H; j++ {
			z := sigmoidf(a[j] + s[j])
			r := sigmoidf(a[H+j] + s[H+j])
			g := tanhf(a[2*H+j] + r*s[2*H+j])
			a[j], a[H+j], a[2*H+j] = z, r, g
			hn[j] = z*hp[j] + (1-z)*g
		}
	}
}
