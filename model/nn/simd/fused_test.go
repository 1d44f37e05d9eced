//go:build js && wasm

package simd

import (
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"fabulist/internal/need"
	"fabulist/model/nn"
	"fabulist/model/nn/nntest"
)

// fusedOrSkip is the fused kernel, or a skip with a notice (a failure under FABULIST_REQUIRE_ALL)
// where the runner has none: a Node without relaxed SIMD, no $FABULIST_SIMD_FMA_WASM, or a CPU
// whose relaxed_madd is not fused.
func fusedOrSkip(tb testing.TB) nn.Gemm {
	tb.Helper()
	needKernels(tb)
	if f := FusedKernel(); f != nil {
		return f
	}
	if os.Getenv("FABULIST_SIMD_FMA_WASM") == "" {
		need.Skip(tb, "no fused multiply-add kernels in this runner (run with node_exec.js and FABULIST_SIMD_FMA_WASM)")
	} else {
		need.Skip(tb, "the fused multiply-add kernels were given, but this Node has no relaxed SIMD or its relaxed_madd is not fused here")
	}
	return nil
}

// fma32 is IEEE 754's fusedMultiplyAdd on binary32: a·b + c rounded once. The product is exact
// in float64, and the sum's rounding error, found exactly (TwoSum), breaks the one tie that
// rounding to float64 and then to float32 would otherwise get wrong.
func fma32(a, b, c float32) float32 {
	p, q := float64(float64(a)*float64(b)), float64(c)
	s := float64(p + q)
	v := float64(s - p)
	e := float64(float64(p-float64(s-v)) + float64(q-v))
	if bits := math.Float64bits(s); e != 0 && bits&(1<<29-1) == 1<<28 {
		if (e > 0) == (s > 0) {
			bits++
		} else {
			bits--
		}
		s = math.Float64frombits(bits)
	}
	return float32(s)
}

// madd is one step of a sum: s + a·b, fused or rounded twice as kernels.wat's f32x4.mul then
// f32x4.add are.
func madd(fused bool, a, b, s float32) float32 {
	if fused {
		return fma32(a, b, s)
	}
	return s + float32(a*b)
}

// modelProduct is what the SIMD kernel computes, in Go: C (m,n) += A·B (A(i,p) = a[i*ai+p*ap])
// for NN and TN, each 128 values of p summed in order, fused or not in the first n&^3 columns
// and never in the rest (Go's own loop); and for NT, four lanes over k&^3 (lane l takes p ≡ l
// mod 4), added (0+1)+(2+3), then the last k mod 4 products, mul then add.
func modelProduct(fused bool, op string, m, n, k int, a, b, c []float32) {
	if op == "NT" {
		k4 := k &^ 3
		for i := range m {
			for j := range n {
				var l [4]float32
				for p := 0; p < k4; p++ {
					l[p%4] = madd(fused, a[i*k+p], b[j*k+p], l[p%4])
				}
				s := (l[0] + l[1]) + (l[2] + l[3])
				for p := k4; p < k; p++ {
					s = madd(false, a[i*k+p], b[j*k+p], s)
				}
				c[i*n+j] += s
			}
		}
		return
	}
	ai, ap := k, 1
	if op == "TN" {
		ai, ap = 1, m
	}
	for i := range m {
		for j := range n {
			for p0 := 0; p0 < k; p0 += tileRows {
				var s float32
				for p := p0; p < min(p0+tileRows, k); p++ {
					s = madd(fused && j < n&^3, a[i*ai+p*ap], b[p*n+j], s)
				}
				c[i*n+j] += s
			}
		}
	}
}

