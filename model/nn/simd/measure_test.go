//go:build js && wasm

package simd

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"fabulist/model/nn"
	"fabulist/model/nn/nntest"
)

// BenchmarkFusedAgainstExact times the exact and the fused kernel on the book's products
// alternately, one product of each an iteration, in the same process: on a shared machine two
// separate benchmark runs differed by more than the kernels do. It reports each kernel's GFLOP/s
// and fused/exact, the ratio of their rates.
func BenchmarkFusedAgainstExact(b *testing.B) {
	exact, fused := kernelOrSkip(b), fusedOrSkip(b)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range nntest.BookShapes {
		a, bm, c := nntest.Rand(rng, s.M*s.K), nntest.Rand(rng, s.K*s.N), make([]float32, s.M*s.N)
		b.Run(fmt.Sprintf("%s_%dx%dx%d", s.Op, s.M, s.N, s.K), func(b *testing.B) {
			var te, tf time.Duration
			timed := func(mm nn.Gemm) time.Duration {
				t0 := time.Now()
				nntest.Product(mm, s.Op, s.M, s.N, s.K, a, bm, c)
				return time.Since(t0)
			}
			timed(exact) // compiled and warm
			timed(fused)
			b.ResetTimer()
			for range b.N {
				te += timed(exact)
				tf += timed(fused)
			}
			flop := 2 * float64(s.M*s.N*s.K) * float64(b.N)
			b.ReportMetric(flop/te.Seconds()/1e9, "exact-GFLOP/s")
			b.ReportMetric(flop/tf.Seconds()/1e9, "fused-GFLOP/s")
			b.ReportMetric(te.Seconds()/tf.Seconds(), "fused/exact")
		})
	}
}
