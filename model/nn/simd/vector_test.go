//go:build js && wasm

package simd

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"fabulist/model/nn"
	"fabulist/model/nn/nntest"
)

// TestVectorMatchesGo holds the SIMD passes to the pure-Go ones bit for bit (the sum of squares
// within rounding), on lengths around every multiple of four, with slices that start at any
// float (unaligned for v128) and values that include zeros and large gradients.
func TestVectorMatchesGo(t *testing.T) {
	simd := vectorOrSkip(t)
	rng := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 63, 1001} {
		for _, off := range []int{0, 1, 3} {
			slice := func(scale float32) []float32 {
				s := nntest.Rand(rng, n+off)[off:]
				for i := range s {
					s[i] *= scale
					if rng.IntN(9) == 0 {
						s[i] = 0
					}
				}
				return s
			}
			g, p, ms, m, v := slice(30), slice(1), slice(1), slice(1), slice(1)
			for i := range ms {
				ms[i], v[i] = ms[i]*ms[i], v[i]*v[i] // second moments are not negative; m has either sign
			}
			same := func(what string, got, want []float32) {
				t.Helper()
				for i := range want {
					if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
						t.Fatalf("%s n=%d off=%d: [%d] = %g; pure Go gives %g", what, n, off, i, got[i], want[i])
					}
				}
			}
			// run does the same pass with both Vectors on copies of xs and compares every slice.
			run := func(what string, do func(vec nn.Vector, x [][]float32), xs ...[]float32) {
				t.Helper()
				var res [2][][]float32
				for k, vec := range []nn.Vector{nn.GoVector, simd} {
					for _, x := range xs {
						res[k] = append(res[k], slices.Clone(x))
					}
					do(vec, res[k])
				}
				for i := range xs {
					same(what, res[1][i], res[0][i])
				}
			}
			run("add", func(vec nn.Vector, x [][]float32) { vec.Add(x[0], x[1]) }, p, g)
			run("scale", func(vec nn.Vector, x [][]float32) { vec.Scale(x[0], -0.37) }, g)
			if n > 0 {
				if got, want := simd.Max(g), nn.GoVector.Max(g); got != want {
					t.Fatalf("max n=%d off=%d: %g; pure Go gives %g", n, off, got, want)
				}
			}
			run("rmsprop", func(vec nn.Vector, x [][]float32) { vec.RMSprop(x[0], x[1], x[2], 0.001, 0.9, 1e-7) }, p, g, ms)
			run("adam", func(vec nn.Vector, x [][]float32) { vec.Adam(x[0], x[1], x[2], x[3], 0.0023, 0.9, 0.999, 1e-7) }, p, g, m, v)
			want, got := nn.GoVector.SumSquares(g), simd.SumSquares(g)
			if math.Abs(got-want) > 1e-12*want {
				t.Fatalf("sumsq n=%d off=%d: %g; pure Go gives %g", n, off, got, want)
			}
		}
	}
}

