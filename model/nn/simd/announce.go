package simd

import (
	"fmt"
	"io"

	"fabulist/model/nn"
)

// EnableAndSay enables the SIMD kernels (Enable) and says on w which kernels the engine now
// runs, or, loudly, that it runs the pure-Go ones because the host provided no SIMD ones. A
// package's tests and benchmarks built with -tags simd call it, so that a run under a plain
// runner cannot pass for a SIMD run.
func EnableAndSay(w io.Writer) {
	if !Enable() {
		fmt.Fprintln(w, "NOTICE: built with -tags simd, but this runner has no SIMD kernels (run with node_exec.js and FABULIST_SIMD_WASM): the pure-Go kernels run")
		return
	}
	fmt.Fprintf(w, "kernels: %s gemm, %s vector\n", nn.DefaultGemm.Name(), nn.DefaultVector.Name())
}