// kernelIsItsModel fails tb unless mm computes modelProduct's very bits, for every product and
// shape: rows in fours and one at a time, columns in eights, fours and the rest, k in and past
// blocks of tileRows, and k mod 4 for dots.
func kernelIsItsModel(t *testing.T, mm nn.Gemm, fused bool) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, m := range []int{1, 2, 3, 4, 5, 7, 8} {
		for _, n := range []int{1, 3, 4, 8, 12, 13, 20} {
			for _, k := range []int{1, 3, 4, 7, 9, tileRows + 3, 2*tileRows + 5} {
				for _, op := range nntest.Ops {
					a, b := nntest.Rand(rng, m*k), nntest.Rand(rng, k*n)
					c0 := nntest.Rand(rng, m*n)
					want, got := append([]float32(nil), c0...), append([]float32(nil), c0...)
					modelProduct(fused, op, m, n, k, a, b, want)
					nntest.Product(mm, op, m, n, k, a, b, got)
					for i := range want {
						if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
							t.Fatalf("%s %s m=%d n=%d k=%d: C[%d] = %g (%#x); want %g (%#x)", mm.Name(), op, m, n, k, i,
								got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
						}
					}
				}
			}
		}
	}
}

// TestFma32 checks the model's fused multiply-add where rounding twice differs from rounding
// once: (1 + 2⁻¹²)² − (1 + 2⁻¹¹) is 2⁻²⁴ fused and 0 rounded twice (web/simd.js's probe), and a
// sum that float64 rounds onto a float32 tie rounds by what float64 dropped.
func TestFma32(t *testing.T) {
	x := float32(1 + 1.0/4096)
	cases := []struct {
		name    string
		a, b, c float32
		want    float32
	}{
		{"probe", x, x, -(1 + 1.0/2048), 1.0 / (1 << 24)},
		// (1 + 2⁻¹²)² + 2⁻⁶⁰ is just above the float32 tie 1 + 2⁻¹¹ + 2⁻²⁴, which float64 rounds it to
		{"above a tie", x, x, 1.0 / (1 << 60), 1 + 1.0/2048 + 1.0/(1<<23)},
		{"below a tie", x, x, -1.0 / (1 << 60), 1 + 1.0/2048},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := fma32(c.a, c.b, c.c); got != c.want {
				t.Errorf("fma32(%g, %g, %g) = %g; want %g", c.a, c.b, c.c, got, c.want)
			}
		})
	}
}

// TestExactKernelIsMulThenAdd: the exact path rounds every product and every sum (kernels.wat),
// bit for bit as its model, so that runs recorded on it reproduce wherever WebAssembly SIMD runs.
func TestExactKernelIsMulThenAdd(t *testing.T) {
	kernelIsItsModel(t, kernelOrSkip(t), false)
}

// TestFusedKernelIsFused: the fused path rounds each product and its sum once, bit for bit as
// its model, so a run on it gives the same weights on every machine whose relaxed_madd is fused
// (the only ones web/simd.js gives it), and differs from the exact path.
func TestFusedKernelIsFused(t *testing.T) {
	kernelIsItsModel(t, fusedOrSkip(t), true)
}

// TestFusedKernelMatchesReference holds the fused kernel to gonum's Sgemm within the exact
// kernel's tolerances (TestKernelMatchesReference).
func TestFusedKernelMatchesReference(t *testing.T) {
	f := fusedOrSkip(t)
	rng := rand.New(rand.NewPCG(7, 8))
	var shapes [][3]int
	for _, m := range []int{1, 3, 4, 6} {
		for _, n := range []int{1, 4, 7, 8, 9, 17, 33} {
			for _, k := range []int{1, 4, 5, 9, tileRows + 1, 2*tileRows + 5} {
				shapes = append(shapes, [3]int{m, n, k})
			}
		}
	}
	nntest.MatchReference(t, f, rng, shapes, func(k int) float64 { return 1e-5*float64(k) + 1e-6 })
	book := [][3]int{{32, 1024, 356}, {32, 256, 1024}, {256, 1024, 64}}
	nntest.MatchReference(t, f, rng, book, func(int) float64 { return 1e-4 })
}

// TestFusedKernelRowsAreIndependent: as TestKernelRowsAreIndependent, on the fused path.
func TestFusedKernelRowsAreIndependent(t *testing.T) {
	nntest.RowsAreIndependent(t, fusedOrSkip(t), []int{3, tileRows + 1, 2*tileRows + 5})
}
