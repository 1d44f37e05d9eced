//go:build js && wasm

package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"testing"

	"fabulist/model"
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

func kernelOrSkip(tb testing.TB) model.Gemm {
	tb.Helper()
	needKernels(tb)
	return Kernel()
}

func vectorOrSkip(tb testing.TB) model.Vector {
	tb.Helper()
	needKernels(tb)
	return Vector()
}

func randSlice(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = rng.Float32()*2 - 1
	}
	return s
}

func call(mm model.Gemm, op string, m, n, k int, a, b, c []float32) {
	switch op {
	case "NN":
		mm.NN(m, n, k, a, b, c)
	case "NT":
		mm.NT(m, n, k, a, b, c)
	case "TN":
		mm.TN(m, n, k, a, b, c)
	}
}

// TestKernelMatchesReference covers every tail: n and k below, at and above multiples of four.
func TestKernelMatchesReference(t *testing.T) {
	k := kernelOrSkip(t)
	rng := rand.New(rand.NewPCG(7, 8))
	dims := []int{1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 33}
	for _, m := range []int{1, 3, 4, 6} {
		for _, n := range dims {
			for _, kk := range dims {
				for _, op := range []string{"NN", "NT", "TN"} {
					a, b := randSlice(rng, m*kk), randSlice(rng, kk*n)
					c0 := randSlice(rng, m*n)
					want := append([]float32(nil), c0...)
					got := append([]float32(nil), c0...)
					call(model.Reference, op, m, n, kk, a, b, want)
					call(k, op, m, n, kk, a, b, got)
					for i := range want {
						if math.Abs(float64(got[i]-want[i])) > 1e-5*float64(kk)+1e-6 {
							t.Fatalf("%s m=%d n=%d k=%d: C[%d] = %g; want %g", op, m, n, kk, i, got[i], want[i])
						}
					}
				}
			}
		}
	}
	// The book's shapes, once each.
	for _, s := range [][4]int{{32, 1024, 356}, {32, 256, 1024}, {256, 1024, 64}} {
		for _, op := range []string{"NN", "NT", "TN"} {
			m, n, kk := s[0], s[1], s[2]
			a, b := randSlice(rng, m*kk), randSlice(rng, kk*n)
			want, got := make([]float32, m*n), make([]float32, m*n)
			call(model.Reference, op, m, n, kk, a, b, want)
			call(k, op, m, n, kk, a, b, got)
			for i := range want {
				if math.Abs(float64(got[i]-want[i])) > 1e-4 {
					t.Fatalf("%s %v: C[%d] = %g; want %g", op, s, i, got[i], want[i])
				}
			}
		}
	}
}

func BenchmarkGemm(b *testing.B) {
	k := kernelOrSkip(b)
	shapes := []struct {
		op      string
		m, n, k int
	}{
		{"NN", 32, 1024, 356}, {"NT", 32, 256, 1024}, {"TN", 256, 1024, 640},
		{"NN", 32, 4169, 256}, {"NT", 32, 256, 4169}, {"TN", 256, 4169, 32}, {"NN", 1, 1024, 256},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for _, mm := range []model.Gemm{model.GoKernel, k} {
		for _, s := range shapes {
			b.Run(fmt.Sprintf("%s/%s_%dx%dx%d", mm.Name(), s.op, s.m, s.n, s.k), func(b *testing.B) {
				a, bb, c := randSlice(rng, s.m*s.k), randSlice(rng, s.k*s.n), make([]float32, s.m*s.n)
				for b.Loop() {
					call(mm, s.op, s.m, s.n, s.k, a, bb, c)
				}
				b.ReportMetric(2*float64(s.m*s.n*s.k)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}

// bookSetup builds the book's model on Aesop with the given kernel.
func bookSetup(b *testing.B, mm model.Gemm, loss model.LossMode) (*model.Net, *model.Corpus) {
	text, err := os.ReadFile("../../../shared/data/aesop.txt")
	if err != nil {
		b.Skipf("NOTICE: ../shared/data/aesop.txt not found: %v", err)
	}
	cfg := model.BookConfig()
	cfg.Loss = loss
	corpus, err := model.Prepare(string(text), cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	net, err := model.NewNet(cfg, corpus.Tok.VocabSize())
	if err != nil {
		b.Fatal(err)
	}
	net.SetGemm(mm)
	return net, corpus
}

func benchTrain(b *testing.B, loss model.LossMode) {
	net, corpus := bookSetup(b, kernelOrSkip(b), loss)
	tr, err := model.NewTrainer(net, corpus.Data)
	if err != nil {
		b.Fatal(err)
	}
	tr.Step()
	b.ResetTimer()
	for b.Loop() {
		if _, err := tr.Step(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*net.Cfg.Batch)/b.Elapsed().Seconds(), "samples/s")
}

func BenchmarkTrainBookLast(b *testing.B)  { benchTrain(b, model.LossLast) }
func BenchmarkTrainBookEvery(b *testing.B) { benchTrain(b, model.LossEvery) }

func benchGenerate(b *testing.B, mode model.GenMode) {
	net, corpus := bookSetup(b, kernelOrSkip(b), model.LossLast)
	g := model.NewGenerator(net, corpus.Tok)
	rng := rand.New(rand.NewPCG(1, 1))
	tokens := 0
	for b.Loop() {
		res := g.Generate("the fox", model.GenOptions{SampleOptions: model.SampleOptions{Temperature: 1, TopP: 1}, N: 20, Mode: mode}, rng)
		tokens += len(res.IDs) + 1
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(tokens), "ms/token")
}

func BenchmarkGenerateWindow(b *testing.B)   { benchGenerate(b, model.GenWindow) }
func BenchmarkGenerateStateful(b *testing.B) { benchGenerate(b, model.GenStateful) }
