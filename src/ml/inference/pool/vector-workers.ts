/**
 * The process's vector workers (main thread): a fixed set of plain worker threads, each owning the
 * row groups `vectorWorkerOf` maps to it — its cached embedding rows and its shard of every
 * vector index — so a task names the worker it must run on (`task.worker`). A worker runs its
 * tasks one at a time in arrival order. A worker that dies fails its pending tasks and is started
 * again on the next task (its cache starts empty; indexes are re-opened from their files).
 */
import { freemem, totalmem } from 'node:os';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { EXIT_TASK, PORT_TASK, type VectorWorkerData } from '../worker/worker-protocol.js';

/** The vector worker that owns row group `groupId` among `workers`. */
export function vectorWorkerOf(groupId: number, workers: number): number {
  return groupId % workers;
}

/** A quarter of the machine's memory for cached embedding rows, split among the workers, each at most wasm32's 4 GiB less headroom. */
export function defaultCacheBytes(workers: number): number {
  const WASM_CEILING = 4 * 1024 ** 3 - 64 * 1024 ** 2;
  return Math.floor(Math.min(WASM_CEILING, Math.max(totalmem() / 4, freemem() / 2) / Math.max(1, workers)));
}

/** How long close() waits for a worker to finish its running task (tasks are sized well under a second). */
const EXIT_GRACE_MS = 10_000;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

export class VectorWorkers {
  private readonly threads: (Worker | undefined)[];
  private readonly pending: Map<number, Pending>[];
  private nextId = 1;
  private closed = false;

  constructor(readonly count: number, private readonly cacheBytes = defaultCacheBytes(count)) {
    this.threads = new Array<Worker | undefined>(count).fill(undefined);
    this.pending = Array.from({ length: count }, () => new Map());
  }

  /** Runs task `name` on worker `worker` (modulo the count); resolves with its plain-data result. */
  run(worker: number, name: string, task: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('the vector workers are shut down'));
    const index = ((worker % this.count) + this.count) % this.count;
    const thread = this.thread(index);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // A worker with work keeps the process alive (a script awaiting it would otherwise exit, code 13).
      if (this.pending[index]!.size === 0) thread.ref();
      this.pending[index]!.set(id, { resolve, reject });
      thread.postMessage({ id, name, task });
    });
  }

  /**
   * One new MessagePort per worker (index = worker), its other end handed to that worker, which
   * serves tasks arriving on it as it serves `run`'s (`{ id, name, task }` → `{ id, result }`, one
   * queue). An engine thread talks to the workers over these without this thread relaying each
   * task; a port closes when its worker exits (the holder then fails its pending tasks).
   */
  connect(): MessagePort[] {
    if (this.closed) throw new Error('the vector workers are shut down');
    return this.threads.map((_, index) => {
      const { port1, port2 } = new MessageChannel();
      this.thread(index).postMessage({ id: 0, name: PORT_TASK, task: port2 }, [port2]);
      return port1;
    });
  }

  /**
   * Asks each worker to exit after the task it is running (terminating a thread inside usearch's
   * native code aborted the whole process: `terminate called after throwing Napi::Error`, or
   * `free(): corrupted unsorted chunks`); one that does not exit within EXIT_GRACE_MS is terminated.
   */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    await Promise.all(threads.map(async (t) => {
      if (!t) return;
      const exited = new Promise<void>((resolve) => t.once('exit', () => resolve()));
      t.postMessage({ id: 0, name: EXIT_TASK, task: undefined });
      const timer = setTimeout(() => void t.terminate(), EXIT_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }));
  }

  private thread(index: number): Worker {
    const existing = this.threads[index];
    if (existing) return existing;
    const thread = new Worker(new URL('../worker/vector-worker.js', import.meta.url), { workerData: { cacheBytes: this.cacheBytes, worker: index } satisfies VectorWorkerData });
    const pending = this.pending[index]!;
    thread.on('message', (reply: { id: number; result: unknown }) => {
      const call = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) thread.unref();
      call?.resolve(reply.result);
    });
    const fail = (err: Error): void => {
      if (this.threads[index] === thread) this.threads[index] = undefined;
      for (const call of pending.values()) call.reject(err);
      pending.clear();
    };
    thread.on('error', fail);
    thread.on('exit', (code) => fail(new Error(`vector worker ${index} exited (code ${code})`)));
    // Idle workers must not keep the process alive.
    thread.unref();
    this.threads[index] = thread;
    return thread;
  }
}
