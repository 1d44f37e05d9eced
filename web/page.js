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
