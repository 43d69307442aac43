/**
 * A vector worker's entry (a plain worker thread, not piscina: each row group belongs to one
 * worker, `vectorWorkerOf`, so its cached rows and index shard live in exactly one place). Tasks
 * arrive as `{ id, name, task }` — from the main thread, or from an engine thread on a port it was
 * handed (`VectorWorkers.connect`) — and run one at a time, in arrival order, in one queue; each
 * answers `{ id, result }` on the port it came from.
 * Imports only ml/, storage/ and common/; never ONNX Runtime or sharp.
 */
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { openStore, type Store } from '../../../storage/index.js';
import { transferablesOf } from '../pool/pool-messages.js';
import { scanExactTopK } from '../vector/exact-top-k-scan.js';
import { searchIndexTopK } from '../vector/index-search.js';
import { VectorCache } from '../vector/vector-cache.js';
import { WorkerIndexes } from '../vector/worker-indexes.js';
import {
  EXIT_TASK, PORT_TASK, type IndexAbortTask, type IndexBuildTask, type IndexSearchTask, type TopKScanResult, type TopKScanTask, type VectorAck,
  type VectorWorkerData, type WorkerFailure,
} from './worker-protocol.js';
import { workerFailure } from './worker-failure.js';

const config = workerData as VectorWorkerData;
const cache = new VectorCache(config.cacheBytes);
const indexes = new WorkerIndexes(config.worker, cache);
/** Read-only stores by directory, opened on the first task and kept for the worker's life. */
const stores = new Map<string, Store>();

function storeOf(dir: string): Store {
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = openStore(dir, { readOnly: true })));
  return store;
}

/** Exact top-k of one embedding column over the groups this worker owns (first dropping what the latest commit dropped). */
function scanTopK(task: TopKScanTask): TopKScanResult {
  const store = storeOf(task.storeDir);
  indexes.sweep(store, task.storeDir);
  const view = store.beginRead();
  try {
    return scanExactTopK(view, cache, task);
  } finally {
    view.release();
  }
}

/** Top-k through this worker's shard of a vector index; the shard then catches up with the table. */
function indexSearch(task: IndexSearchTask): TopKScanResult {
  const store = storeOf(task.storeDir);
  indexes.sweep(store, task.storeDir);
  const view = store.beginRead();
  try {
    const result = searchIndexTopK(view, cache, indexes.shard(task.index), task);
    indexes.schedule(task.index);
    return result;
  } finally {
    view.release();
  }
}

function indexBuild(task: IndexBuildTask): VectorAck {
  const store = storeOf(task.index.storeDir);
  if (task.begin) indexes.sweep(store, task.index.storeDir);
  const view = store.beginRead();
  try {
    indexes.build(task.index, task.groups, task.begin, (id) => view.rawChunk(task.index.tableId, id, task.index.columnId));
  } finally {
    view.release();
  }
  if (task.finish) indexes.finish(task.index.oid);
  return { ok: true };
}

function indexAbort(task: IndexAbortTask): VectorAck {
  indexes.abort(task.oid);
  return { ok: true };
}

/** What the worker holds (tests and the benchmark read it). */
function cacheStats(): { readonly groups: number; readonly bytes: number; readonly memoryBytes: number } {
  return { groups: cache.groupCount, bytes: cache.usedBytes, memoryBytes: cache.kernel.bytes };
}

const handlers: Record<string, (task: never) => unknown> = { scanTopK, cacheStats, indexSearch, indexBuild, indexAbort };

/** Every task, from the main thread or from an engine thread's direct port, runs in this one queue. */
let queue: Promise<void> = Promise.resolve();
type TaskMessage = { id: number; name: string; task: unknown };
parentPort!.on('message', (message: TaskMessage) => {
  if (message.name === EXIT_TASK) {
    // Never terminated from outside while in native code: exit between tasks (vector-workers.ts).
    queue = queue.then(() => process.exit(0));
    return;
  }
  if (message.name === PORT_TASK) {
    const port = message.task as MessagePort;
    port.on('message', (direct: TaskMessage) => enqueue(direct, port));
    return;
  }
  enqueue(message, parentPort!);
});

/** Runs the task after those already queued and answers on the port it came from. */
function enqueue(message: TaskMessage, replyTo: Pick<MessagePort, 'postMessage'>): void {
  queue = queue.then(async () => {
    let result: unknown;
    try {
      const handler = handlers[message.name];
      if (!handler) throw new Error(`unknown vector task ${message.name}`);
      result = await handler(message.task as never);
    } catch (err) {
      result = failure(err);
    }
    try {
      replyTo.postMessage({ id: message.id, result }, transferablesOf(result));
    } catch {
      // The asking thread is gone (its port closed): nobody waits for this answer.
    }
    scheduleUpkeep();
  });
}

/** Index upkeep runs one step at a time behind the tasks already queued, so searches wait at most one step. */
let upkeepQueued = false;
function scheduleUpkeep(): void {
  if (upkeepQueued || !indexes.hasUpkeep) return;
  upkeepQueued = true;
  setImmediate(() => {
    queue = queue.then(() => {
      upkeepQueued = false;
      try {
        indexes.upkeep(storeOf);
      } catch {
        // A shard that cannot catch up (a chunk it cannot read) stays as it is: searches scan those groups exactly.
      }
      scheduleUpkeep();
    });
  });
}

function failure(err: unknown): WorkerFailure {
  return workerFailure(err, 'vector worker');
}
