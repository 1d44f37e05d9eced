// The training worker: loads Go's wasm_exec.js, the SIMD kernel bridge (simd.js) and the engine
// (worker.wasm), which then answers the page's messages (see studio/proto/proto.go). Messages that arrive
// before Go has started are kept and handed over in order once it has.
"use strict";
const early = [];
self.onmessage = (e) => early.push(e);
importScripts("wasm_exec.js", "simd.js", "store.js");
const go = new Go();
const startKernels = fabulistSIMD.install(go.importObject);
// The kernels are optional: without them (an old browser, a missing file) Go uses its own.
const kernels = fetch("simd.wasm").then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null);
WebAssembly.instantiateStreaming(fetch("worker.wasm"), go.importObject)
  .then(async (res) => {
    await startKernels(res.instance, await kernels);
    go.run(res.instance);
    // main() has set self.onmessage by now (it runs synchronously until it first waits).
    for (const e of early) self.onmessage(e);
  })
  .catch((err) => {
    self.postMessage(JSON.stringify({ v: 1, kind: "error", error: "the training engine failed to load: " + err }));
  });
