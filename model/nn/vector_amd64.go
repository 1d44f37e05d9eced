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

// AVXVector is GoVector with ExpSub and TanhDot in AVX2 lanes (vector_amd64.s). Each lane is
// expf's or tanhf's very float (TestAVXVectorMatchesGo); the sums are in another order than
// GoVector's, and ExpSub takes expf (Cephes, within a few ulp) where GoVector takes math.Exp.
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
