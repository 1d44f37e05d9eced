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
// then the book's shapes once each.
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
	book := [][3]int{{32, 1024, 356}, {32, 256, 1024}, {256, 1024, 64}}
	nntest.MatchReference(t, k, rng, book, func(int) float64 { return 1e-4 })
}

// BenchmarkGemm measures the pure-Go kernel, which Go's wasm uses without SIMD, and the SIMD one
// on the book model's products. The engine's own benchmarks (training, generation) run with the
// SIMD kernels from model/lm, built with -tags simd (make bench-wasm).
func BenchmarkGemm(b *testing.B) {
	k := kernelOrSkip(b)
	for _, mm := range []nn.Gemm{nn.GoKernel, k} {
		nntest.BenchGemm(b, mm, nntest.BookShapes)
	}
}
