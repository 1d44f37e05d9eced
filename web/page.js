// The page's side of the studio's one module (app.wasm, which is the page and the engine; see
// wasm/app/main.go). It runs while the page is parsed, before go-app's deferred wasm_exec.js and
// app.js, and needs simd.js before it.
//
// The module imports the SIMD kernels (fabulist_simd, model/nn/simd) that the engine uses, and a
// WebAssembly module cannot start without its imports. go-app's loader knows nothing of them: so
// every Go that wasm_exec.js defines here gets simd.js's trampolines in its importObject. The page
// never installs the kernels, so they answer "unavailable", and the page never calls them.
"use strict";
(() => {
  let Go;
  Object.defineProperty(globalThis, "Go", {
    configurable: true,
    enumerable: true,
    get: () => Go,
    set(Base) {
      Go = class extends Base {
        constructor(...args) {
          super(...args);
          fabulistSIMD.install(this.importObject);
        }
      };
    },
  });
})();

// The engine's worker starts now, while the page is parsed, instead of once the page's Go runs:
// its start (scripts, the module's fetch, which the browser's cache answers once the page's own
// fetch is in, compilation, Go's start) then overlaps the page's. Its messages are held until
// the page takes it (app/bridge.go, fabulistEarlyWorker.take), then handed over in order.
(() => {
  const noWasm = new URLSearchParams(location.search).get("wasm") === "false"; // as go-app's loader
  if (!globalThis.Worker || noWasm || !document.currentScript) return;
  let w;
  try {
    w = new Worker(new URL("worker.js", document.currentScript.src));
  } catch (err) {
    return; // the page starts its worker itself, and says why it cannot
  }
  const held = [];
  w.onmessage = (e) => held.push([0, e]);
  w.onerror = (e) => held.push([1, e]);
  globalThis.fabulistEarlyWorker = {
    // take returns the worker; what it said so far, and says until the next task, reaches
    // onmessage and onerror in order from the next task on (not within this call, which Go makes).
    take(onmessage, onerror) {
      delete globalThis.fabulistEarlyWorker;
      setTimeout(() => {
        for (const [kind, e] of held) (kind ? onerror : onmessage)(e);
        w.onmessage = onmessage;
        w.onerror = onerror;
      }, 0);
      return w;
    },
  };
})();
