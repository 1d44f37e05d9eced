// node check.js DIR ID... — loads the TF.js export in DIR with tf.loadLayersModel and prints the
// next-token probabilities for one window of ids, as JSON.
"use strict";
const fs = require("fs");
const path = require("path");
const tf = require("@tensorflow/tfjs");

async function main() {
  const [dir, ...ids] = process.argv.slice(2);
  const modelJSON = JSON.parse(fs.readFileSync(path.join(dir, "model.json"), "utf8"));
  const manifest = modelJSON.weightsManifest[0];
  const shard = fs.readFileSync(path.join(dir, manifest.paths[0]));
  const weightData = shard.buffer.slice(shard.byteOffset, shard.byteOffset + shard.byteLength);
  const model = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: modelJSON.modelTopology,
    weightSpecs: manifest.weights,
    weightData,
  }));
  const input = tf.tensor2d([ids.map(Number)], [1, ids.length], "float32");
  const probs = await model.predict(input).data();
  process.stdout.write(JSON.stringify(Array.from(probs)) + "\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
