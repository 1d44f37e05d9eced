package nn

import (
	"fmt"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// Gemm is the one matrix-multiply interface of the engine. Every matrix is row-major and dense
// (leading dimension = number of columns), and every product accumulates into C, because backward
// passes add into gradients:
//
//	NN: C (m,n) += A (m,k) · B (k,n)
//	NT: C (m,n) += A (m,k) · Bᵀ   with B (n,k)
//	TN: C (m,n) += Aᵀ · B         with A (k,m), B (k,n)
//
// Implementations must give the same result for the same inputs on every call (no data-dependent
// order of summation across runs), so that training is reproducible, and each row of C the same
// whichever rows are computed with it, so that a batch gives each of its rows what it gives alone
// (nntest.RowsAreIndependent).
type Gemm interface {
	NN(m, n, k int, a, b, c []float32)
	NT(m, n, k int, a, b, c []float32)
	TN(m, n, k int, a, b, c []float32)
	Name() string
}

// Kernels lists the implementations available on this platform, reference first.
func Kernels() []Gemm { return append([]Gemm{Reference}, platformKernels...) }

// Reference is gonum's blas32 Sgemm, against which every other kernel is tested.
var Reference Gemm = gonumGemm{}

// DefaultGemm is the kernel chosen by measurement for this platform (see gemm_*.go).
var DefaultGemm = defaultGemm

type gonumGemm struct{}

func (gonumGemm) Name() string { return "gonum" }

func (gonumGemm) NN(m, n, k int, a, b, c []float32) {
	sgemm(blas.NoTrans, blas.NoTrans, m, n, k, a, k, b, n, c)
}

func (gonumGemm) NT(m, n, k int, a, b, c []float32) {
	sgemm(blas.NoTrans, blas.Trans, m, n, k, a, k, b, k, c)
}

func (gonumGemm) TN(m, n, k int, a, b, c []float32) {
	sgemm(blas.Trans, blas.NoTrans, m, n, k, a, m, b, n, c)
}

func sgemm(ta, tb blas.Transpose, m, n, k int, a []float32, lda int, b []float32, ldb int, c []float32) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	blas32.Implementation().Sgemm(ta, tb, m, n, k, 1, a, lda, b, ldb, 1, c, n)
}

// FusedGemm is a kernel whose products round once (fused multiply-add) where Exact, the same
// kernel otherwise, rounds each product and each sum: model/nn/simd's simd-fma, whose Exact is
// simd. Their results differ in the last bits, so a run records which of the two it trains on
// (lm.TrainState.Kernel) and resumes on it.
type FusedGemm interface {
	Gemm
	Exact() Gemm
}

// KernelNamed is the kernel of Kernels named name, or nil where this platform has none.
func KernelNamed(name string) Gemm {
	for _, g := range Kernels() {
		if g.Name() == name {
			return g
		}
	}
	return nil
}

// UseKernel makes g the default kernel of networks made from now on, and lists it in Kernels.
func UseKernel(g Gemm) {
	DefaultGemm = g
	platformKernels = append(platformKernels, g)
}

// CheckGemm panics on shapes that do not fit their slices: a programmer error. Every kernel
// (this package's and model/nn/simd's) calls it before touching memory.
func CheckGemm(m, n, k int, a, b, c []float32) {
	if m < 0 || n < 0 || k < 0 || len(a) < m*k || len(b) < k*n || len(c) < m*n {
		panic(fmt.Sprintf("nn: gemm shapes m=%d n=%d k=%d do not fit len(a)=%d len(b)=%d len(c)=%d",
			m, n, k, len(a), len(b), len(c)))
	}
}
