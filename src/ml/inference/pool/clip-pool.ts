/**
 * The CLIP worker pool (piscina). ONNX Runtime's run() blocks its thread, so every embedding is
 * computed in a worker; the main thread only splits work into batches and reassembles rows.
 * Sizing: workers × intra-op threads ≤ cores (on 2 cores, 2 workers × 1 thread beat one 2-thread
 * worker or an oversubscribed pool by ~30%).
 *
 * @example
 * const pool = await ClipPool.open({ modelDir: 'models/clipen' });
 * const [query] = await pool.embedTexts(['a red car']);
 * const rows = await pool.embedImages(['data/a.jpg', 'data/b.png'], { signal });
 * await pool.close();
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { DataFilePolicy } from '../../../common/data-path.js';
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';
import { cancelled, fromFailure, untilAborted } from './pool-errors.js';
import { resolveModelFiles, type ModelVariant } from '../model/model-files.js';
import { cutBatches, evenBatches } from './even-batches.js';
import { LocalPools, type PoolRunner, type PoolRunners, type PoolSpec } from './pool-runner.js';
import type { ImageInput } from '../embed/preprocess.js';
import type {
  ImageResult, ScoreResult, TextResult,
} from '../worker/worker-protocol.js';

/** Images per worker task: large enough to amortise a run() call, small enough to spread over workers. */
export const DEFAULT_IMAGE_BATCH = 16;
/** The environment variable that overrides the default CLIP worker count. */
export const CLIP_WORKERS_ENV = 'THANOSQL_CLIP_WORKERS';

/** Texts per worker task (text inference is cheap; queries are usually one text). */
export const DEFAULT_TEXT_BATCH = 64;

export interface ClipPoolOptions {
  readonly modelDir: string;
  readonly variant?: ModelVariant;
  /** ONNX Runtime threads per worker. Default 1. */
  readonly intraOpNumThreads?: number;
  /** Worker count. Default ⌊cores / intraOpNumThreads⌋, at least 1. */
  readonly workers?: number;
  /**
   * Where the workers live (default: a pool of this thread's own, closed with the ClipPool). The
   * server passes the process's shared workers, reached from engine threads over a MessagePort.
   */
  readonly runners?: PoolRunners;
}

export interface EmbedOptions {
  /** Aborting rejects with SqlError 57014 and drops queued batches. */
  readonly signal?: AbortSignal;
  /** Rows per worker task. */
  readonly batchSize?: number;
  /**
   * Where image paths may lead (common/data-path.ts): the workers open each path under it. Without
   * one, paths are the caller's own (tools, tests) and only the regular-file and size checks apply.
   */
  readonly files?: DataFilePolicy;
  /** Called after each finished batch with the number of inputs done so far; a throw stops the call (cancellation). */
  readonly onProgress?: (done: number) => void;
}

export class ClipPool {
  private closed = false;

  private constructor(
    private readonly runner: PoolRunner,
    /** Pools this ClipPool created for itself (no `runners` given): closed with it. */
    private readonly ownPools: LocalPools | undefined,
    /** Embedding width of the loaded model. */
    readonly dim: number,
    /** True when the model is the generated colour TEST model. */
    readonly isTestModel: boolean,
    readonly workers: number,
  ) {}

  /**
   * The worker count `open` picks without `workers`: THANOSQL_CLIP_WORKERS when set (the
   * benchmark's one-worker line leaves a core free for decoding), else ⌊cores / intra-op
   * threads⌋, at least 1.
   */
  static defaultWorkers(intraOpNumThreads = 1): number {
    const configured = Number(process.env[CLIP_WORKERS_ENV]);
    if (Number.isInteger(configured) && configured > 0) return configured;
    return Math.max(1, Math.floor(availableParallelism() / Math.max(1, intraOpNumThreads)));
  }

  /** Validates the model directory on the calling thread (clear 58P01 errors), then starts workers. */
  static async open(options: ClipPoolOptions): Promise<ClipPool> {
    const files = await resolveModelFiles(options.modelDir, options.variant ?? 'fp32');
    const spec = specOf(options);
    const ownPools = options.runners ? undefined : new LocalPools();
    const runner = (options.runners ?? ownPools!.runners)(spec);
    return new ClipPool(runner, ownPools, files.embedDim, files.isTestModel, spec.workers);
  }

  /**
   * Stops the shared workers serving these options, if any run (their model's files changed);
   * without `runners` there are no shared workers and nothing to do.
   */
  static async retire(options: ClipPoolOptions): Promise<void> {
    await options.runners?.(specOf(options)).retire();
  }

  /** One normalised embedding per text, in order. */
  async embedTexts(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    const results = await this.runBatches<TextResult>('embedTexts', texts, options.batchSize ?? DEFAULT_TEXT_BATCH, options.signal,
      (chunk) => ({ texts: chunk }));
    return results.flatMap((r) => (r.ok ? rows(r.data, r.dim) : []));
  }

