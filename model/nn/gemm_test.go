package nn_test

import (
	"math/rand/v2"
	"testing"

	"fabulist/model/nn"
	"fabulist/model/nn/nntest"
)

// TestKernelsMatchReference runs every kernel against gonum on odd shapes (tails in every
// dimension), accumulating into a C that is not zero, as backward passes do.
func TestKernelsMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	shapes := [][3]int{{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {5, 9, 3}, {7, 2, 11}, {13, 17, 19}, {32, 33, 65}, {1, 70, 9}}
	for _, mm := range nn.Kernels()[1:] {
		t.Run(mm.Name(), func(t *testing.T) {
			nntest.MatchReference(t, mm, rng, shapes, func(k int) float64 { return 1e-5*float64(k) + 1e-6 })
		})
	}
}

// TestKernelRowsAreIndependent: every kernel sums each row of C in one order, whatever rows come
// with it, so that answers encoded as a batch (qa.Net.EncodeAll) are each what they are alone.
func TestKernelRowsAreIndependent(t *testing.T) {
	for _, mm := range nn.Kernels() {
		t.Run(mm.Name(), func(t *testing.T) { nntest.RowsAreIndependent(t, mm, []int{3, 9, 17, 130}) })
	}
}

func TestGemmPanicsOnBadShapes(t *testing.T) {
	for _, mm := range nn.Kernels()[1:] {
		t.Run(mm.Name(), func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("no panic for a C too small")
				}
			}()
			mm.NN(2, 2, 2, make([]float32, 4), make([]float32, 4), make([]float32, 3))
		})
	}
}

// BenchmarkGemm measures each kernel on the book model's products, in GFLOP/s.
func BenchmarkGemm(b *testing.B) {
	for _, mm := range nn.Kernels() {
		nntest.BenchGemm(b, mm, nntest.BookShapes)
	}
}
