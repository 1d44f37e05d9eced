//go:build simd

package lm

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"testing"

	"fabulist/internal/need"
	"fabulist/model/nn"
	"fabulist/model/nn/nntest"
	"fabulist/model/nn/simd"
)

// simdPaths are the exact and fused SIMD kernels, skipping (with a notice) where the runner has
// no fused one: a Node without relaxed SIMD, or no $FABULIST_SIMD_FMA_WASM.
func simdPaths(t *testing.T) (exact, fused nn.Gemm) {
	t.Helper()
	exact, fused = simd.Kernel(), simd.FusedKernel()
	if exact == nil || fused == nil {
		need.Skip(t, "no fused multiply-add SIMD kernels in this runner (node_exec.js with FABULIST_SIMD_WASM and FABULIST_SIMD_FMA_WASM)")
	}
	return exact, fused
}

// TestFusedTrainingIsReproducible: a run on the fused path gives the same weights every time (so
// a run recorded on it reproduces where the path exists), not the exact path's (the kernel does
// fuse), and stays within 1e-5 of them in every weight and in its last loss after two epochs of
// the small model.
func TestFusedTrainingIsReproducible(t *testing.T) {
	exact, fused := simdPaths(t)
	for _, loss := range []LossMode{LossLast, LossEvery} {
		t.Run(string(loss), func(t *testing.T) {
			run := func(mm nn.Gemm) ([]float32, float32) {
				net, data, _ := smallSetup(t, func(c *Config) { c.Loss = loss })
				net.SetGemm(mm)
				tr, err := NewTrainer(net, data)
				if err != nil {
					t.Fatal(err)
				}
				trainAll(t, tr)
				bl := tr.History.BatchLoss
				return net.P.Data, bl[len(bl)-1]
			}
			f1, l1 := run(fused)
			f2, l2 := run(fused)
			e, le := run(exact)
			if !slices.Equal(f1, f2) || l1 != l2 {
				t.Fatalf("two fused runs with the same seed differ (last losses %v and %v)", l1, l2)
			}
			if slices.Equal(f1, e) {
				t.Fatal("the fused run's weights are the exact run's, bit for bit: the fused kernel does not fuse")
			}
			d := 0.0
			for i := range e {
				d = max(d, math.Abs(float64(f1[i]-e[i])))
			}
			t.Logf("fused against exact: max |Δweight| %.3g, last loss %.6f against %.6f", d, l1, le)
			if d > 1e-5 || math.Abs(float64(l1-le)) > 1e-5 {
				t.Errorf("fused run: max |Δweight| %g, last loss %v; want within 1e-5 of the exact run's (%v)", d, l1, le)
			}
		})
	}
}

// TestMeasureFusedAgainstExact prints what the fused path changes on the book's model and Aesop:
// the largest absolute and relative difference of a product of the book's shapes, and the loss of
// each of FABULIST_FMA_MEASURE batches on both paths (DEVELOPERS.md, "Fused multiply-add"); it
// fails only far beyond what was measured.
func TestMeasureFusedAgainstExact(t *testing.T) {
	batches, _ := strconv.Atoi(os.Getenv("FABULIST_FMA_MEASURE"))
	if batches <= 0 {
		t.Skip("set FABULIST_FMA_MEASURE=100 to measure")
	}
	exact, fused := simdPaths(t)
	var losses [2][]float32
	for i, mm := range []nn.Gemm{exact, fused} {
		r, err := NewRun(sharedCorpus(t, "aesop.txt"), BookConfig(), RunOptions{})
		if err != nil {
			t.Fatal(err)
		}
		r.Net.SetGemm(mm)
		for range batches {
			p, err := r.Step()
			if err != nil {
				t.Fatal(err)
			}
			if p.Batch > 0 {
				losses[i] = append(losses[i], float32(p.Loss))
			}
		}
	}
	worst, at := 0.0, 0
	for i := range losses[0] {
		if d := math.Abs(float64(losses[1][i] - losses[0][i])); d > worst {
			worst, at = d, i
		}
	}
	n := len(losses[0])
	for i := 9; i < n; i += 10 {
		t.Logf("batch %d: loss exact %.6f, fused %.6f", i+1, losses[0][i], losses[1][i])
	}
	t.Logf("book model, Aesop, %d batches: last loss exact %.6f, fused %.6f; largest |Δloss| %.3g at batch %d (%.4f, %.4f)",
		n, losses[0][n-1], losses[1][n-1], worst, at+1, losses[0][at], losses[1][at])
	if d := math.Abs(float64(losses[1][n-1] - losses[0][n-1])); d > 0.1 { // 0.008 after 100 batches
		t.Errorf("the two paths' last losses are %.3g apart; a fused product should not move training so far", d)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range nntest.BookShapes[:6] { // a training step's
		a, b := nntest.Rand(rng, s.M*s.K), nntest.Rand(rng, s.K*s.N)
		ce, cf, cr := make([]float32, s.M*s.N), make([]float32, s.M*s.N), make([]float32, s.M*s.N)
		nntest.Product(exact, s.Op, s.M, s.N, s.K, a, b, ce)
		nntest.Product(fused, s.Op, s.M, s.N, s.K, a, b, cf)
		nntest.Product(nn.Reference, s.Op, s.M, s.N, s.K, a, b, cr)
		var abs, rel, absE, absF float64
		for i := range ce {
			d := math.Abs(float64(cf[i] - ce[i]))
			abs = max(abs, d)
			if ce[i] != 0 {
				rel = max(rel, d/math.Abs(float64(ce[i])))
			}
			absE, absF = max(absE, math.Abs(float64(ce[i]-cr[i]))), max(absF, math.Abs(float64(cf[i]-cr[i])))
		}
		t.Logf("%s %dx%dx%d: fused against exact max |Δ| %.3g, max rel %.3g; against gonum exact %.3g, fused %.3g",
			s.Op, s.M, s.N, s.K, abs, rel, absE, absF)
		if abs > 1e-3 { // 2.3e-5 at most, measured
			t.Errorf("%s %dx%dx%d: the paths differ by %.3g in a product", s.Op, s.M, s.N, s.K, abs)
		}
	}
}
