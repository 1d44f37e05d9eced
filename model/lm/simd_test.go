//go:build simd

package lm

import (
	"os"

	"fabulist/model/nn/simd"
)

// Built with -tags simd and run by model/nn/simd/node_exec.js (make bench-wasm), the package's
// benchmarks and tests run on the browser's SIMD kernels, as the page's worker does.
func init() { simd.EnableAndSay(os.Stderr) }
