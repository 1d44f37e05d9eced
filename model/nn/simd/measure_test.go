//go:build js && wasm

package simd

import (
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"fabulist/model/nn"
	"fabulist/model/nn/nntest"
)

// TestMeasureFusedSpeed prints the exact and the fused kernel's GFLOP/s on the book's products,
// timed alternately in the same process (FABULIST_FMA_ROUNDS rounds of some 50 ms each for
// each kernel and shape): the best round of each, and the median of the rounds' ratios, which a
// loaded machine disturbs less than one long run of each would be. A measurement, not a test: it
// asserts nothing.
func TestMeasureFusedSpeed(t *testing.T) {
	rounds, _ := strconv.Atoi(os.Getenv("FABULIST_FMA_ROUNDS"))
	if rounds <= 0 {
		t.Skip("set FABULIST_FMA_ROUNDS=15 to measure")
	}
	exact, fused := kernelOrSkip(t), fusedOrSkip(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range nntest.BookShapes {
		a, b, c := nntest.Rand(rng, s.M*s.K), nntest.Rand(rng, s.K*s.N), make([]float32, s.M*s.N)
		flop := 2 * float64(s.M*s.N*s.K)
		reps := max(1, int(50e6/flop)) // some 50 ms at 1 GFLOP/s
		gflops := func(mm nn.Gemm) float64 {
			t0 := time.Now()
			for range reps {
				nntest.Product(mm, s.Op, s.M, s.N, s.K, a, b, c)
			}
			return flop * float64(reps) / time.Since(t0).Seconds() / 1e9
		}
		gflops(exact) // compiled and warm
		gflops(fused)
		var be, bf float64
		var ratios []float64
		for range rounds {
			e, f := gflops(exact), gflops(fused)
			be, bf = max(be, e), max(bf, f)
			ratios = append(ratios, f/e)
		}
		slices.Sort(ratios)
		t.Logf("%s %dx%dx%d: best exact %.2f GFLOP/s, best fused %.2f GFLOP/s, median fused/exact %.2f (rounds %.2f–%.2f)",
			s.Op, s.M, s.N, s.K, be, bf, ratios[len(ratios)/2], ratios[0], ratios[len(ratios)-1])
	}
}
