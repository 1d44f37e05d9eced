package nn

import (
	"math"
	"math/rand/v2"
)

// LSTM is an LSTM layer with Keras' conventions: kernel W (I, 4H), recurrent kernel U (H, 4H),
// bias (4H), gates in the order i, f, c, o:
//
//	z = x·W + h₋·U + b;  i, f, o = σ(z_i, z_f, z_o);  g = tanh(z_c)
//	c = f⊙c₋ + i⊙g;      h = o⊙tanh(c)
//
// Inputs for all time steps go through one GEMM ((T·B, I)·(I, 4H)); only the recurrent product
// (B, H)·(H, 4H) runs per step. Backward gathers the per-step gate gradients and again makes the
// weight gradients with one GEMM each. Its tensors are views into P.
type LSTM struct {
	P                       *Params
	Kernel, Recurrent, Bias Tensor // (I, 4H), (H, 4H), (4H)
	I, H                    int
	fault                   lstmFault
}

// NewLSTM lays out an LSTM from I inputs to H units in p, under Keras' weight names
// name+"/lstm_cell/kernel", "…/recurrent_kernel" and "…/bias".
func NewLSTM(p *Params, name string, I, H int) *LSTM {
	return &LSTM{P: p, I: I, H: H,
		Kernel:    p.Add(name+"/lstm_cell/kernel", I, 4*H),
		Recurrent: p.Add(name+"/lstm_cell/recurrent_kernel", H, 4*H),
		Bias:      p.Add(name+"/lstm_cell/bias", 4*H),
	}
}

// Init fills the layer as Keras does, drawing from rng in this order: a Glorot-uniform kernel, an
// orthogonal recurrent kernel; the bias is zero but the forget gate's, which is 1
// (unit_forget_bias).
func (l *LSTM) Init(rng *rand.Rand) {
	H := l.H
	GlorotUniform(l.P.W(l.Kernel), l.I, 4*H, rng)
	Orthogonal(l.P.W(l.Recurrent), H, 4*H, rng)
	b := l.P.W(l.Bias)
	for j := H; j < 2*H; j++ {
		b[j] = 1
	}
}

// LSTMCache keeps what backward needs of one forward pass over T steps of B sequences, all
// time-major.
type LSTMCache struct {
	T, B, H int
	gates   []float32 // (T·B, 4H) activated i, f, g, o: their derivatives come from these
	c       []float32 // ((T+1)·B, H) cell states, c₀ = 0: df needs c₋, backward needs c
	h       []float32 // ((T+1)·B, H) outputs, h₀ = 0: rows [0, T·B) are h₋ for the dU GEMM
	tc      []float32 // (T·B, H) tanh(c), kept to avoid recomputing it in backward
	dz      []float32 // (T·B, 4H) gate pre-activation gradients, for the dW and dU GEMMs
	dh      []float32 // (B, H) gradient flowing from step t to t-1 through h
	dc      []float32 // (B, H) gradient flowing from step t to t-1 through c
}

// NewLSTMCache makes the buffers of a layer of H units over T steps of B sequences.
func NewLSTMCache(T, B, H int) *LSTMCache {
	return &LSTMCache{T: T, B: B, H: H,
		gates: make([]float32, T*B*4*H),
		c:     make([]float32, (T+1)*B*H),
		h:     make([]float32, (T+1)*B*H),
		tc:    make([]float32, T*B*H),
		dz:    make([]float32, T*B*4*H),
		dh:    make([]float32, B*H),
		dc:    make([]float32, B*H),
	}
}

// Outputs is the (T·B, H) output of every step of the last Forward, a view into the cache.
func (c *LSTMCache) Outputs() []float32 { return c.h[c.B*c.H : (c.T+1)*c.B*c.H] }

// lstmFault breaks one part of backward on purpose, so that a test can show that the gradient
// checks catch it. It is always lstmNoFault outside that test.
type lstmFault int

const (
	lstmNoFault lstmFault = iota
	lstmFaultGateI
	lstmFaultGateF
	lstmFaultGateC
	lstmFaultGateO
	lstmFaultRecurrent
)

// Forward runs c.T steps over x (T·B, I) from zero state, filling c; the outputs are
// c.Outputs().
func (l *LSTM) Forward(c *LSTMCache, x []float32, mm Gemm) {
	T, B, I, H := c.T, c.B, l.I, l.H
	w, u, bias := l.P.W(l.Kernel), l.P.W(l.Recurrent), l.P.W(l.Bias)
	G := 4 * H
	z := c.gates[:T*B*G]
	for r := range T * B {
		copy(z[r*G:(r+1)*G], bias)
	}
	mm.NN(T*B, G, I, x, w, z)
	clear(c.c[:B*H])
	clear(c.h[:B*H])
	for t := range T {
		zt := z[t*B*G : (t+1)*B*G]
		mm.NN(B, G, H, c.h[t*B*H:(t+1)*B*H], u, zt)
		DefaultVector.LSTMCell(zt, c.c[t*B*H:(t+1)*B*H], c.c[(t+1)*B*H:(t+2)*B*H],
			c.h[(t+1)*B*H:(t+2)*B*H], c.tc[t*B*H:(t+1)*B*H], B, H)
	}
}

