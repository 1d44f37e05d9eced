//go:build js && wasm

package simd

import (
	"unsafe"

	"fabulist/model/nn"
)

//go:wasmimport fabulist_simd available
func available() int32

// fused answers 1 when the host also provided the fused multiply-add kernels (kernels_fma.wat)
// and found their relaxed_madd fused, 0 otherwise (web/simd.js).
//
//go:wasmimport fabulist_simd fused
func fused() int32

// tile: C (m,n) += A·B with A(i,p) = a[i*ai + p*ap], B (k,n), C (m,n) row-major, for m a
// multiple of 4 and the first n&^3 columns, summed in registers over blocks of tileRows rows of B
// (see kernels.wat).
//
//go:wasmimport fabulist_simd tile
func tile(m, n, k int32, a unsafe.Pointer, ai, ap int32, b, c unsafe.Pointer)

// row1: one row of C (n) += A·B with A(p) = a[p*ap], for the first n&^3 columns, in tile's
// order, with acc (n&^3 floats) for scratch.
//
//go:wasmimport fabulist_simd row1
func row1(n, k int32, a unsafe.Pointer, ap int32, b, c, acc unsafe.Pointer)

// dots: C (m,n) += A·Bᵀ with A (m,k), B (n,k).
//
//go:wasmimport fabulist_simd dots
func dots(m, n, k int32, a, b, c unsafe.Pointer)

// fmaTile, fmaRow1 and fmaDots are tile, row1 and dots with each product and its sum one fused
// multiply-add (kernels_fma.wat): the same loops and order, rounded once where those round twice.
//
//go:wasmimport fabulist_simd fma_tile
func fmaTile(m, n, k int32, a unsafe.Pointer, ai, ap int32, b, c unsafe.Pointer)

//go:wasmimport fabulist_simd fma_row1
func fmaRow1(n, k int32, a unsafe.Pointer, ap int32, b, c, acc unsafe.Pointer)

//go:wasmimport fabulist_simd fma_dots
func fmaDots(m, n, k int32, a, b, c unsafe.Pointer)

//go:wasmimport fabulist_simd add
func add(n int32, x, y unsafe.Pointer)

//go:wasmimport fabulist_simd scale
func scale(n int32, x unsafe.Pointer, s float32)

//go:wasmimport fabulist_simd rowmax
func rowmax(n int32, x unsafe.Pointer) float32

//go:wasmimport fabulist_simd expsub
func expsub(n int32, x unsafe.Pointer, m float32) float64

//go:wasmimport fabulist_simd lstmcell
func lstmcell(B, H int32, z, cp, c, h, tc unsafe.Pointer)

//go:wasmimport fabulist_simd grucell
func grucell(B, H int32, a, s, hp, hn unsafe.Pointer)

//go:wasmimport fabulist_simd tanhdot
func tanhdot(n, A int32, pk unsafe.Pointer, stride int32, pq, v, out unsafe.Pointer)

//go:wasmimport fabulist_simd sumsq
func sumsq(n int32, x unsafe.Pointer) float64

//go:wasmimport fabulist_simd rmsprop
func rmsprop(n int32, p, g, ms unsafe.Pointer, lr, rho, omr, eps float32)

//go:wasmimport fabulist_simd adam
func adam(n int32, p, g, m, v unsafe.Pointer, lr, b1, omb1, b2, omb2, eps float32)

// tileRows is how many rows of B tile sums in registers before it adds them to C.
const tileRows = 128

// kernel is the SIMD kernel: kernels.wat's products (mul then add), or with fused set
// kernels_fma.wat's (fused multiply-add).
type kernel struct{ fused bool }

// The kernels' names, which say which path a run's products take.
const (
	exactName = "simd"
	fusedName = "simd-fma"
)

func (k kernel) Name() string {
	if k.fused {
		return fusedName
	}
	return exactName
}

// Go's garbage collector does not move heap objects, so the addresses stay valid for the call.
func (k kernel) NN(m, n, kk int, a, b, c []float32) {
	nn.CheckGemm(m, n, kk, a, b, c)
	k.product(m, n, kk, a, kk, 1, b, c)
}

