//go:build !(js && wasm)

package simd

import "fabulist/model/nn"

// Enable makes the SIMD kernel the engine's default if the host provided it; it never does
// outside js/wasm.
func Enable() bool { return false }

// Kernel is the SIMD kernel, or nil where it is unavailable.
func Kernel() nn.Gemm { return nil }

// Vector is the SIMD Vector, or nil where it is unavailable.
func Vector() nn.Vector { return nil }

// FusedKernel is the fused multiply-add SIMD kernel, or nil where it is unavailable.
func FusedKernel() nn.Gemm { return nil }