// LSTMCellTail activates the gates z (B, 4H) in place and computes c and h (B, H) from cPrev,
// for the units from j0 of each window: all of them in the pure-Go Vector, what is left by a
// kernel that works four units at a time in the SIMD one.
func LSTMCellTail(z, cPrev, c, h, tc []float32, B, H, j0 int) {
	G := 4 * H
	for b := range B {
		zb := z[b*G : (b+1)*G]
		zi, zf, zc, zo := zb[:H], zb[H:2*H], zb[2*H:3*H], zb[3*H:G]
		cp, cb, hb, tb := cPrev[b*H:(b+1)*H], c[b*H:(b+1)*H], h[b*H:(b+1)*H], tc[b*H:(b+1)*H]
		for j := j0; j < H; j++ {
			i, f, g, o := sigmoid(zi[j]), sigmoid(zf[j]), tanh(zc[j]), sigmoid(zo[j])
			zi[j], zf[j], zc[j], zo[j] = i, f, g, o
			cj := f*cp[j] + i*g
			t := tanh(cj)
			cb[j], tb[j], hb[j] = cj, t, o*t
		}
	}
}

// Backward takes dhOut (T·B, H), the gradient of the loss with respect to each output h_t (rows
// of steps that feed nothing are zero), adds the weight gradients into P.Grad and, if dx is not
// nil, writes the input gradient dx (T·B, I). x is the input of the Forward that filled c.
func (l *LSTM) Backward(dx []float32, c *LSTMCache, dhOut, x []float32, mm Gemm) {
	T, B, I, H := c.T, c.B, l.I, l.H
	w, u := l.P.W(l.Kernel), l.P.W(l.Recurrent)
	G := 4 * H
	clear(c.dh)
	clear(c.dc)
	for t := T - 1; t >= 0; t-- {
		gates := c.gates[t*B*G : (t+1)*B*G]
		dz := c.dz[t*B*G : (t+1)*B*G]
		cPrev := c.c[t*B*H : (t+1)*B*H]
		tc := c.tc[t*B*H : (t+1)*B*H]
		dho := dhOut[t*B*H : (t+1)*B*H]
		for b := range B {
			gb, db := gates[b*G:(b+1)*G], dz[b*G:(b+1)*G]
			for j := range H {
				k := b*H + j
				i, f, g, o := gb[j], gb[H+j], gb[2*H+j], gb[3*H+j]
				dh := dho[k] + c.dh[k]
				if l.fault == lstmFaultRecurrent {
					dh = dho[k]
				}
				tcj := tc[k]
				do := dh * tcj
				dc := c.dc[k] + dh*o*(1-tcj*tcj)
				di, df, dg := dc*g, dc*cPrev[k], dc*i
				c.dc[k] = dc * f
				db[j] = di * i * (1 - i)
				db[H+j] = df * f * (1 - f)
				db[2*H+j] = dg * (1 - g*g)
				db[3*H+j] = do * o * (1 - o)
				switch l.fault {
				case lstmFaultGateI:
					db[j] = di * (1 - i)
				case lstmFaultGateF:
					db[H+j] = df * f
				case lstmFaultGateC:
					db[2*H+j] = dg
				case lstmFaultGateO:
					db[3*H+j] = do * o
				}
			}
		}
		// dh₋ = dz·Uᵀ: (B, 4H)·(4H, H)
		clear(c.dh)
		mm.NT(B, H, G, dz, u, c.dh)
	}
	dz := c.dz[:T*B*G]
	dbias := l.P.G(l.Bias)
	for r := range T * B {
		for j, v := range dz[r*G : (r+1)*G] {
			dbias[j] += v
		}
	}
	mm.TN(H, G, T*B, c.h[:T*B*H], dz, l.P.G(l.Recurrent)) // dU += h₋ᵀ·dz
	mm.TN(I, G, T*B, x, dz, l.P.G(l.Kernel))              // dW += xᵀ·dz
	if dx != nil {
		clear(dx[:T*B*I])
		mm.NT(T*B, I, G, dz, w, dx) // dx = dz·Wᵀ
	}
}

// Step advances a state (h, c) (B, H) by one input x (B, I), for generation; z is scratch
// (B, 4H) and tc scratch (B, H).
func (l *LSTM) Step(h, c, z, tc, x []float32, B int, mm Gemm) {
	G := 4 * l.H
	bias := l.P.W(l.Bias)
	for b := range B {
		copy(z[b*G:(b+1)*G], bias)
	}
	mm.NN(B, G, l.I, x, l.P.W(l.Kernel), z)
	l.Advance(h, c, z, tc, B, mm)
}

// Advance is Step given the input's projection z = x·W + b (B, 4H), which it overwrites: a
// caller that keeps projections (of a vocabulary's embeddings, say) skips that product.
func (l *LSTM) Advance(h, c, z, tc []float32, B int, mm Gemm) {
	mm.NN(B, 4*l.H, l.H, h, l.P.W(l.Recurrent), z)
	DefaultVector.LSTMCell(z, c, c, h, tc, B, l.H)
}

func sigmoid(x float32) float32 { return float32(1 / (1 + math.Exp(-float64(x)))) }
func tanh(x float32) float32    { return float32(math.Tanh(float64(x))) }