func (k kernel) TN(m, n, kk int, a, b, c []float32) {
	nn.CheckGemm(m, n, kk, a, b, c)
	k.product(m, n, kk, a, 1, m, b, c)
}

func (k kernel) NT(m, n, kk int, a, b, c []float32) {
	nn.CheckGemm(m, n, kk, a, b, c)
	if m > 0 && n > 0 && kk > 0 {
		d := dots
		if k.fused {
			d = fmaDots
		}
		d(int32(m), int32(n), int32(kk), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0]))
	}
}

// rowScratch is row1's scratch. The kernels run one call at a time: wasm has one thread, and a
// call into them never yields to another goroutine.
var rowScratch []float32

// product is C (m,n) += A·B with A(i,p) = a[i*ai + p*ap]: tile for the first m rounded down to
// four rows, row1 for the others, and a loop here for the last n mod 4 columns, all three in the
// same order (each 128 values of p summed in order, then added to C), so that a row of C is the
// same whichever rows are computed beside it (a beam's decoding step, say, asked alone or with
// others). The last columns are mul then add on both paths: wasm has no scalar fused
// multiply-add, and Go's wasm fuses nothing.
func (kn kernel) product(m, n, k int, a []float32, ai, ap int, b, c []float32) {
	if m == 0 || n == 0 || k == 0 {
		return
	}
	tile, row1 := tile, row1
	if kn.fused {
		tile, row1 = fmaTile, fmaRow1
	}
	m4, n4 := m&^3, n&^3
	if n4 > 0 {
		if m4 > 0 {
			tile(int32(m4), int32(n), int32(k), unsafe.Pointer(&a[0]), int32(ai), int32(ap), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0]))
		}
		if m4 < m && cap(rowScratch) < n4 {
			rowScratch = make([]float32, n4)
		}
		for i := m4; i < m; i++ {
			row1(int32(n), int32(k), unsafe.Pointer(&a[i*ai]), int32(ap), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[i*n]), unsafe.Pointer(&rowScratch[:n4][0]))
		}
	}
	for i := range m {
		for j := n4; j < n; j++ {
			for p0 := 0; p0 < k; p0 += tileRows {
				var s float32
				for p := p0; p < min(p0+tileRows, k); p++ {
					s += a[i*ai+p*ap] * b[p*n+j]
				}
				c[i*n+j] += s
			}
		}
	}
}

type vector struct{}

func (vector) Name() string { return "simd" }

// fits panics, as a slice index would, when a slice is shorter than x: the kernels check nothing.
func fits(x []float32, others ...[]float32) {
	for _, o := range others {
		_ = o[:len(x)]
	}
}

func (vector) Add(dst, src []float32) {
	fits(dst, src)
	if len(dst) > 0 {
		add(int32(len(dst)), unsafe.Pointer(&dst[0]), unsafe.Pointer(&src[0]))
	}
}

func (vector) Scale(x []float32, s float32) {
	if len(x) > 0 {
		scale(int32(len(x)), unsafe.Pointer(&x[0]), s)
	}
}

func (vector) Max(x []float32) float32 {
	_ = x[0]
	return rowmax(int32(len(x)), unsafe.Pointer(&x[0]))
}

func (vector) ExpSub(x []float32, m float32) float64 {
	if len(x) == 0 {
		return 0
	}
	return expsub(int32(len(x)), unsafe.Pointer(&x[0]), m)
}

func (vector) LSTMCell(z, cPrev, c, h, tc []float32, B, H int) {
	_, _ = z[:B*4*H], cPrev[:B*H]
	_, _, _ = c[:B*H], h[:B*H], tc[:B*H]
	if B > 0 && H >= 4 {
		lstmcell(int32(B), int32(H), unsafe.Pointer(&z[0]), unsafe.Pointer(&cPrev[0]), unsafe.Pointer(&c[0]),
			unsafe.Pointer(&h[0]), unsafe.Pointer(&tc[0]))
	}
	if H%4 != 0 {
		nn.LSTMCellTail(z, cPrev, c, h, tc, B, H, H&^3)
	}
}

