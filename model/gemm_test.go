package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// TestKernelsMatchReference runs every kernel against gonum on odd shapes (tails in every
// dimension), accumulating into a C that is not zero, as backward passes do.
func TestKernelsMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	shapes := [][3]int{{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {5, 9, 3}, {7, 2, 11}, {13, 17, 19}, {32, 33, 65}, {1, 70, 9}}
	for _, mm := range Kernels()[1:] {
		for _, s := range shapes {
			m, n, k := s[0], s[1], s[2]
			for _, op := range []string{"NN", "NT", "TN"} {
				a, b := randSlice(rng, m*k), randSlice(rng, k*n)
				c0 := randSlice(rng, m*n)
				want := append([]float32(nil), c0...)
				got := append([]float32(nil), c0...)
				call(Reference, op, m, n, k, a, b, want)
				call(mm, op, m, n, k, a, b, got)
				for i := range want {
					if math.Abs(float64(got[i]-want[i])) > 1e-5*float64(k)+1e-6 {
						t.Fatalf("%s %s m=%d n=%d k=%d: C[%d] = %g; want %g", mm.Name(), op, m, n, k, i, got[i], want[i])
					}
				}
			}
		}
	}
}

func call(mm Gemm, op string, m, n, k int, a, b, c []float32) {
	switch op {
	case "NN":
		mm.NN(m, n, k, a, b, c)
	case "NT":
		mm.NT(m, n, k, a, b, c)
	case "TN":
		mm.TN(m, n, k, a, b, c)
	default:
		panic(fmt.Sprint("unknown op ", op))
	}
}

func TestGemmPanicsOnBadShapes(t *testing.T) {
	for _, mm := range Kernels()[1:] {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic for a C too small", mm.Name())
				}
			}()
			mm.NN(2, 2, 2, make([]float32, 4), make([]float32, 4), make([]float32, 3))
		}()
	}
}
