// The bridge between Go's wasm and Fabulist's SIMD kernels (model/nn/simd/kernels.wat). Go declares the
// kernels with //go:wasmimport fabulist_simd …, so its module needs those imports before it
// starts; the kernels need Go's memory, which exists only once Go's module is instantiated.
// install() puts trampolines into Go's importObject, and the function it returns instantiates the
// kernels on Go's memory; until then (or where SIMD is missing) available() answers 0 and Go
// keeps its pure-Go kernel.
"use strict";
globalThis.fabulistSIMD = {
  install(importObject) {
    let k = null;
    importObject.fabulist_simd = {
      available: () => (k ? 1 : 0),
      tile: (m, n, kk, a, ai, ap, b, c) => k.tile(m, n, kk, a, ai, ap, b, c),
      row1: (n, kk, a, ap, b, c, acc) => k.row1(n, kk, a, ap, b, c, acc),
      dots: (m, n, kk, a, b, c) => k.dots(m, n, kk, a, b, c),
      add: (n, x, y) => k.add(n, x, y),
      sumsq: (n, x) => k.sumsq(n, x),
      scale: (n, x, s) => k.scale(n, x, s),
      rowmax: (n, x) => k.rowmax(n, x),
      expsub: (n, x, m) => k.expsub(n, x, m),
      lstmcell: (B, H, z, cp, c, h, tc) => k.lstmcell(B, H, z, cp, c, h, tc),
      grucell: (B, H, a, s, hp, hn) => k.grucell(B, H, a, s, hp, hn),
      tanhdot: (n, A, pk, stride, pq, v, out) => k.tanhdot(n, A, pk, stride, pq, v, out),
      rmsprop: (n, p, g, ms, lr, rho, omr, eps) => k.rmsprop(n, p, g, ms, lr, rho, omr, eps),
      adam: (n, p, g, m, v, lr, b1, omb1, b2, omb2, eps) => k.adam(n, p, g, m, v, lr, b1, omb1, b2, omb2, eps),
    };
    return async (goInstance, bytes) => {
      try {
        if (!bytes || !WebAssembly.validate(bytes)) return false;
        const { instance } = await WebAssembly.instantiate(bytes, { env: { mem: goInstance.exports.mem } });
        k = instance.exports;
        return true;
      } catch (err) {
        console.warn("Fabulist: SIMD kernels unavailable, using the pure-Go kernel:", err);
        return false;
      }
    };
  },
};
