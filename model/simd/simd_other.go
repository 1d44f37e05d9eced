//go:build !(js && wasm)

package simd

import "fabulist/model"

// Enable makes the SIMD kernel the engine's default if the host provided it; it never does
// outside js/wasm.
func Enable() bool { return false }

// Kernel is the SIMD kernel, or nil where it is unavailable.
func Kernel() model.Gemm { return nil }

// Vector is the SIMD Vector, or nil where it is unavailable.
func Vector() model.Vector { return nil }
