//go:build wasm

package nn

// In wasm gonum takes its generic pure-Go path on one thread; the tiled kernel is faster there
// (BenchmarkGemm under go_js_wasm_exec measures both).
var defaultGemm = GoKernel

var platformKernels = []Gemm{GoKernel}
