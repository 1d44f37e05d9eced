package nn

import "math"

// Vector is the elementwise work of a training step: over every parameter (summing the workers'
// gradients, the gradient's norm, the optimizer's update), over every logit (the softmax) and
// every LSTM gate (its activations). In Go's wasm, without SIMD, each is a large part of a step
// (measured: the parameter passes about a quarter of a two-worker step, the softmax more than a
// third of a step of the every-position loss, the gates' exponentials 30 to 50 ms a batch), so
// like Gemm they can be replaced by a faster kernel (model/nn/simd).
//
// Add, Scale, Max, RMSprop and Adam must give exactly GoVector's results (the same float32
// operations in the same order); SumSquares may add in another order; ExpSub and LSTMCell may
// compute exponentials, sigmoids and tanh to within a few ulp, as may GRUCell; TanhDot may compute tanh to within
// 4e-7 (a few ulp of 1) and add in another order.
type Vector interface {
	Name() string
	Add(dst, src []float32) // dst += src
	Scale(x []float32, s float32)
	Max(x []float32) float32 // len(x) ≥ 1; NaN if any is
	// ExpSub replaces x by exp(x - m) and returns its sum in float64.
	ExpSub(x []float32, m float32) float64
	SumSquares(x []float32) float64
	// RMSprop: ms = ρ·ms + ((1-ρ)·g)·g;  p -= (lr·g) / (√ms + ε)
	RMSprop(p, g, ms []float32, lr, rho, eps float32)
	// Adam with the step's learning rate lrT: m = β₁m + (1-β₁)g;  v = β₂v + ((1-β₂)g)g;
	// p -= (lrT·m) / (√v + ε)
	Adam(p, g, m, v []float32, lrT, beta1, beta2, eps float32)
	// LSTMCell activates the gates z (B, 4H) in place and computes c, tanh c and h (B, H) from
	// cPrev, which may be c.
	LSTMCell(z, cPrev, c, h, tc []float32, B, H int)
	// GRUCell is B rows of one step of Keras' GRU with reset_after (see GRU): from the
	// projections a = x·W + b₀ and s = h₋·U + b₁ (B, 3H), it writes the activated gates z, r, g
	// over a and the new state into hn (B, H) from hp (B, H), which may be hn.
	GRUCell(a, s, hp, hn []float32, B, H int)
	// TanhDot is additive attention's scores (Bahdanau et al. 2015): for each of the len(out)
	// rows of pk, each A = len(pq) floats starting stride floats after the last,
	// out[i] = Σ_a v[a]·tanh(pk[i·stride + a] + pq[a]). Measured: half of asking 20 questions
	// in the page without it.
	TanhDot(out, pk []float32, stride int, pq, v []float32)
}

// GoVector is the pure-Go Vector.
var GoVector Vector = goVector{}

// DefaultVector is the Vector the optimizers and the trainer use.
var DefaultVector = GoVector

// UseVector makes v the engine's Vector (the browser's SIMD kernels, once loaded).
func UseVector(v Vector) { DefaultVector = v }

type goVector struct{}

func (goVector) Name() string { return "go" }

func (goVector) Add(dst, src []float32) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] += v
	}
}

func (goVector) Scale(x []float32, s float32) {
	for i := range x {
		x[i] *= s
	}
}

func (goVector) Max(x []float32) float32 {
	m := x[0]
	for _, v := range x {
		m = max(m, v)
	}
	return m
}

func (goVector) ExpSub(x []float32, m float32) float64 {
	var sum float64
	for j, v := range x {
		e := math.Exp(float64(v - m))
		x[j] = float32(e)
		sum += e
	}
	return sum
}

func (goVector) LSTMCell(z, cPrev, c, h, tc []float32, B, H int) {
	LSTMCellTail(z, cPrev, c, h, tc, B, H, 0)
}

func (goVector) GRUCell(a, s, hp, hn []float32, B, H int) { GRUCellTail(a, s, hp, hn, B, H, 0) }

func (goVector) TanhDot(out, pk []float32, stride int, pq, v []float32) {
	TanhDotTail(out, pk, stride, pq, v, 0)
}

// TanhDotTail adds to each out[i] the terms a ≥ from of TanhDot's sum, setting out[i] to them
// alone when from is 0: the whole of GoVector's TanhDot, and what a kernel working four floats at
// a time leaves.
func TanhDotTail(out, pk []float32, stride int, pq, v []float32, from int) {
	A := len(pq)
	v = v[:A]
	for i := range out {
		row := pk[i*stride : i*stride+A]
		var e float32
		for a := from; a < A; a++ {
			e += v[a] * tanhf(row[a]+pq[a])
		}
		if from == 0 {
			out[i] = e
		} else {
			out[i] += e
		}
	}
}

func (goVector) SumSquares(x []float32) float64 {
	var s float64
	for _, v := range x {
		s += float64(v) * float64(v)
	}
	return s
}

func (goVector) RMSprop(p, g, ms []float32, lr, rho, eps float32) {
	g, ms = g[:len(p)], ms[:len(p)]
	omr := 1 - rho
	for i, gi := range g {
		m := rho*ms[i] + omr*gi*gi
		ms[i] = m
		p[i] -= lr * gi / (sqrt32(m) + eps)
	}
}

func (goVector) Adam(p, g, m, v []float32, lrT, beta1, beta2, eps float32) {
	g, m, v = g[:len(p)], m[:len(p)], v[:len(p)]
	omb1, omb2 := 1-beta1, 1-beta2
	for i, gi := range g {
		mi := beta1*m[i] + omb1*gi
		vi := beta2*v[i] + omb2*gi*gi
		m[i], v[i] = mi, vi
		p[i] -= lrT * mi / (sqrt32(vi) + eps)
	}
}

// sqrt32 is the correctly rounded float32 square root (through float64, which rounds once more
// without changing the result).
func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }
