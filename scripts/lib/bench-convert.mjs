// CONVERT against raw ONNX Runtime (issue 8), for `npm run bench`: the same vision model, the same
// worker count × intra-op threads and the same batch size, in the same run on the same machine.
// Raw: worker threads each holding a session, pulling batches of pre-made pixel_values from a
// shared queue (no decoding: the model alone). CONVERT: `CONVERT USING m … AS SELECT * FROM t`
// through `pg` over JPEG files (read, decoded, preprocessed, embedded, stored). Alternating
// runs; the caller prints images/s and the ratio per variant.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { writeBenchModel } from '../../dist/src/tools/bench-model/write-bench-model.js';
import { makeRng } from './rng.mjs';

const PHOTO_WIDTH = 1080;
const PHOTO_HEIGHT = 720;

/** The ViT-B/32-shaped BENCHMARK model, generated once into `dir` (about a minute, 840 MB). */
export async function ensureBenchModel(dir, log) {
  if (existsSync(join(dir, 'onnx', 'vision_model_quantized.onnx'))) return dir;
  const t = performance.now();
  await writeBenchModel(dir, { variants: ['fp32', 'quantized'] });
  log(`wrote the BENCHMARK model to ${dir} in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  return dir;
}

/** `count` photo-sized JPEGs (smooth colour fields plus grain, like a camera picture) under dataDir/sub. */
export async function writeBenchPhotos(dataDir, sub, count) {
  await mkdir(join(dataDir, sub), { recursive: true });
  const random = makeRng(7);
  const paths = [];
  for (let i = 0; i < count; i++) {
    const raw = Buffer.alloc(PHOTO_WIDTH * PHOTO_HEIGHT * 3);
    const [r0, g0, b0] = [random() * 255, random() * 255, random() * 255];
    for (let y = 0, o = 0; y < PHOTO_HEIGHT; y++) {
      for (let x = 0; x < PHOTO_WIDTH; x++) {
        const wave = 40 * Math.sin((x + i * 13) / 57) * Math.cos(y / 41);
        raw[o++] = r0 + wave + random() * 24;
        raw[o++] = g0 - wave + random() * 24;
        raw[o++] = b0 + (y / PHOTO_HEIGHT) * 60 + random() * 24;
      }
    }
    const path = join(sub, `photo-${String(i).padStart(4, '0')}.jpg`);
    await sharp(raw, { raw: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels: 3 } }).jpeg({ quality: 85 }).toFile(join(dataDir, path));
    paths.push(path);
  }
  return paths;
}

/** Raw ORT workers for one variant's vision graph; `run(images)` returns seconds for them all. */
export async function rawOrt(visionModel, workers, batchSize) {
  const threads = await Promise.all(Array.from({ length: workers }, () => new Promise((resolve, reject) => {
    const w = new Worker(new URL('./raw-ort-worker.mjs', import.meta.url), { workerData: { visionModel, intraOpNumThreads: 1, batchSize } });
    w.once('message', () => resolve(w));
    w.once('error', reject);
  })));
  return {
    async run(images) {
      let left = images;
      const t = performance.now();
      // Each worker takes the next batch when it finishes one, as the CLIP pool hands them out.
      await Promise.all(threads.map((w) => (async () => {
        while (left > 0) {
          const n = Math.min(batchSize, left);
          left -= n;
          await new Promise((resolve) => { w.once('message', resolve); w.postMessage(n); });
        }
      })()));
      return (performance.now() - t) / 1000;
    },
    close: () => Promise.all(threads.map((w) => w.terminate())),
  };
}

/** Seconds for one CONVERT of every row of `table` through `client`. */
export async function timedConvert(client, model, table, batchSize) {
  const t = performance.now();
  await client.query(`CONVERT USING ${model} OPTIONS(image_col='image_path', table_name='${table}', batch_size=${batchSize}) AS SELECT * FROM ${table}`);
  return (performance.now() - t) / 1000;
}

export const defaultClipWorkers = () => Math.max(1, cpus().length);

/**
 * The text tower on one query, padded to 77 tokens against the real token length (medians of
 * `runs`, ms), with the largest difference between the two embeddings.
 */
export async function textTowerMs(modelDir, variant, text, runs) {
  const { ClipSession } = await import('../../dist/src/ml/inference/embed/clip-session.js');
  const { ClipTokenizer } = await import('../../dist/src/ml/inference/embed/tokenizer.js');
  const { resolveModelFiles } = await import('../../dist/src/ml/inference/model/model-files.js');
  const files = await resolveModelFiles(modelDir, variant);
  const session = await ClipSession.load(files, { intraOpNumThreads: 1 });
  const tokenizer = await ClipTokenizer.fromFile(files.tokenizer);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  try {
    const timed = async (padTo) => {
      const tokens = tokenizer.encode([text], padTo);
      let out;
      const ts = [];
      for (let i = 0; i <= runs; i++) {
        const t = performance.now();
        out = await session.textEmbeds(tokens);
        if (i > 0) ts.push(performance.now() - t); // the first run warms the session
      }
      return { ms: median(ts), data: out.data, tokens: tokens.contextLength };
    };
    const padded = await timed('context');
    const real = await timed('longest');
    let maxDiff = 0;
    for (let i = 0; i < real.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(real.data[i] - padded.data[i]));
    return { padded: padded.ms, real: real.ms, tokens: real.tokens, maxDiff };
  } finally {
    await session.release();
  }
}

/**
 * Reading and preprocessing alone (decode-images.ts on this thread, no model, sharp at one thread
 * as in the decode threads): wall and CPU ms per image, the second of two passes (the first warms).
 */
export async function decodeMsPerImage(dataDir, paths) {
  const { decodeImages } = await import('../../dist/src/ml/inference/embed/decode-images.js');
  const { CLIP_PREPROCESS } = await import('../../dist/src/ml/inference/embed/preprocess-config.js');
  const { readFile } = await import('node:fs/promises');
  const concurrency = sharp.concurrency();
  sharp.concurrency(1);
  try {
    const files = paths.map((p) => join(dataDir, p));
    await decodeImages(files, CLIP_PREPROCESS, (p) => readFile(p));
    const cpu = process.cpuUsage();
    const t = performance.now();
    await decodeImages(files, CLIP_PREPROCESS, (p) => readFile(p));
    const { user, system } = process.cpuUsage(cpu);
    return { wallMs: (performance.now() - t) / paths.length, cpuMs: (user + system) / 1000 / paths.length };
  } finally {
    sharp.concurrency(concurrency);
  }
}
