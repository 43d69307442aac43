/**
 * The CLIP extension's per-database state: the model registry, the directories it resolves
 * paths against, and one worker pool per model directory + variant, opened on first use (so a
 * server that never runs CONVERT/SEARCH never starts ONNX Runtime) and closed with the database.
 */
import type { Store } from '../../../storage/storage-api.js';
import { ClipPool } from '../../inference/pool/clip-pool.js';
import { VectorPool } from '../../inference/pool/vector-pool.js';
import type { PoolRunners } from '../../inference/pool/pool-runner.js';
import { ensureModelFiles } from './ensure-model-files.js';
import type { ModelRecord } from './model-record.js';
import { ModelRegistry } from './model-registry.js';

export interface ClipRuntimeOptions {
  readonly store: Store;
  /** The store's directory: workers open it read-only for top-k vector scans (without it SEARCH scores on the main thread). */
  readonly storeDir?: string;
  readonly modelsDir: string;
  readonly dataDir: string;
  /** CONVERT/SEARCH may read images outside the data directory (as COPY's allowAbsolutePaths). */
  readonly allowAbsolutePaths?: boolean;
  /** No downloads (THANOSQL_OFFLINE=1 in the environment also turns them off). */
  readonly offline?: boolean;
  /** Hub base URL (tests point it at a local server). */
  readonly hubUrl?: string;
  /** Worker count per pool (default: cores / intra-op threads). */
  readonly workers?: number;
  /** The process's shared CLIP workers (engine threads); default: pools of this thread's own. */
  readonly poolRunners?: PoolRunners;
  readonly log?: (message: string) => void;
}

/** Per-statement callbacks while a pool is being opened. */
export interface PoolRequest {
  readonly signal?: AbortSignal;
  readonly notice?: (message: string) => void;
}

export class ClipRuntime {
  readonly registry: ModelRegistry;
  private readonly pools = new Map<string, Promise<ClipPool>>();
  private vectors: VectorPool | undefined;

  constructor(readonly options: ClipRuntimeOptions) {
    this.registry = ModelRegistry.open(options.store, options.modelsDir);
  }

  get modelsDir(): string {
    return this.options.modelsDir;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  /** Workers per pool (the configured count, else the pool's default). */
  get poolWorkers(): number {
    return this.options.workers ?? ClipPool.defaultWorkers();
  }

  /** The vector workers (exact scans, vector indexes), started on first use. */
  get vectorPool(): VectorPool {
    this.vectors ??= VectorPool.open(this.poolOptions());
    return this.vectors;
  }

  /** The pool serving `model`, fetching the built-in weights first if needed. */
  async poolFor(model: ModelRecord, request: PoolRequest = {}): Promise<ClipPool> {
    const key = poolKey(model);
    let pool = this.pools.get(key);
    if (!pool) {
      pool = this.openPool(model, request);
      this.pools.set(key, pool);
      // A failed open (missing files, cancelled download) must not poison later statements.
      pool.catch(() => this.pools.delete(key));
    }
    return pool;
  }

  /**
   * Retires the workers of a directory whose files may have changed (BUILD MODEL … overwrite):
   * every engine thread's next statement on it gets workers that load the files again.
   */
  async forget(model: ModelRecord): Promise<void> {
    const prefix = poolKeyPrefix(model);
    const mine = [...this.pools].filter(([key]) => key.startsWith(prefix));
    for (const [key] of mine) this.pools.delete(key);
    await Promise.all(mine.map(([, pool]) => pool.then((p) => p.close(), () => undefined)));
    // Retire the shared workers even if this thread never opened them: another thread may have.
    await ClipPool.retire({ modelDir: model.path, variant: model.variant, ...this.poolOptions() });
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    const vectors = this.vectors;
    this.vectors = undefined;
    await Promise.all([...pools.map((p) => p.then((pool) => pool.close(), () => undefined)), vectors?.close()]);
  }

  private async openPool(model: ModelRecord, request: PoolRequest): Promise<ClipPool> {
    await ensureModelFiles(model, {
      ...(this.options.offline !== undefined ? { offline: this.options.offline } : {}),
      ...(this.options.hubUrl ? { hubUrl: this.options.hubUrl } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.notice ? { notice: request.notice } : {}),
      ...(this.options.log ? { log: this.options.log } : {}),
    });
    return ClipPool.open({ modelDir: model.path, variant: model.variant, ...this.poolOptions() });
  }

  private poolOptions(): { workers?: number; runners?: PoolRunners } {
    return {
      ...(this.options.workers ? { workers: this.options.workers } : {}),
      ...(this.options.poolRunners ? { runners: this.options.poolRunners } : {}),
    };
  }
}

function poolKeyPrefix(model: ModelRecord): string {
  return `${model.path}\u0000${model.variant}\u0000`;
}

function poolKey(model: ModelRecord): string {
  return `${poolKeyPrefix(model)}${model.builtAt ?? 0}`;
}
