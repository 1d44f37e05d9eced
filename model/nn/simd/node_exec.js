// Runs a Go js/wasm binary under Node with Fabulist's SIMD kernels, as `go test -exec` does with
// Go's own go_js_wasm_exec:  node node_exec.js prog.wasm [args]
// The kernels come from $FABULIST_SIMD_WASM (assembled from kernels.wat); without it, Go sees no
// SIMD and keeps its pure-Go kernel. The fused multiply-add kernels come from
// $FABULIST_SIMD_FMA_WASM (kernels_fma.wat, relaxed SIMD, which Node 20 has behind a flag, set
// here before anything compiles; a Node without it refuses the module and Go keeps the exact
// kernels, which the fused path's tests report).
"use strict";
require("v8").setFlagsFromString("--experimental-wasm-relaxed-simd");
const { execSync } = require("child_process");
const path = require("path");
globalThis.require = require;
globalThis.fs = require("fs");
globalThis.path = path;
globalThis.TextEncoder = require("util").TextEncoder;
globalThis.TextDecoder = require("util").TextDecoder;
globalThis.performance ??= require("perf_hooks").performance;
globalThis.crypto ??= require("crypto");
const goroot = process.env.GOROOT || execSync("go env GOROOT").toString().trim();
require(path.join(goroot, "lib", "wasm", "wasm_exec.js"));
require(path.join(__dirname, "..", "..", "..", "web", "simd.js"));

const go = new Go();
go.argv = process.argv.slice(2);
go.env = Object.assign({ TMPDIR: require("os").tmpdir() }, process.env);
go.exit = process.exit;
const startKernels = fabulistSIMD.install(go.importObject);
const simdPath = process.env.FABULIST_SIMD_WASM;
const fmaPath = process.env.FABULIST_SIMD_FMA_WASM;
WebAssembly.instantiate(fs.readFileSync(process.argv[2]), go.importObject).then(async (result) => {
  await startKernels(result.instance, simdPath ? fs.readFileSync(simdPath) : null, fmaPath ? fs.readFileSync(fmaPath) : null);
  process.on("exit", (code) => {
    if (code === 0 && !go.exited) {
      go._pendingEvent = { id: 0 };
      go._resume();
    }
  });
  return go.run(result.instance);
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
