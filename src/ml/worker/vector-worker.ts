/**
 * A vector worker's entry (a plain worker thread, not piscina: each row group belongs to one
 * worker, `vectorWorkerOf`, so its cached rows and index shard live in exactly one place). Tasks
 * arrive as `{ id, name, task }` and run one at a time, in order; each answers `{ id, result }`.
 * Imports only ml/, storage/ and common/; never ONNX Runtime or sharp.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type Store } from '../../storage/index.js';
import { transferablesOf } from '../pool/pool-messages.js';
import { scanExactTopK } from '../vector/exact-top-k-scan.js';
import { VectorCache } from '../vector/vector-cache.js';
import type { TopKScanResult, TopKScanTask, VectorWorkerData, WorkerFailure } from './worker-protocol.js';
import { workerFailure } from './worker-failure.js';

const config = workerData as VectorWorkerData;
const cache = new VectorCache(config.cacheBytes);
/** Read-only stores by directory, opened on the first task and kept for the worker's life. */
const stores = new Map<string, Store>();

function storeOf(dir: string): Store {
  let store = stores.get(dir);
  if (!store) stores.set(dir, (store = openStore(dir, { readOnly: true })));
  return store;
}

/** Exact top-k of one embedding column over the groups this worker owns. */
function scanTopK(task: TopKScanTask): TopKScanResult {
  const view = storeOf(task.storeDir).beginRead();
  try {
    return scanExactTopK(view, cache, task);
  } finally {
    view.release();
  }
}

/** What the worker holds (tests and the benchmark read it). */
function cacheStats(): { readonly groups: number; readonly bytes: number; readonly memoryBytes: number } {
  return { groups: cache.groupCount, bytes: cache.usedBytes, memoryBytes: cache.kernel.bytes };
}

const handlers: Record<string, (task: never) => unknown> = { scanTopK, cacheStats };

let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (message: { id: number; name: string; task: unknown }) => {
  queue = queue.then(async () => {
    let result: unknown;
    try {
      const handler = handlers[message.name];
      if (!handler) throw new Error(`unknown vector task ${message.name}`);
      result = await handler(message.task as never);
    } catch (err) {
      result = failure(err);
    }
    parentPort!.postMessage({ id: message.id, result }, transferablesOf(result));
  });
});

function failure(err: unknown): WorkerFailure {
  return workerFailure(err, 'vector worker');
}
