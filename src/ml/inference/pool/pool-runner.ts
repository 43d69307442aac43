/**
 * Where CLIP worker tasks run. A `PoolRunner` runs named tasks (clip-worker.ts's exports) on the
 * workers of one model directory + variant. The process has ONE set of such workers, owned by the
 * main thread, whatever the number of engine threads: `localPoolRunners` creates the piscina
 * pools (main thread), `remotePoolRunners` (remote-pool-runner.ts) reaches them from an engine
 * thread through a MessagePort served by `PoolHost` (pool-host.ts). The vector workers
 * (vector-workers.ts: scans and indexes, no model; spec kind 'vector') are owned the same way, but
 * an engine thread reaches them over direct ports it asks the host for once (direct-vector-runner.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ModelVariant } from '../model/model-files.js';
import type { ClipWorkerData } from '../worker/worker-protocol.js';
import { VectorWorkers } from './vector-workers.js';

/** Which workers: one pool per distinct spec. */
export interface PoolSpec {
  /** 'vector': the vector workers (scans, indexes; no model; tasks name their worker). Default 'clip'. */
  readonly kind?: 'clip' | 'vector';
  /** Resolved model directory. */
  readonly modelDir: string;
  readonly variant: ModelVariant;
  readonly intraOpNumThreads: number;
  readonly workers: number;
}

export interface PoolRunner {
  /** Runs task `name` with `task`; resolves with the worker's result (plain data). */
  run(name: string, task: unknown): Promise<unknown>;
  /**
   * Stops these workers because the model's files may have changed (BUILD MODEL … overwrite):
   * the next `run` for the same spec starts fresh ones that load the files again.
   */
  retire(): Promise<void>;
}

/** Opens (or reuses) the runner for a spec. */
export type PoolRunners = (spec: PoolSpec) => PoolRunner;

/** The key a spec is pooled under. */
export function poolSpecKey(spec: PoolSpec): string {
  return [spec.kind ?? 'clip', spec.modelDir, spec.variant, spec.intraOpNumThreads, spec.workers].join('\u0000');
}

/**
 * piscina pools in this thread, one per spec, created on first use and kept until `close`.
 * @example
 * const pools = new LocalPools(); const runner = pools.runners(spec); await runner.run('embedTexts', { texts: ['a cat'] });
 */
export class LocalPools {
  private readonly pools = new Map<string, Piscina>();
  private readonly vectors = new Map<string, VectorWorkers>();

  /** A PoolRunners over these pools. */
  readonly runners: PoolRunners = (spec) => ({
    run: (name, task) => spec.kind === 'vector'
      ? this.vectorWorkers(spec).run((task as { worker: number }).worker, name, task)
      : this.pool(spec).run(task, { name }),
    retire: () => this.retire(spec),
  });

  /** Stops every pool; queued tasks reject. */
  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    const vectors = [...this.vectors.values()];
    this.pools.clear();
    this.vectors.clear();
    await Promise.all([...pools.map((p) => p.close({ force: true })), ...vectors.map((v) => v.close())]);
  }

  /** A new MessagePort to each vector worker of `spec` (vector-workers.ts `connect`), for another thread. */
  vectorPorts(spec: PoolSpec): MessagePort[] {
    return this.vectorWorkers(spec).connect();
  }

  async retire(spec: PoolSpec): Promise<void> {
    const key = poolSpecKey(spec);
    const pool = this.pools.get(key);
    const vectors = this.vectors.get(key);
    this.pools.delete(key);
    this.vectors.delete(key);
    await Promise.all([pool?.close({ force: true }), vectors?.close()]);
  }

  private vectorWorkers(spec: PoolSpec): VectorWorkers {
    const key = poolSpecKey(spec);
    let workers = this.vectors.get(key);
    if (!workers) this.vectors.set(key, (workers = new VectorWorkers(spec.workers)));
    return workers;
  }

  private pool(spec: PoolSpec): Piscina {
    const key = poolSpecKey(spec);
    let pool = this.pools.get(key);
    if (!pool) {
      const workerData: ClipWorkerData = { modelDir: spec.modelDir, variant: spec.variant, intraOpNumThreads: spec.intraOpNumThreads };
      pool = new Piscina({
        filename: new URL('../worker/clip-worker.js', import.meta.url).href,
        workerData,
        minThreads: spec.workers,
        maxThreads: spec.workers,
        concurrentTasksPerWorker: 1,
        idleTimeout: Number.POSITIVE_INFINITY,
      });
      this.pools.set(key, pool);
    }
    return pool;
  }
}
