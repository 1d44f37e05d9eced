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

// The module is fetched and compiled once, for the page and its engine, from now on while the page
// is parsed: go-app's loader instantiates the module compiled here (its own fetch, which the
// browser's cache answers, is not compiled), and the engine's worker is sent it. Compiling the
// same 12 MB in the worker as well took a core for about half a second of a cold load.
const fabulistModule = (() => {
  if (!document.currentScript || !WebAssembly.compileStreaming) return null;
  const url = new URL("app.wasm", document.currentScript.src).href;
  const fetch = globalThis.fetch;
  const compiled = WebAssembly.compileStreaming(fetch(url));
  compiled.catch(() => {}); // then go-app's loader compiles its own, and says what failed
  // go-app's loader fetches the module again to count its bytes for the loading label, and reads
  // the whole body whether or not anyone uses it: a second 12 MB download and decompression while
  // the first still runs, which delayed a cold start by about half a second. Its fetch gets an
  // empty answer (the label shows no count: server/handler.go), and it starts the module
  // compiled here, or, if that compilation failed, one fetched for it then.
  globalThis.fetch = (input, init) => {
    if (typeof input === "string" && new URL(input, location.href).href === url) {
      globalThis.fetch = fetch;
      return Promise.resolve(new Response(new Uint8Array(0)));
    }
    return fetch(input, init);
  };
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (source, imports) => {
    let module = null;
    if (imports && imports.fabulist_simd) { // a Go of ours: app.wasm
      module = await compiled.catch(() => null);
      if (!module) source = fetch(url);
    }
    const out = module ? { module, instance: await WebAssembly.instantiate(module, imports) } : await instantiateStreaming(source, imports);
    if (imports && imports.fabulist_simd) globalThis.fabulistWasmMemory = out.instance.exports.mem; // for studio/memstat
    return out;
  };
  return compiled;
})();

// go-app registers its service worker as soon as app.js runs, and the service worker's install
// caches every resource, app.wasm among them: another copy of the module, fetched, decompressed
// and written to disk while the first still loads. Registration waits until the engine has
// started (its first message), or the page has loaded when there is no engine.
let fabulistEngineStarted;
(() => {
  const started = new Promise((resolve) => (fabulistEngineStarted = resolve));
  const sw = globalThis.navigator && navigator.serviceWorker;
  if (!sw) return;
  const register = sw.register.bind(sw);
  sw.register = (...args) => started.then(() => register(...args));
})();

// The engine's worker starts now, while the page is parsed, instead of once the page's Go runs:
// its start (scripts, then the module the page compiled, or its own fetch and compilation, then
// Go's start) then overlaps the page's. Its messages are held until the page takes it
// (app/bridge.go, fabulistEarlyWorker.take), then handed over in order.
(() => {
  const noWasm = new URLSearchParams(location.search).get("wasm") === "false"; // as go-app's loader
  const noEngine = () => addEventListener("load", fabulistEngineStarted, { once: true });
  if (!globalThis.Worker || noWasm || !document.currentScript) return noEngine();
  let w;
  try {
    // The name tells worker.js to wait for the page's module (see web/worker.js).
    w = new Worker(new URL("worker.js", document.currentScript.src), { name: "fabulist-module-from-page" });
  } catch (err) {
    return noEngine(); // the page starts its worker itself, and says why it cannot
  }
  w.addEventListener("message", fabulistEngineStarted, { once: true });
  w.addEventListener("error", fabulistEngineStarted, { once: true });
  Promise.resolve(fabulistModule)
    .catch(() => null)
    .then((module) => w.postMessage({ op: "module", module }));
  const held = [];
  w.onmessage = (e) => held.push([0, e]);
  w.onerror = (e) => held.push([1, e]);
  // fabulistMemory resolves to where the studio's memory goes, one studio/memstat.Instance per Go
  // instance: the page's, the engine's and each helper's (make bench-browser prints them; in the
  // console, `await fabulistMemory()`). The engine answers between two training steps.
  globalThis.fabulistMemory = () =>
    new Promise((resolve, reject) => {
      const page = globalThis.fabulistGoMemory ? JSON.parse(globalThis.fabulistGoMemory("page")) : { name: "page" };
      const timer = setTimeout(() => {
        w.removeEventListener("message", got);
        reject(new Error("the engine did not say its memory within 30 s"));
      }, 30000);
      const got = (e) => {
        if (!e.data || e.data.op !== "memory-stats") return;
        clearTimeout(timer);
        w.removeEventListener("message", got);
        resolve([page, ...JSON.parse(e.data.instances)]);
      };
      w.addEventListener("message", got);
      w.postMessage({ op: "memory-stats" });
    });
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
