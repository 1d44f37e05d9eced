//go:build js && wasm

package simd

import (
	"math/rand/v2"
	"os"
	"testing"

	"fabulist/model/nn"
	"fabulist/model/nn/nntest"
)

// needKernels skips a test when the runner has no SIMD kernels; when it was given them
// ($FABULIST_SIMD_WASM, as make test does) their absence is a failure, not a skip.
func needKernels(tb testing.TB) {
	tb.Helper()
	if available() != 1 {
		if os.Getenv("FABULIST_SIMD_WASM") != "" {
			tb.Fatal("the SIMD kernels were given but Go does not see them")
		}
		tb.Skip("NOTICE: no SIMD kernels in this runner (run with node_exec.js and FABULIST_SIMD_WASM)")
	}
}

func kernelOrSkip(tb testing.TB) nn.Gemm {
	tb.Helper()
	needKernels(tb)
	return Kernel()
}

func vectorOrSkip(tb testing.TB) nn.Vector {
	tb.Helper()
	needKernels(tb)
	return Vector()
}

// TestKernelMatchesReference covers every tail: n and k below, at and above multiples of four,
// then those of tile's blocks, then the book's shapes once each.
func TestKernelMatchesReference(t *testing.T) {
	k := kernelOrSkip(t)
	rng := rand.New(rand.NewPCG(7, 8))
	dims := []int{1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33}
	var shapes [][3]int
	for _, m := range []int{1, 3, 4, 6} {
		for _, n := range dims {
			for _, kk := range dims {
				shapes = append(shapes, [3]int{m, n, kk})
			}
		}
	}
	nntest.MatchReference(t, k, rng, shapes, func(k int) float64 { return 1e-5*float64(k) + 1e-6 })
	// tile's blocks: rows in fours and then row1's one at a time, columns in eights, a four and
	// the rest, and k in blocks of tileRows, short or not.
	var blocks [][3]int
	for _, m := range []int{4, 5, 7} {
		for _, n := range []int{8, 12, 15, 20} {
			for _, kk := range []int{tileRows - 1, tileRows, tileRows + 1, 2*tileRows + 5} {
				blocks = append(blocks, [3]int{m, n, kk})
			}
		}
	}
	nntest.MatchReference(t, k, rng, blocks, func(k int) float64 { return 1e-5*float64(k) + 1e-6 })
	book := [][3]int{{32, 1024, 356}, {32, 256, 1024}, {256, 1024, 64}}
	nntest.MatchReference(t, k, rng, book, func(int) float64 { return 1e-4 })
}

// TestKernelRowsAreIndependent: a row of C must come out the same, bit for bit, whichever rows are
// computed with it (tile takes rows in fours, row1 the rest), so that a beam decoded beside
// others asks what it asks alone, and a batch of answers encodes as each one alone does.
func TestKernelRowsAreIndependent(t *testing.T) {
	nntest.RowsAreIndependent(t, kernelOrSkip(t), []int{3, tileRows + 1, 2*tileRows + 5})
}

// BenchmarkGemm measures the pure-Go kernel, which Go's wasm uses without SIMD, and the SIMD
// ones (exact, and fused where the runner has relaxed SIMD) on the book model's products. The
// engine's own benchmarks (training, generation) run with the SIMD kernels from model/lm, built
// with -tags simd (make bench-wasm).
func BenchmarkGemm(b *testing.B) {
	kernels := []nn.Gemm{nn.GoKernel, kernelOrSkip(b)}
	if f := FusedKernel(); f != nil {
		kernels = append(kernels, f)
	}
	for _, mm := range kernels {
		nntest.BenchGemm(b, mm, nntest.BookShapes)
	}
}
