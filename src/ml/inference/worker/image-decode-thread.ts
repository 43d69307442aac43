/**
 * A CLIP worker's decode thread: reads and preprocesses image batches (decode-images.ts) while the
 * worker's own thread is blocked in ONNX Runtime's run(), so the next batch is ready when the model
 * finishes this one. Requests carry an id; the pixels come back transferred, not copied.
 */
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { readDataFileSync } from '../../../common/data-path.js';
import { decodeImages } from '../embed/decode-images.js';
import type { DecodeReply, DecodeRequest } from './image-prefetch.js';

// One core's worth: this thread shares its core with the worker's ONNX Runtime thread.
sharp.concurrency(1);

parentPort!.on('message', (request: DecodeRequest) => {
  void (async () => {
    let reply: DecodeReply;
    try {
      const decoded = await decodeImages(request.inputs, request.config,
        // Synchronously: this thread has nothing else to do meanwhile, and each asynchronous step
        // would wake a libuv pool thread that competes with ONNX Runtime for the cores.
        async (path) => readDataFileSync(request.policy, path, request.maxBytes, 'image'));
      reply = { id: request.id, decoded };
      parentPort!.postMessage(reply, [decoded.pixels.buffer as ArrayBuffer]);
    } catch (err) {
      reply = { id: request.id, error: err instanceof Error ? err.message : String(err) };
      parentPort!.postMessage(reply);
    }
  })();
});
