//go:build !purego

package nn

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// On amd64 with AVX2 and FMA, the engine's own kernel (avxGemm, gemm_amd64.s) is the default:
// gonum's float32 Sgemm has SSE inner loops without fused multiply-add. BenchmarkGemm measures
// both, and TestKernelsMatchReference holds it to gonum. Built with -tags purego, or on a CPU
// without AVX2, gonum stays the default.
var defaultGemm = func() Gemm {
	if hasAVX2 {
		return AVXKernel
	}
	return Reference
}()

var platformKernels = func() []Gemm {
	if hasAVX2 {
		return []Gemm{GoKernel, AVXKernel}
	}
	return []Gemm{GoKernel}
}()

var hasAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// AVXKernel is the AVX2 kernel: register tiles of 4×16 floats of C (eight 8-float accumulators)
// over the whole of k, reading A as stored or transposed through strides; for NT, 4×2 tiles of
// dot products along k. The last n mod 16 columns are tiles 8 wide with masked loads and stores.
// Its sums are in a fixed order (each C element adds its k products in p order, fused), so a
// product is the same on every call; they differ from gonum's by rounding (fused multiply-add
// rounds once).
var AVXKernel Gemm = avxGemm{}

type avxGemm struct{}

func (avxGemm) Name() string { return "avx2" }

func (avxGemm) NN(m, n, k int, a, b, c []float32) {
	CheckGemm(m, n, k, a, b, c)
	avxProduct(m, n, k, a, k, 1, b, c)
}

func (avxGemm) TN(m, n, k int, a, b, c []float32) {
	CheckGemm(m, n, k, a, b, c)
	avxProduct(m, n, k, a, 1, m, b, c)
}

// NT is dot products of rows of A and rows of B, both read along k: 4×2 tiles of eight
// 8-float partial sums, then 1×1 tiles for the rows and columns outside them, each element's
// partial sums added in one fixed order and then its last k mod 8 products, so that an element is
// the same float whichever rows and columns are computed with it (products with k < 8 are summed
// in Go, in p order).
func (avxGemm) NT(m, n, k int, a, b, c []float32) {
	CheckGemm(m, n, k, a, b, c)
	if m == 0 || n == 0 || k == 0 {
		return
	}
	const f = 4 // bytes in a float32
	k8 := k / 8
	// add adds to C[i, j] its 8 partial sums in part and its last k mod 8 products.
	add := func(i, j int, part []float32) {
		s := ((part[0] + part[4]) + (part[1] + part[5])) + ((part[2] + part[6]) + (part[3] + part[7]))
		ar, br := a[i*k:i*k+k], b[j*k:j*k+k]
		for p := 8 * k8; p < k; p++ {
			s += ar[p] * br[p]
		}
		c[i*n+j] += s
	}
	if k8 == 0 {
		var zero [8]float32
		for i := range m {
			for j := range n {
				add(i, j, zero[:])
			}
		}
		return
	}
	m4, n2 := m-m%4, n-n%2
	var out [64]float32
	for i := 0; i < m4; i += 4 {
		for j := 0; j < n2; j += 2 {
			dots4x2(k8, unsafe.Pointer(&a[i*k]), f*k, unsafe.Pointer(&b[j*k]), f*k, &out)
			for t := range 8 {
				add(i+t/2, j+t%2, out[8*t:8*t+8])
			}
		}
	}
	var one [8]float32
	for i := range m {
		from := 0
		if i < m4 {
			from = n2 // the tiles did this row's first n2 columns
		}
		for j := from; j < n; j++ {
			dots1x1(k8, unsafe.Pointer(&a[i*k]), unsafe.Pointer(&b[j*k]), &one)
			add(i, j, one[:])
		}
	}
}

// avxProduct computes C (m,n) += A·B with A(i,p) = a[i*ai+p*ap] and B (k,n) row-major: 16-column
// strips of B, each kept in cache while every 4-row block of A passes over it (1-row tiles for
// the last m mod 4 rows), then the last n mod 16 columns in masked 8-column tiles.
func avxProduct(m, n, k int, a []float32, ai, ap int, b, c []float32) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	const f = 4 // bytes in a float32
	n16 := n - n%16
	for j := 0; j < n16; j += 16 {
		i := 0
		for ; i+4 <= m; i += 4 {
			tile4x16(k, unsafe.Pointer(&a[i*ai]), f*ai, f*ap, unsafe.Pointer(&b[j]), f*n, unsafe.Pointer(&c[i*n+j]), f*n)
		}
		for ; i < m; i++ {
			tile1x16(k, unsafe.Pointer(&a[i*ai]), f*ap, unsafe.Pointer(&b[j]), f*n, unsafe.Pointer(&c[i*n+j]))
		}
	}
	for j := n16; j < n; j += 8 {
		mask := &lanes[min(n-j, 8)]
		i := 0
		for ; i+4 <= m; i += 4 {
			tile4x8m(k, unsafe.Pointer(&a[i*ai]), f*ai, f*ap, unsafe.Pointer(&b[j]), f*n, unsafe.Pointer(&c[i*n+j]), f*n, mask)
		}
		for ; i < m; i++ {
			tile1x8m(k, unsafe.Pointer(&a[i*ai]), f*ap, unsafe.Pointer(&b[j]), f*n, unsafe.Pointer(&c[i*n+j]), mask)
		}
	}
}

// lanes[w] is the mask of an 8-float tile's first w lanes (all ones: read and written).
var lanes = func() (l [9][8]int32) {
	for w := range l {
		for i := range w {
			l[w][i] = -1
		}
	}
	return l
}()

// tile4x16 adds into the 4×16 tile of C at c (rows ldc bytes apart) the products of A's 4 rows
// at a (ai bytes apart, ap bytes between a row's elements) with B's 16-column strip at b (rows
// ldb bytes apart) over k ≥ 1 steps. It is written in gemm_amd64.s.
//
//go:noescape
func tile4x16(k int, a unsafe.Pointer, ai, ap int, b unsafe.Pointer, ldb int, c unsafe.Pointer, ldc int)

// tile1x16 is tile4x16 for one row of A and C.
//
//go:noescape
func tile1x16(k int, a unsafe.Pointer, ap int, b unsafe.Pointer, ldb int, c unsafe.Pointer)

// dots4x2 leaves in out the 8 partial sums of each of the dot products of A's 4 rows at a
// (lda bytes apart) with B's 2 rows at b (ldb bytes apart) over 8·k8 floats, k8 ≥ 1: out[8(2r+c):]
// for A's row r and B's row c. It is written in gemm_amd64.s.
//
//go:noescape
func dots4x2(k8 int, a unsafe.Pointer, lda int, b unsafe.Pointer, ldb int, out *[64]float32)

// tile4x8m is tile4x16 for 8 columns, of which only the lanes set in mask are read and written.
//
//go:noescape
func tile4x8m(k int, a unsafe.Pointer, ai, ap int, b unsafe.Pointer, ldb int, c unsafe.Pointer, ldc int, mask *[8]int32)

// tile1x8m is tile4x8m for one row of A and C.
//
//go:noescape
func tile1x8m(k int, a unsafe.Pointer, ap int, b unsafe.Pointer, ldb int, c unsafe.Pointer, mask *[8]int32)

// dots1x1 is dots4x2 for one row of A at a and one of B at b: the same 8 partial sums.
//
//go:noescape
func dots1x1(k8 int, a unsafe.Pointer, b unsafe.Pointer, out *[8]float32)
