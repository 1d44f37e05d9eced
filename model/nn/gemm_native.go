//go:build !wasm && (!amd64 || purego)

package nn

// Natively gonum's Sgemm (assembly inner loops, and goroutines on large products) beats the
// pure-Go tiles; BenchmarkGemm measures both.
var defaultGemm = Reference

var platformKernels = []Gemm{GoKernel}
