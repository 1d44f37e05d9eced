//go:build !purego

package nn

// On amd64 with AVX2 and FMA the engine's Vector is AVXVector: natively, the softmax's
// exponentials and attention's tanh were, after the AVX2 products, a fifth of training (the
// every-position text objective) and of the question model's.
func init() {
	if hasAVX2 {
		DefaultVector = AVXVector
	}
}

// AVXVector is GoVector with Add, ExpSub, TanhDot, LSTMCell, RMSprop and SumSquares in AVX2 lanes
// (vector_amd64.s). Each exponential lane is expf's, sigmoidf's or tanhf's very float
// (TestAVXVectorMatchesGo); the sums are in another order than GoVector's, and ExpSub and
// LSTMCell take Cephes' float32 functions (within a few ulp) where GoVector takes math's. RMSprop
// is GoVector's operation for operation.
var AVXVector Vector = avxVector{}

type avxVector struct{ goVector }

func (avxVector) Name() string { return "avx2" }

// ExpSub does 8 floats a step, then the last len(x) mod 8 with expf.
func (avxVector) ExpSub(x []float32, m float32) float64 {
	n8 := len(x) / 8
	var sum float64
	if n8 > 0 {
		var s [8]float64
		expsub8(n8, &x[0], m, &s)
		sum = ((s[0] + s[4]) + (s[1] + s[5])) + ((s[2] + s[6]) + (s[3] + s[7]))
	}
	for j := 8 * n8; j < len(x); j++ {
		e := expf(min(max(x[j]-m, -87.33654), 88.37626)) // the lanes' range
		x[j] = e
		sum += float64(e)
	}
	return sum
}

// TanhDot does the first len(pq) rounded down to 8 floats of each row in lanes, and the rest
// with TanhDotTail.
func (avxVector) TanhDot(out, pk []float32, stride int, pq, v []float32) {
	A := len(pq)
	a8 := A / 8
	if a8 == 0 || len(out) == 0 {
		TanhDotTail(out, pk, stride, pq, v, 0)
		return
	}
	_, _ = pk[(len(out)-1)*stride+A-1], v[A-1] // the kernel reads these; check them here
	tanhdot8(len(out), a8, &pk[0], 4*stride, &pq[0], &v[0], &out[0])
	if 8*a8 < A {
		TanhDotTail(out, pk, stride, pq, v, 8*a8)
	}
}

// LSTMCell does the first H rounded down to 8 units of each row in lanes, and the rest with
// LSTMCellTail. Measured natively on the book's objective, the cell's float64 exponentials were a
// fifth of a step after the AVX2 products.
func (avxVector) LSTMCell(z, cPrev, c, h, tc []float32, B, H int) {
	h8 := H / 8
	if h8 > 0 && B > 0 {
		G := 4 * H
		_, _, _, _, _ = z[B*G-1], cPrev[B*H-1], c[B*H-1], h[B*H-1], tc[B*H-1] // the kernel reads these
		for b := range B {
			zb, o := z[b*G:], b*H
			lstmrow8(h8, &zb[0], &zb[H], &zb[2*H], &zb[3*H], &cPrev[o], &c[o], &h[o], &tc[o])
		}
	}
	if 8*h8 < H {
		LSTMCellTail(z, cPrev, c, h, tc, B, H, 8*h8)
	}
}

// Add does 8 floats a step, then the last len(dst) mod 8: the workers' gradient sum, a serial
// part of each data-parallel step.
func (v avxVector) Add(dst, src []float32) {
	src = src[:len(dst)]
	n8 := len(dst) / 8
	if n8 > 0 {
		add8(n8, &dst[0], &src[0])
	}
	v.goVector.Add(dst[8*n8:], src[8*n8:])
}

// RMSprop does 8 parameters a step, then the last len(p) mod 8 as GoVector does.
func (v avxVector) RMSprop(p, g, ms []float32, lr, rho, eps float32) {
	g, ms = g[:len(p)], ms[:len(p)]
	n8 := len(p) / 8
	if n8 > 0 {
		rmsprop8(n8, &p[0], &g[0], &ms[0], lr, rho, 1-rho, eps)
	}
	v.goVector.RMSprop(p[8*n8:], g[8*n8:], ms[8*n8:], lr, rho, eps)
}

// SumSquares adds 8 floats a step, then the last len(x) mod 8.
func (avxVector) SumSquares(x []float32) float64 {
	n8 := len(x) / 8
	var s float64
	if n8 > 0 {
		var l [8]float64
		sumsq8(n8, &x[0], &l)
		s = ((l[0] + l[4]) + (l[1] + l[5])) + ((l[2] + l[6]) + (l[3] + l[7]))
	}
	for _, v := range x[8*n8:] {
		s += float64(v) * float64(v)
	}
	return s
}

// add8 is dst += src over the first 8·n8 floats (n8 ≥ 1). It is written in vector_amd64.s.
//
//go:noescape
func add8(n8 int, dst, src *float32)

// lstmrow8 is one row of LSTMCell over its first 8·n8 units (n8 ≥ 1), from the gates' four
// quarters of z. It is written in vector_amd64.s.
//
//go:noescape
func lstmrow8(n8 int, zi, zf, zc, zo, cp, c, h, tc *float32)

// rmsprop8 is RMSprop over the first 8·n8 parameters (n8 ≥ 1), omr being 1 − rho. It is written
// in vector_amd64.s.
//
//go:noescape
func rmsprop8(n8 int, p, grad, ms *float32, lr, rho, omr, eps float32)

// sumsq8 leaves the squares of the first 8·n8 floats (n8 ≥ 1) summed in 8 float64 lanes. It is
// written in vector_amd64.s.
//
//go:noescape
func sumsq8(n8 int, x *float32, sums *[8]float64)

// expsub8 sets x[i] = e^(x[i] − m) for the first 8·n8 floats (n8 ≥ 1), leaving the lanes' sums
// in sums. It is written in vector_amd64.s.
//
//go:noescape
func expsub8(n8 int, x *float32, m float32, sums *[8]float64)

// tanhdot8 is TanhDot's sums over the first 8·a8 floats (a8 ≥ 1) of each of n ≥ 1 rows of pk,
// stride bytes apart, into out. It is written in vector_amd64.s.
//
//go:noescape
func tanhdot8(n int, a8 int, pk *float32, stride int, pq, v, out *float32)