  /**
   * One normalised embedding per image, in order; `null` where the image could not be read or decoded
   * (the batch still succeeds). Paths are read by the workers.
   */
  async embedImages(inputs: readonly ImageInput[], options: EmbedOptions = {}): Promise<(Float32Array | null)[]> {
    const results = await this.runBatches<ImageResult>('embedImages', inputs, options.batchSize ?? DEFAULT_IMAGE_BATCH,
      options.signal, (chunk, following) => ({
        inputs: chunk, ...(options.files ? { files: options.files } : {}), ...(following ? { prefetch: following } : {}),
      }), options.onProgress);
    return results.flatMap((r) => (r.ok ? rows(r.data, r.dim).map((row, i) => (r.valid[i] ? row : null)) : []));
  }

  /**
   * scores[qi·n + i] = queries[qi] · matrix[i], computed by a worker with ONNX Runtime's Gemm so a
   * large scan never blocks this thread. Back `matrix` with a SharedArrayBuffer so it is not
   * structured-cloned to the worker on every call (the worker still makes one memcpy, because
   * onnxruntime-node refuses shared memory); for small n, similarity.ts's `dotScores` here is cheaper.
   */
  async dotScores(queries: Float32Array, q: number, matrix: Float32Array, n: number, options: EmbedOptions = {}): Promise<Float32Array> {
    const dim = queries.length / Math.max(1, q);
    if (!Number.isInteger(dim) || matrix.length < n * dim) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, `dotScores: ${q} queries of ${queries.length} values do not match ${n} rows of ${matrix.length}`);
    }
    if (q === 0 || n === 0) return new Float32Array(q * n);
    const [result] = await this.runBatches<ScoreResult>('dotScores', [0], 1, options.signal,
      () => ({ queries, q, matrix, n, dim }));
    return result!.ok ? result!.scores : new Float32Array(0);
  }

  /** Stops using the workers (and stops them if this ClipPool started its own); queued tasks reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ownPools?.close();
  }


  private async runBatches<R extends TextResult | ImageResult | ScoreResult, T = unknown>(
    name: string,
    items: readonly T[],
    batchSize: number,
    signal: AbortSignal | undefined,
    task: (chunk: readonly T[], following: readonly T[] | undefined) => unknown,
    onProgress?: (done: number) => void,
  ): Promise<R[]> {
    if (this.closed) throw new SqlError(SQLSTATE.AdminShutdown, 'the CLIP worker pool is shut down');
    if (signal?.aborted) throw cancelled();
    if (items.length === 0) return [];
    // Tasks of at most batchSize, as many per worker, so no worker idles through the last round.
    const chunks = cutBatches(items, evenBatches(items.length, batchSize, this.workers));
    // Batches are handed out one per free worker, never queued in piscina and never aborted
    // there: piscina aborts a *running* task by terminating its worker thread, and terminating a
    // thread inside onnxruntime/sharp native code can abort the whole process ("terminate called
    // after throwing Napi::Error"). So a cancel stops handing out batches and rejects at once; the
    // batches already running finish in the background (one batch each, well under a second).
    // Each lane reserves the batch it will send next and names it in the task (`following`), so a
    // worker can decode it while the model runs the current one (worker/image-prefetch.ts).
    const results = new Array<R>(chunks.length);
    let next = 0;
    let done = 0;
    let failure: R | undefined;
    let stopped: unknown;
    const drain = async (): Promise<void> => {
      let index = next++;
      while (index < chunks.length && failure === undefined && stopped === undefined && !signal?.aborted && !this.closed) {
        const following = next < chunks.length ? next++ : chunks.length;
        const result = (await this.runner.run(name, task(chunks[index]!, chunks[following]))) as R;
        if (!result.ok) failure = result;
        results[index] = result;
        done += chunks[index]!.length;
        try {
          if (result.ok) onProgress?.(done);
        } catch (err) {
          stopped = err;
        }
        index = following;
      }
    };
    const lanes = Math.min(this.workers, chunks.length);
    await untilAborted(Promise.all(Array.from({ length: lanes }, drain)), signal, 'CLIP worker pool');
    if (stopped !== undefined) throw stopped;
    if (signal?.aborted) throw cancelled();
    if (failure !== undefined && !failure.ok) throw fromFailure(failure);
    if (this.closed) throw new SqlError(SQLSTATE.AdminShutdown, 'the CLIP worker pool is shut down');
    return results;
  }
}

/** The workers `options` ask for (the model directory resolved as resolveModelFiles does). */
function specOf(options: ClipPoolOptions): PoolSpec {
  const intraOpNumThreads = Math.max(1, options.intraOpNumThreads ?? 1);
  const workers = Math.max(1, options.workers ?? ClipPool.defaultWorkers(intraOpNumThreads));
  return { modelDir: resolve(options.modelDir), variant: options.variant ?? 'fp32', intraOpNumThreads, workers };
}

/** Views of a flat [n, dim] buffer as n row arrays (no copy). */
function rows(data: Float32Array, dim: number): Float32Array[] {
  const out: Float32Array[] = [];
  for (let i = 0; i < data.length; i += dim) out.push(data.subarray(i, i + dim));
  return out;
}