// TestExpSub holds the SIMD exponentials to within 3 ulp of math.Exp over the whole range a
// softmax meets (a row's values minus its maximum: 0 down to far below float32's smallest
// normal), and the row's sum to float64 rounding of those.
func TestExpSub(t *testing.T) {
	simd := vectorOrSkip(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{1, 2, 3, 4, 5, 7, 8, 9, 31, 4169} {
		for _, spread := range []float32{0.01, 1, 10, 100, 300} {
			x := make([]float32, n)
			for i := range x {
				x[i] = (rng.Float32() - 0.5) * spread
			}
			m := nn.GoVector.Max(x)
			got := slices.Clone(x)
			sum := simd.ExpSub(got, m)
			var want float64
			for i, v := range x {
				e := math.Exp(float64(v - m))
				want += float64(got[i])
				if e < 0x1p-126 { // below float32's normals the kernel stops at about 1e-38
					if got[i] > 0x1p-125 {
						t.Fatalf("n=%d spread=%g: exp(%g) = %g; want about 0", n, spread, v-m, got[i])
					}
					continue
				}
				if ulps := math.Abs(float64(got[i])-e) / ulp(float32(e)); ulps > 3 {
					t.Fatalf("n=%d spread=%g: exp(%g) = %g; math.Exp gives %g (%.1f ulp)", n, spread, v-m, got[i], e, ulps)
				}
				if v == m && got[i] != 1 {
					t.Fatalf("n=%d: exp(0) = %g; want exactly 1", n, got[i])
				}
			}
			if math.Abs(sum-want) > 1e-12*want {
				t.Fatalf("n=%d spread=%g: sum %g; the row adds to %g", n, spread, sum, want)
			}
		}
	}
	// NaN goes through, so that a diverged step is caught.
	x := []float32{1, float32(math.NaN()), 2, 3, 4}
	if s := simd.ExpSub(x, 4); !math.IsNaN(s) {
		t.Errorf("a row with NaN adds up to %g", s)
	}
}

// TestLSTMCell holds the SIMD cell to the pure-Go one on widths around multiples of four (the
// tail is Go's), on gates from deep saturation to near zero (both branches of tanh), and with
// the cell state updated in place as generation does.
func TestLSTMCell(t *testing.T) {
	simd := vectorOrSkip(t)
	rng := rand.New(rand.NewPCG(7, 7))
	for _, B := range []int{1, 3} {
		for _, H := range []int{1, 3, 4, 5, 8, 13, 256} {
			for _, inPlace := range []bool{false, true} {
				z, cp := nntest.Rand(rng, B*4*H), nntest.Rand(rng, B*H)
				for i := range z {
					z[i] *= []float32{0.01, 1, 8, 40}[i%4]
				}
				var out [2][5][]float32
				for k, vec := range []nn.Vector{nn.GoVector, simd} {
					zz, c, h, tc := slices.Clone(z), make([]float32, B*H), make([]float32, B*H), make([]float32, B*H)
					prev := slices.Clone(cp)
					if inPlace {
						c = prev
					}
					vec.LSTMCell(zz, prev, c, h, tc, B, H)
					out[k] = [5][]float32{zz, c, h, tc, prev}
				}
				for s, name := range []string{"gates", "c", "h", "tanh c", "c₋"} {
					for i, want := range out[0][s] {
						got := out[1][s][i]
						if math.Abs(float64(got-want)) > 1e-6*max(1, math.Abs(float64(want))) {
							t.Fatalf("B=%d H=%d in place %v: %s[%d] = %g; pure Go gives %g", B, H, inPlace, name, i, got, want)
						}
					}
				}
			}
		}
	}
}

// TestGRUCell holds the SIMD GRU step to the pure-Go one on widths around multiples of four (the
// tail is Go's), on gates from deep saturation to near zero (both branches of tanh), and with the
// state updated in place as decoding does.
func TestGRUCell(t *testing.T) {
	simd := vectorOrSkip(t)
	rng := rand.New(rand.NewPCG(5, 5))
	for _, B := range []int{1, 3} {
		for _, H := range []int{1, 3, 4, 5, 8, 13, 200} {
			for _, inPlace := range []bool{false, true} {
				a, s, hp := nntest.Rand(rng, B*3*H), nntest.Rand(rng, B*3*H), nntest.Rand(rng, B*H)
				for i := range a {
					a[i] *= []float32{0.01, 1, 8, 40}[i%4]
				}
				var out [2][3][]float32
				for k, vec := range []nn.Vector{nn.GoVector, simd} {
					aa, prev, hn := slices.Clone(a), slices.Clone(hp), make([]float32, B*H)
					if inPlace {
						hn = prev
					}
					vec.GRUCell(aa, s, prev, hn, B, H)
					out[k] = [3][]float32{aa, hn, prev}
				}
				for o, name := range []string{"gates", "h", "h₋"} {
					for i, want := range out[0][o] {
						if got := out[1][o][i]; math.Abs(float64(got-want)) > 1e-6*max(1, math.Abs(float64(want))) {
							t.Fatalf("B=%d H=%d in place %v: %s[%d] = %g; pure Go gives %g", B, H, inPlace, name, i, got, want)
						}
					}
				}
			}
		}
	}
}

// TestTanhDot holds the SIMD attention scores to the pure-Go ones on widths around multiples of
// four (the tail is Go's), with rows strided as a batch's keys are, unaligned starts, and
// arguments from near zero to deep saturation (both branches of tanh). The sums add in another
// order, so the bound is relative to Σ|v[a]|, the largest a score can be.
func TestTanhDot(t *testing.T) {
	simd := vectorOrSkip(t)
	rng := rand.New(rand.NewPCG(9, 9))
	for _, A := range []int{1, 3, 4, 5, 8, 13, 100} {
		for _, B := range []int{1, 3} {
			for _, off := range []int{0, 1} {
				const n = 7
				pk := nntest.Rand(rng, off+n*B*A)[off:]
				for i := range pk {
					pk[i] *= []float32{0.01, 1, 8, 40}[i%4]
				}
				pq, v := nntest.Rand(rng, A), nntest.Rand(rng, A)
				var bound float64
				for _, x := range v {
					bound += math.Abs(float64(x))
				}
				want, got := make([]float32, n), make([]float32, n)
				nn.GoVector.TanhDot(want, pk, B*A, pq, v)
				simd.TanhDot(got, pk, B*A, pq, v)
				for i := range want {
					if math.Abs(float64(got[i]-want[i])) > 1e-6*max(1, bound) {
						t.Fatalf("A=%d B=%d offset %d: out[%d] = %g; pure Go gives %g", A, B, off, i, got[i], want[i])
					}
				}
			}
		}
	}
}

// TestTanhDotTanh holds the kernel's tanh, a rational approximation, to within 4e-7 of math.Tanh
// (Go's tanhf is within 1.2e-7) and to [-1, 1], on a fine grid over both signs and where tanh
// reaches 1, and to NaN for NaN: one attention unit with v = 1 scores tanh of its argument.
func TestTanhDotTanh(t *testing.T) {
	simd := vectorOrSkip(t)
	var xs []float32
	for x := -12.0; x <= 12; x += 1.0 / 1024 {
		xs = append(xs, float32(x))
	}
	xs = append(xs, 0, float32(math.Copysign(0, -1)), 1e-30, -1e-30, 1e-5, float32(math.Inf(1)), float32(math.Inf(-1)), math.MaxFloat32)
	pk := make([]float32, 4*len(xs))
	for i, x := range xs {
		pk[4*i] = x
	}
	out := make([]float32, len(xs))
	simd.TanhDot(out, pk, 4, make([]float32, 4), []float32{1, 0, 0, 0})
	for i, x := range xs {
		want := math.Tanh(float64(x))
		if d := math.Abs(float64(out[i]) - want); d > 4e-7 || math.Abs(float64(out[i])) > 1 {
			t.Errorf("tanh(%g) = %.9g; want %.9g (off by %.2g)", x, out[i], want, d)
		}
	}
	simd.TanhDot(out[:1], []float32{float32(math.NaN()), 0, 0, 0}, 4, make([]float32, 4), []float32{1, 0, 0, 0})
	if !math.IsNaN(float64(out[0])) {
		t.Errorf("tanh(NaN) = %g; want NaN", out[0])
	}
}

func ulp(f float32) float64 {
	return float64(math.Float32frombits(math.Float32bits(f)+1) - f)
}

func BenchmarkVector(b *testing.B) {
	simd := vectorOrSkip(b)
	const n = 1_850_000 // the book model's parameters
	rng := rand.New(rand.NewPCG(1, 2))
	p, g, m, v := nntest.Rand(rng, n), nntest.Rand(rng, n), make([]float32, n), make([]float32, n)
	for _, vec := range []nn.Vector{nn.GoVector, simd} {
		b.Run("add/"+vec.Name(), func(b *testing.B) {
			for b.Loop() {
				vec.Add(p, g)
			}
		})
		b.Run("softmax-rows/"+vec.Name(), func(b *testing.B) { // the every-position loss's 640 rows of 4169
			const R, V = 640, 4169
			x := nntest.Rand(rng, R*V)
			for b.Loop() {
				for r := range R {
					row := x[r*V : (r+1)*V]
					vec.Scale(row, float32(1/vec.ExpSub(row, vec.Max(row))))
				}
			}
		})
		b.Run("lstm-cells/"+vec.Name(), func(b *testing.B) { // a batch's 20 steps, 32 windows, 256 units
			const B, H = 32, 256
			z0, c, h, tc := nntest.Rand(rng, B*4*H), make([]float32, B*H), make([]float32, B*H), make([]float32, B*H)
			z := make([]float32, len(z0))
			for b.Loop() {
				for range 20 {
					copy(z, z0)
					vec.LSTMCell(z, c, c, h, tc, B, H)
				}
			}
		})
		b.Run("gru-cells/"+vec.Name(), func(b *testing.B) { // a decoding step: 100 beams, 200 units
			const B, H = 100, 200
			a0, s, h := nntest.Rand(rng, B*3*H), nntest.Rand(rng, B*3*H), nntest.Rand(rng, B*H)
			a := make([]float32, len(a0))
			for b.Loop() {
				copy(a, a0)
				vec.GRUCell(a, s, h, h, B, H)
			}
		})
		b.Run("attention-scores/"+vec.Name(), func(b *testing.B) { // a decoding step: 100 beams over 570 tokens
			const Q, S, A = 100, 570, 100
			pk, pq, v, out := nntest.Rand(rng, S*A), nntest.Rand(rng, Q*A), nntest.Rand(rng, A), make([]float32, S)
			for b.Loop() {
				for q := range Q {
					vec.TanhDot(out, pk, A, pq[q*A:(q+1)*A], v)
				}
			}
		})
		b.Run("sumsq/"+vec.Name(), func(b *testing.B) {
			for b.Loop() {
				vec.SumSquares(g)
			}
		})
		b.Run("rmsprop/"+vec.Name(), func(b *testing.B) {
			for b.Loop() {
				vec.RMSprop(p, g, m, 0.001, 0.9, 1e-7)
			}
		})
		b.Run("adam/"+vec.Name(), func(b *testing.B) {
			for b.Loop() {
				vec.Adam(p, g, m, v, 0.001, 0.9, 0.999, 1e-7)
			}
		})
	}
}
