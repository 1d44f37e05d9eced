//go:build simd

package qa

import (
	"fmt"
	"os"

	"fabulist/model/nn"
	"fabulist/model/nn/simd"
)

// Built with -tags simd and run by model/nn/simd/node_exec.js (make bench-wasm), the question
// model's benchmarks and tests run on the browser's SIMD kernels, as a worker would.
func init() {
	if !simd.Enable() {
		fmt.Fprintln(os.Stderr, "NOTICE: built with -tags simd, but this runner has no SIMD kernels (run with node_exec.js and FABULIST_SIMD_WASM): the pure-Go kernels run")
		return
	}
	fmt.Fprintf(os.Stderr, "kernels: %s gemm, %s vector\n", nn.DefaultGemm.Name(), nn.DefaultVector.Name())
}
