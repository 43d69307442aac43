/**
 * The piscina worker entry: each worker loads one `ClipEmbedder` (lazily, on its first task) and
 * serves `embedTexts` and `embedImages` tasks and ORT Gemm scores (vector scans and indexes run
 * in the vector workers, vector-worker.ts). Imports only ml/ and common/.
 */
import { workerData } from 'node:worker_threads';
import sharp from 'sharp';
import type { DataFilePolicy } from '../../../common/data-path.js';
import { ClipEmbedder } from '../embed/clip-embedder.js';
import { createGemmScorer, type GemmScorer } from '../vector/similarity-gemm.js';
import type {
  ClipWorkerData, ImageResult, ImageTask, ScoreResult, ScoreTask, TextResult, TextTask, WorkerFailure,
} from './worker-protocol.js';
import { workerFailure } from './worker-failure.js';
import { ImagePrefetch } from './image-prefetch.js';

// One core per worker: libvips must not start its own thread pool next to ONNX Runtime's.
sharp.concurrency(1);

const config = workerData as ClipWorkerData;
/** Larger image files are refused (a 16384² JPEG, sharp's pixel limit here, is well below it). */
const MAX_IMAGE_BYTES = 256 * 1024 * 1024;
/** Paths given by tools and tests rather than SQL: anywhere, but still regular files only. */
const TRUSTED_PATHS: DataFilePolicy = { dataDir: '/', allowOutside: true };
let embedder: Promise<ClipEmbedder> | undefined;
const scorers = new Map<number, Promise<GemmScorer>>();
/** Batches are decoded on a thread of their own, the next one while the model runs (image-prefetch.ts). */
const images = new ImagePrefetch(MAX_IMAGE_BYTES);

function getEmbedder(): Promise<ClipEmbedder> {
  embedder ??= ClipEmbedder.load(config).catch((err: unknown) => {
    embedder = undefined; // let a later task retry, e.g. after the files were placed
    throw err;
  });
  return embedder;
}

/** Texts → normalised rows. */
export async function embedTexts(task: TextTask): Promise<TextResult> {
  try {
    const out = await (await getEmbedder()).embedTexts(task.texts);
    return { ok: true, ...out };
  } catch (err) {
    return failure(err);
  }
}

/**
 * Image paths or bytes → normalised rows; unreadable images give zero rows marked invalid. Paths
 * are read on the decode thread through the data directory's policy: no FIFO or device can hang this worker, no
 * symlink can leave the data directory, no file above MAX_IMAGE_BYTES is loaded.
 */
export async function embedImages(task: ImageTask): Promise<ImageResult> {
  const policy = task.files ?? TRUSTED_PATHS;
  try {
    const model = await getEmbedder();
    const decoded = await images.decode(task.inputs, policy, model.preprocess);
    if (task.prefetch) images.prefetch(task.prefetch, policy, model.preprocess);
    return { ok: true, ...(await model.embedDecoded(decoded)) };
  } catch (err) {
    return failure(err);
  }
}

/** Similarity scores with ONNX Runtime's Gemm (several times faster than a JS loop; see bench-similarity). */
export async function dotScores(task: ScoreTask): Promise<ScoreResult> {
  try {
    let scorer = scorers.get(task.dim);
    if (!scorer) scorers.set(task.dim, (scorer = createGemmScorer(task.dim, config.intraOpNumThreads)));
    return { ok: true, scores: await (await scorer).score(task.queries, task.q, task.matrix, task.n) };
  } catch (err) {
    return failure(err);
  }
}

function failure(err: unknown): WorkerFailure {
  return workerFailure(err, 'CLIP worker');
}
