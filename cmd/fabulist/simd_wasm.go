//go:build js && wasm && simd

package main

import "fabulist/model/nn/simd"

// Built with -tags simd and run under Node with web/simd.js (model/nn/simd/node_exec.js), the
// command line uses the browser's SIMD kernels, so that studies run at the studio's speed:
//
//	GOOS=js GOARCH=wasm go build -tags simd -o fabulist.wasm .
//	FABULIST_SIMD_WASM=web/simd.wasm node model/nn/simd/node_exec.js fabulist.wasm quality …
//
// Without the tag the binary imports nothing of ours and runs under Go's go_js_wasm_exec.
func init() { simd.Enable() }