func (vector) GRUCell(a, s, hp, hn []float32, B, H int) {
	_, _ = a[:B*3*H], s[:B*3*H]
	_, _ = hp[:B*H], hn[:B*H]
	if B > 0 && H >= 4 {
		grucell(int32(B), int32(H), unsafe.Pointer(&a[0]), unsafe.Pointer(&s[0]), unsafe.Pointer(&hp[0]), unsafe.Pointer(&hn[0]))
	}
	if H%4 != 0 {
		nn.GRUCellTail(a, s, hp, hn, B, H, H&^3)
	}
}

func (vector) TanhDot(out, pk []float32, stride int, pq, v []float32) {
	n, A := len(out), len(pq)
	if n == 0 || A == 0 {
		return
	}
	_, _ = v[:A], pk[(n-1)*stride:(n-1)*stride+A]
	if A >= 4 {
		tanhdot(int32(n), int32(A), unsafe.Pointer(&pk[0]), int32(stride), unsafe.Pointer(&pq[0]), unsafe.Pointer(&v[0]), unsafe.Pointer(&out[0]))
	} else {
		clear(out)
	}
	if A%4 != 0 {
		nn.TanhDotTail(out, pk, stride, pq, v, A&^3)
	}
}

func (vector) SumSquares(x []float32) float64 {
	if len(x) == 0 {
		return 0
	}
	return sumsq(int32(len(x)), unsafe.Pointer(&x[0]))
}

func (vector) RMSprop(p, g, ms []float32, lr, rho, eps float32) {
	fits(p, g, ms)
	if len(p) > 0 {
		rmsprop(int32(len(p)), unsafe.Pointer(&p[0]), unsafe.Pointer(&g[0]), unsafe.Pointer(&ms[0]), lr, rho, 1-rho, eps)
	}
}

func (vector) Adam(p, g, m, v []float32, lrT, beta1, beta2, eps float32) {
	fits(p, g, m, v)
	if len(p) > 0 {
		adam(int32(len(p)), unsafe.Pointer(&p[0]), unsafe.Pointer(&g[0]), unsafe.Pointer(&m[0]), unsafe.Pointer(&v[0]),
			lrT, beta1, 1-beta1, beta2, 1-beta2, eps)
	}
}

// Vector is the SIMD Vector, or nil when the host did not provide the kernels.
func Vector() nn.Vector {
	if available() != 1 {
		return nil
	}
	return vector{}
}

// Kernel is the SIMD kernel that multiplies, then adds (kernels.wat), or nil when the host did
// not provide it.
func Kernel() nn.Gemm {
	if available() != 1 {
		return nil
	}
	return kernel{}
}

// FusedKernel is the SIMD kernel whose products are fused multiply-adds (kernels_fma.wat), an
// nn.FusedGemm whose Exact is Kernel, or nil when the host did not provide it or its
// relaxed_madd is not fused (where it computes what Kernel does).
func FusedKernel() nn.Gemm {
	if available() != 1 || fused() != 1 {
		return nil
	}
	return fusedKernel{kernel{fused: true}}
}

type fusedKernel struct{ kernel }

func (fusedKernel) Exact() nn.Gemm { return kernel{} }

// fusedByDefault makes the fused kernel the engine's default where the browser has it. It is off:
// in the browser the fused kernels trained the book's model no measurably faster on this
// machine (DEVELOPERS.md, "Fused multiply-add"), while a run on them reproduces only where relaxed
// SIMD is, and a share link does not yet carry the path.
const fusedByDefault = false

// Enable makes the SIMD kernels the engine's default (Gemm for networks made from now on, Vector
// at once), if the host provided them, and reports whether it did. Both Gemms are listed in
// nn.Kernels, so that a run resumes on the one it recorded (lm.ResumeRun); the default is the
// fused one where the host has it and fusedByDefault, else the exact one.
func Enable() bool {
	k := Kernel()
	if k == nil {
		return false
	}
	f := FusedKernel()
	switch {
	case f == nil:
		nn.UseKernel(k)
	case fusedByDefault:
		nn.UseKernel(k)
		nn.UseKernel(f)
	default:
		nn.UseKernel(f)
		nn.UseKernel(k)
	}
	nn.UseVector(Vector())
	return true
}
