// Package nntest holds what the tests of model/nn and of its SIMD kernels (model/nn/simd) share:
// random operands, the three products by name, the check of a kernel against gonum's, and the
// book model's products for benchmarks.
package nntest

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"fabulist/model/nn"
)

// Rand is n values from U(-1, 1).
func Rand(rng *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = rng.Float32()*2 - 1
	}
	return s
}

// Ops names the products of nn.Gemm.
var Ops = []string{"NN", "NT", "TN"}

// Product runs mm's product named op (one of Ops) on C (m,n) from A and B.
func Product(mm nn.Gemm, op string, m, n, k int, a, b, c []float32) {
	switch op {
	case "NN":
		mm.NN(m, n, k, a, b, c)
	case "NT":
		mm.NT(m, n, k, a, b, c)
	case "TN":
		mm.TN(m, n, k, a, b, c)
	default:
		panic(fmt.Sprint("nntest: unknown product ", op))
	}
}

// MatchReference runs every product of mm and of nn.Reference (gonum's Sgemm) on the same random
// operands for each shape (m, n, k), accumulating into the same C, which is not zero, as backward
// passes do; it fails tb at the first element of C further from gonum's than tol(k).
func MatchReference(tb testing.TB, mm nn.Gemm, rng *rand.Rand, shapes [][3]int, tol func(k int) float64) {
	tb.Helper()
	for _, s := range shapes {
		m, n, k := s[0], s[1], s[2]
		for _, op := range Ops {
			a, b := Rand(rng, m*k), Rand(rng, k*n)
			c0 := Rand(rng, m*n)
			want := append([]float32(nil), c0...)
			got := append([]float32(nil), c0...)
			Product(nn.Reference, op, m, n, k, a, b, want)
			Product(mm, op, m, n, k, a, b, got)
			for i := range want {
				if math.Abs(float64(got[i]-want[i])) > tol(k) {
					tb.Fatalf("%s %s m=%d n=%d k=%d: C[%d] = %g; want %g", mm.Name(), op, m, n, k, i, got[i], want[i])
				}
			}
		}
	}
}

// RowsAreIndependent fails tb unless every row of C that mm computes among m rows (5, 7, 9) is the
// same, bit for bit, as that row computed alone, for NN and TN, n of 4, 12, 15 and 300 and each
// of ks: kernels that take rows in blocks must sum each row's products in one order.
func RowsAreIndependent(tb testing.TB, mm nn.Gemm, ks []int) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(3, 3))
	for _, m := range []int{5, 7, 9} {
		for _, n := range []int{4, 12, 15, 300} {
			for _, k := range ks {
				for _, op := range []string{"NN", "TN"} {
					a, b, c0 := Rand(rng, m*k), Rand(rng, k*n), Rand(rng, m*n)
					all := slices.Clone(c0)
					Product(mm, op, m, n, k, a, b, all)
					for i := range m {
						row, ai := slices.Clone(c0[i*n:(i+1)*n]), make([]float32, k)
						for p := range k {
							if op == "NN" {
								ai[p] = a[i*k+p]
							} else {
								ai[p] = a[p*m+i]
							}
						}
						Product(mm, op, 1, n, k, ai, b, row)
						for j := range n {
							if math.Float32bits(row[j]) != math.Float32bits(all[i*n+j]) {
								tb.Fatalf("%s %s m=%d n=%d k=%d: C[%d,%d] = %g alone; %g among %d rows", mm.Name(), op, m, n, k, i, j, row[j], all[i*n+j], m)
							}
						}
					}
				}
			}
		}
	}
}

// Shape is one product of a benchmark.
type Shape struct {
	Op      string
	M, N, K int
}

// BookShapes are the products of a training step of the book's model (B 32, E 100, H 256,
// V 4169) and of a generation step.
var BookShapes = []Shape{
	{"NN", 32, 1024, 356},  // LSTM step, forward
	{"NT", 32, 256, 1024},  // LSTM step, backward dh
	{"TN", 256, 1024, 640}, // LSTM weight gradient
	{"NN", 32, 4169, 256},  // dense forward
	{"NT", 32, 256, 4169},  // dense backward din
	{"TN", 256, 4169, 32},  // dense weight gradient
	{"NN", 1, 1024, 256},   // a generation step's recurrent product
	{"NN", 100, 5000, 400}, // the question model's output layer, 20 questions' beams of 5 at once
}

// BenchGemm runs one sub-benchmark of mm per shape and reports GFLOP/s.
func BenchGemm(b *testing.B, mm nn.Gemm, shapes []Shape) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, s := range shapes {
		b.Run(fmt.Sprintf("%s/%s_%dx%dx%d", mm.Name(), s.Op, s.M, s.N, s.K), func(b *testing.B) {
			a, bb, c := Rand(rng, s.M*s.K), Rand(rng, s.K*s.N), make([]float32, s.M*s.N)
			for b.Loop() {
				Product(mm, s.Op, s.M, s.N, s.K, a, bb, c)
			}
			b.ReportMetric(2*float64(s.M*s.N*s.K)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}
