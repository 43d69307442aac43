// One raw ONNX Runtime worker for bench-convert.mjs: the vision graph in a session with the
// options the CLIP workers use (CPU, intra-op threads from workerData, sequential), fed
// pre-made pixel batches (no decoding), so the parent measures the model alone.
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

const { visionModel, intraOpNumThreads, batchSize } = workerData;
const session = await ort.InferenceSession.create(visionModel, {
  executionProviders: ['cpu'], intraOpNumThreads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
});
const size = 3 * 224 * 224;
const pixels = new Float32Array(batchSize * size);
for (let i = 0; i < pixels.length; i++) pixels[i] = Math.sin(i * 0.37) * 1.5;
const run = (n) => session.run({ pixel_values: new ort.Tensor('float32', pixels.subarray(0, n * size), [n, 3, 224, 224]) });
await run(1); // warm: allocations, kernel selection
parentPort.postMessage({ ready: true });
// Each message is one batch size to run; the reply comes when it is done.
parentPort.on('message', async (n) => {
  if (n === 0) return parentPort.close();
  await run(n);
  parentPort.postMessage({ done: n });
});
