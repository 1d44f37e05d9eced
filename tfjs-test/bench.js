// The TensorFlow.js side of `make bench-browser` (e2e/bench_test.go): the book's model
// (Embedding(100) → LSTM(256) → Dropout(0.2) → Dense(V, softmax), RMSprop 0.001, batch 32) trained
// on the same Aesop windows as Fabulist, on the wasm backend (XNNPACK, SIMD), in this tab.
//
// Two patches, so that it can train at all and then at its best:
//  - the wasm backend has no UnsortedSegmentSum, which the Embedding's gradient needs: a plain
//    JavaScript kernel on the backend's heap stands in;
//  - its BatchMatMul is slow when an operand is transposed (as backward passes ask): the "fast"
//    variant transposes explicitly first, then multiplies untransposed.
// The results land in window.__bench for the Go test to read.
"use strict";

function registerSegmentSum() {
  tf.registerKernel({
    kernelName: "UnsortedSegmentSum", backendName: "wasm",
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs, n = attrs.numSegments;
      const xv = backend.typedArrayFromHeap(x), ids = backend.typedArrayFromHeap(segmentIds);
      const inner = x.shape.slice(1).reduce((a, b) => a * b, 1);
      const out = backend.makeOutput([n, ...x.shape.slice(1)], x.dtype);
      const ov = backend.typedArrayFromHeap(out);
      ov.fill(0);
      for (let i = 0; i < ids.length; i++) {
        const s = ids[i] * inner, r = i * inner;
        for (let j = 0; j < inner; j++) ov[s + j] += xv[r + j];
      }
      return out;
    },
  });
}

let original = null;
function useFastTransposedMatMul() {
  original = tf.getKernel("BatchMatMul", "wasm");
  const transpose = tf.getKernel("Transpose", "wasm");
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({
    kernelName: "BatchMatMul", backendName: "wasm", setupFunc: original.setupFunc,
    kernelFunc: (args) => {
      let { a, b } = args.inputs;
      const backend = args.backend, temps = [];
      const t = (x) => {
        const perm = x.shape.map((_, i) => i), n = perm.length;
        [perm[n - 1], perm[n - 2]] = [perm[n - 2], perm[n - 1]];
        const o = transpose.kernelFunc({ inputs: { x }, backend, attrs: { perm } });
        temps.push(o);
        return o;
      };
      if (args.attrs.transposeA) a = t(a);
      if (args.attrs.transposeB) b = t(b);
      const out = original.kernelFunc({ inputs: { a, b }, backend, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
      for (const x of temps) backend.disposeData(x.dataId);
      return out;
    },
  });
}

function bookModel(V, T) {
  const m = tf.sequential();
  m.add(tf.layers.embedding({ inputDim: V, outputDim: 100, inputLength: T }));
  m.add(tf.layers.lstm({ units: 256 }));
  m.add(tf.layers.dropout({ rate: 0.2 }));
  m.add(tf.layers.dense({ units: V, activation: "softmax" }));
  m.compile({ optimizer: tf.train.rmsprop(0.001), loss: "sparseCategoricalCrossentropy" });
  return m;
}

function batchOf(data, k, B) {
  const { ids, starts, T } = data, x = new Float32Array(B * T), y = new Float32Array(B);
  for (let i = 0; i < B; i++) {
    const s = starts[(k * B + i) % starts.length];
    for (let t = 0; t < T; t++) x[i * T + t] = ids[s + t];
    y[i] = ids[s + T];
  }
  return [tf.tensor2d(x, [B, T]), tf.tensor2d(y, [B, 1])];
}

async function samplesPerSecond(model, data, batches, B, from) {
  let k = from;
  const step = async () => {
    const [x, y] = batchOf(data, k++, B);
    await model.trainOnBatch(x, y);
    x.dispose(); y.dispose();
  };
  await step(); // warm up
  const t0 = performance.now();
  for (let i = 0; i < batches; i++) await step();
  return (batches * B * 1000) / (performance.now() - t0);
}

async function msPerToken(model, data, n) {
  const { ids, T } = data, ctx = Array.from(ids.slice(0, T));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const p = tf.tidy(() => model.predict(tf.tensor2d(ctx.slice(-T), [1, T])).div(0.5));
    const probs = await p.data();
    p.dispose();
    let best = 0;
    for (let j = 1; j < probs.length; j++) if (probs[j] > probs[best]) best = j;
    ctx.push(best);
  }
  return (performance.now() - t0) / n;
}

async function bench(dataURL, plainBatches, fastBatches) {
  const status = (s) => (document.getElementById("status").textContent = s);
  tf.wasm.setWasmPaths("node_modules/@tensorflow/tfjs-backend-wasm/dist/");
  await tf.setBackend("wasm");
  await tf.ready();
  registerSegmentSum();
  const data = await (await fetch(dataURL)).json();
  const model = bookModel(data.V, data.T);
  status("training (as shipped)…");
  const plain = await samplesPerSecond(model, data, plainBatches, 32, 0);
  useFastTransposedMatMul();
  status("training (transposes bypassed)…");
  const fast = await samplesPerSecond(model, data, fastBatches, 32, plainBatches + 1);
  status("generating…");
  const gen = await msPerToken(model, data, 50);
  window.__bench = { plain, fast, msPerToken: gen, simd: await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT"),
    threads: await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT") };
  status("done");
}
