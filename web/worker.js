// The training worker: loads Go's wasm_exec.js, the SIMD kernel bridge (simd.js) and the studio's
// one module (app.wasm, the page's own: compiled by the page and sent here, or fetched, which the
// browser's cache answers with a 304 and no body), which then runs as the engine and answers the
// page's messages (see studio/proto/proto.go). Messages that arrive before Go has started are kept
// and handed over in order once it has.
"use strict";
const early = [];
self.onmessage = (e) => early.push(e);
// Started by web/page.js, the worker is sent the module the page compiled ({op: "module"}, its
// first message; module null when the page has none): compiling it here too would take a core.
// A helper is sent the engine's the same way (studio/worker/pool.go), which also spares the
// renderer a second copy of the module and its compiled code. Otherwise (a worker app/bridge.go
// started) it fetches and compiles its own.
const fromPage = new Promise((resolve) => {
  if (self.name !== "fabulist-module-from-page" && self.name !== "fabulist-module-from-engine") return resolve(null);
  self.onmessage = (e) => {
    if (!e.data || e.data.op !== "module") return early.push(e);
    self.onmessage = (e) => early.push(e);
    resolve(e.data.module instanceof WebAssembly.Module ? e.data.module : null);
  };
});
importScripts("wasm_exec.js", "simd.js", "store.js");
// app.wasm runs as the engine, not as the page, when it finds this (wasm/app/main.go).
self.fabulistMode = "engine";

// fail tells whoever started this worker that the engine is gone: the page reads the protocol
// message (msg), a coordinating worker, whose helper this is, the {op: "error"} beside it.
let failed = false;
function fail(why) {
  if (failed) return;
  failed = true;
  const error = "the training engine " + why;
  self.postMessage({ op: "error", error, msg: JSON.stringify({ v: 1, kind: "error", error }) });
}

// What Go writes (a panic's message among it) goes to the console as wasm_exec.js sends it; the
// last lines are kept too, so that an engine that dies can say why.
const written = [];
let partial = "";
const writeSync = globalThis.fs.writeSync.bind(globalThis.fs);
const decoder = new TextDecoder("utf-8");
globalThis.fs.writeSync = (fd, buf) => {
  const lines = (partial + decoder.decode(buf, { stream: true })).split("\n");
  partial = lines.pop();
  written.push(...lines.filter((l) => l.trim() !== ""));
  written.splice(0, Math.max(0, written.length - 20));
  return writeSync(fd, buf);
};
function why() {
  const line = written.find((l) => /^(panic|fatal error|app\.wasm): /.test(l)) || written[written.length - 1];
  return line ? ": " + line.trim() : "";
}

const go = new Go();
// Go calls exit when main returns or a panic ends the program: the engine never ends on its own.
go.exit = (code) => fail("stopped (exit code " + code + ")" + why());
const startKernels = fabulistSIMD.install(go.importObject);
// The kernels are optional: without them (an old browser, a missing file) Go uses its own; so
// are the fused multiply-add ones (relaxed SIMD), without which the products multiply, then add.
const wasmFile = (name) => fetch(name).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null);
const kernels = wasmFile("simd.wasm");
const fmaKernels = wasmFile("simd_fma.wasm");
fromPage
  .then((module) => module || WebAssembly.compileStreaming(fetch("app.wasm")))
  .then((module) => {
    self.fabulistModule = module; // for the helpers this engine starts
    return WebAssembly.instantiate(module, go.importObject);
  })
  .then(async (instance) => {
    await startKernels(instance, await kernels, await fmaKernels);
    self.fabulistWasmMemory = instance.exports.mem; // its size, for studio/memstat
    go.run(instance);
    // main() has set self.onmessage by now (it runs synchronously until it first waits).
    for (const e of early) self.onmessage(e);
  })
  .catch((err) => fail("failed to load: " + err));
