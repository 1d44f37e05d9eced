//go:build js && wasm

package main

import "fabulist/model/simd"

// Under Node with web/simd.js (model/simd/node_exec.js), the command line uses the browser's SIMD
// kernels, so that studies run at the studio's speed.
func init() { simd.Enable() }
