// The bridge between Go's wasm and Fabulist's SIMD kernels (model/nn/simd/kernels.wat). Go declares the
// kernels with //go:wasmimport fabulist_simd …, so its module needs those imports before it
// starts; the kernels need Go's memory, which exists only once Go's module is instantiated.
// install() puts trampolines into Go's importObject, and the function it returns instantiates the
// kernels on Go's memory; until then (or where SIMD is missing) available() answers 0 and Go
// keeps its pure-Go kernel.
//
// The fused multiply-add kernels (kernels_fma.wat, relaxed SIMD) are a second module on the same
// memory, given beside the first: taken only where the browser validates it and its
// relaxed_madd is found fused (the module's madd probe), so that fused() answering 1 means one
// rounding per product on every machine, and the exact kernels stay for runs that need them.
"use strict";
globalThis.fabulistSIMD = {
  install(importObject) {
    let k = null;
    let f = null;
    importObject.fabulist_simd = {
      available: () => (k ? 1 : 0),
      fused: () => (k && f ? 1 : 0),
      tile: (m, n, kk, a, ai, ap, b, c) => k.tile(m, n, kk, a, ai, ap, b, c),
      row1: (n, kk, a, ap, b, c, acc) => k.row1(n, kk, a, ap, b, c, acc),
      dots: (m, n, kk, a, b, c) => k.dots(m, n, kk, a, b, c),
      fma_tile: (m, n, kk, a, ai, ap, b, c) => f.tile(m, n, kk, a, ai, ap, b, c),
      fma_row1: (n, kk, a, ap, b, c, acc) => f.row1(n, kk, a, ap, b, c, acc),
      fma_dots: (m, n, kk, a, b, c) => f.dots(m, n, kk, a, b, c),
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
    // fusedKernels instantiates the fused module, or says why not (null: it is not there).
    const fusedKernels = async (mem, bytes) => {
      if (!bytes) return null;
      if (!WebAssembly.validate(bytes)) {
        console.info("Fabulist: no relaxed SIMD here: products multiply, then add");
        return null;
      }
      const { instance } = await WebAssembly.instantiate(bytes, { env: { mem } });
      // 1 + 2⁻¹² squared, less 1 + 2⁻¹¹, is 2⁻²⁴ when fused and 0 when the product is rounded first.
      if (instance.exports.madd(1 + 2 ** -12, 1 + 2 ** -12, -(1 + 2 ** -11)) !== 2 ** -24) {
        console.info("Fabulist: relaxed_madd is not fused here: products multiply, then add");
        return null;
      }
      return instance.exports;
    };
    return async (goInstance, bytes, fmaBytes) => {
      try {
        if (!bytes || !WebAssembly.validate(bytes)) return false;
        const mem = goInstance.exports.mem;
        const { instance } = await WebAssembly.instantiate(bytes, { env: { mem } });
        f = await fusedKernels(mem, fmaBytes).catch((err) => {
          console.warn("Fabulist: fused multiply-add kernels unavailable:", err);
          return null;
        });
        k = instance.exports;
        return true;
      } catch (err) {
        console.warn("Fabulist: SIMD kernels unavailable, using the pure-Go kernel:", err);
        return false;
      }
    };
  },
};
