//go:build js && wasm

package simd

import (
	"unsafe"

	"fabulist/model"
)

//go:wasmimport fabulist_simd available
func available() int32

// rows: C (m,n) += A·B with A(i,p) = a[i*ai + p*ap], B (k,n), C (m,n) row-major.
//
//go:wasmimport fabulist_simd rows
func rows(m, n, k int32, a unsafe.Pointer, ai, ap int32, b, c unsafe.Pointer)

// dots: C (m,n) += A·Bᵀ with A (m,k), B (n,k).
//
//go:wasmimport fabulist_simd dots
func dots(m, n, k int32, a, b, c unsafe.Pointer)

type kernel struct{}

func (kernel) Name() string { return "simd" }

// Go's garbage collector does not move heap objects, so the addresses stay valid for the call.
func (kernel) NN(m, n, k int, a, b, c []float32) {
	model.CheckGemm(m, n, k, a, b, c)
	if m > 0 && n > 0 && k > 0 {
		rows(int32(m), int32(n), int32(k), unsafe.Pointer(&a[0]), int32(k), 1, unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0]))
	}
}

func (kernel) TN(m, n, k int, a, b, c []float32) {
	model.CheckGemm(m, n, k, a, b, c)
	if m > 0 && n > 0 && k > 0 {
		rows(int32(m), int32(n), int32(k), unsafe.Pointer(&a[0]), 1, int32(m), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0]))
	}
}

func (kernel) NT(m, n, k int, a, b, c []float32) {
	model.CheckGemm(m, n, k, a, b, c)
	if m > 0 && n > 0 && k > 0 {
		dots(int32(m), int32(n), int32(k), unsafe.Pointer(&a[0]), unsafe.Pointer(&b[0]), unsafe.Pointer(&c[0]))
	}
}

// Kernel is the SIMD kernel, or nil when the host did not provide it.
func Kernel() model.Gemm {
	if available() != 1 {
		return nil
	}
	return kernel{}
}

// Enable makes the SIMD kernel the engine's default for networks made from now on, if the host
// provided it, and reports whether it did.
func Enable() bool {
	k := Kernel()
	if k == nil {
		return false
	}
	model.UseKernel(k)
	return true
}
