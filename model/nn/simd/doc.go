// Package simd is Fabulist's WebAssembly SIMD kernels behind nn.Gemm and nn.Vector: kernels.wat,
// assembled with wat2wasm to simd.wasm, runs on Go's own linear memory and is reached through
// //go:wasmimport fabulist_simd. The page's worker (web/worker.js with web/simd.js) and the Node
// test runner (node_exec.js) provide the imports; where SIMD is missing they answer that it is
// unavailable and the engine keeps its pure-Go kernel. kernels_fma.wat (simd_fma.wasm) is the
// products again as relaxed SIMD fused multiply-adds (FusedKernel, "simd-fma"), given where the
// browser has relaxed SIMD and fuses it; Kernel ("simd") multiplies, then adds, everywhere.
//
// Only js/wasm builds have the kernel; elsewhere Enable reports false.
package simd
