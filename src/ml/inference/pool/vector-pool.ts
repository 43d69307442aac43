/**
 * The vector workers as a statement sees them (engine thread): tasks addressed to the worker that
 * owns their row groups (`vectorWorkerOf`), run as one lane per worker — a worker's tasks one after
 * another, the workers side by side. Cancelling stops handing out tasks and rejects at once with
 * 57014; the task running in each worker finishes in the background (tasks are sized to take well
 * under a second, so nothing is ever killed mid-way: see ml/README.md Decisions 6).
 *
 * @example
 * const vectors = VectorPool.open({ workers: 2 });
 * const results = await vectors.run<TopKScanResult>('scanTopK', tasks, { signal });
 */
import { availableParallelism } from 'node:os';
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';
import { cancelled, fromFailure, untilAborted } from './pool-errors.js';
import { LocalPools, type PoolRunner, type PoolRunners, type PoolSpec } from './pool-runner.js';
import { vectorWorkerOf } from './vector-workers.js';
import type { WorkerFailure } from '../worker/worker-protocol.js';

export interface VectorPoolOptions {
  /** Worker count (default: one per core). Row groups map to workers by `vectorWorkerOf`. */
  readonly workers?: number;
  /** The process's shared workers (engine threads); default: workers of this thread's own. */
  readonly runners?: PoolRunners;
}

/** A task for one vector worker. */
export interface VectorTask {
  readonly worker: number;
}

type Outcome = { readonly ok: true } | WorkerFailure;

export class VectorPool {
  private closed = false;

  private constructor(private readonly runner: PoolRunner, private readonly ownPools: LocalPools | undefined, readonly workers: number) {}

  static open(options: VectorPoolOptions = {}): VectorPool {
    const workers = Math.max(1, options.workers ?? availableParallelism());
    const spec: PoolSpec = { kind: 'vector', modelDir: '', variant: 'fp32', intraOpNumThreads: 1, workers };
    const ownPools = options.runners ? undefined : new LocalPools();
    return new VectorPool((options.runners ?? ownPools!.runners)(spec), ownPools, workers);
  }

  /** The worker that owns row group `groupId`. */
  workerOf(groupId: number): number {
    return vectorWorkerOf(groupId, this.workers);
  }

  /** Runs `tasks` (results in task order); a failed task fails the call with its SQLSTATE. */
  async run<R extends Outcome, T extends VectorTask = VectorTask>(name: string, tasks: readonly T[], options: { signal?: AbortSignal } = {}): Promise<R[]> {
    const { signal } = options;
    if (this.closed) throw new SqlError(SQLSTATE.AdminShutdown, 'the vector workers are shut down');
    if (signal?.aborted) throw cancelled();
    const results = new Array<R>(tasks.length);
    let failure: WorkerFailure | undefined;
    const lanes = new Map<number, number[]>();
    tasks.forEach((t, i) => lanes.set(t.worker, [...(lanes.get(t.worker) ?? []), i]));
    const lane = async (indexes: number[]): Promise<void> => {
      for (const i of indexes) {
        if (failure !== undefined || signal?.aborted || this.closed) return;
        const result = (await this.runner.run(name, tasks[i])) as R;
        if (!result.ok) failure = result;
        results[i] = result;
      }
    };
    await untilAborted(Promise.all([...lanes.values()].map(lane)), signal, 'vector workers');
    if (signal?.aborted) throw cancelled();
    if (failure !== undefined) throw fromFailure(failure);
    return results;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.ownPools?.close();
  }
}
