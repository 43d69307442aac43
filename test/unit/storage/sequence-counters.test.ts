/**
 * Store.advanceSequence: the counter is read and written inside one LMDB write transaction, so
 * stores opened in several worker threads over the same directory (sessions on engine threads)
 * never hand out a value twice; a throwing advance writes nothing; counters survive a reopen, are
 * deleted with a dropped sequence, and a counter no committed sequence owns is collected on open.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { openStore, type SequenceState, type Store, type StoredTable } from '../../../src/storage/index.js';
import { T } from '../../../src/types/sql-type.js';
import { commitTable } from './fixtures/store-helpers.js';
import { tempStoreDir } from './fixtures/temp-store-dir.js';

const SEQUENCE_ID = 7;
const THREADS = 3;
const PER_THREAD = 400;
const STORE_MODULE = new URL('../../../src/storage/index.js', import.meta.url).href;

/** Commits a sequence relation with this id, so opening the store keeps its counter. */
function commitSequence(store: Store, id: number): void {
  const table: StoredTable = {
    id, oid: 20000 + id, name: `seq${id}`, columns: [{ id: 1, name: 'last_value', type: T.int8, notNull: true }],
    rowGroups: [], nextColumnId: 2, version: 0,
    sequence: { type: 'int8', increment: '1', min: '1', max: '9223372036854775807', start: '1', cache: '1', cycle: false },
  };
  commitTable(store, table);
}

const plusOne = (c: SequenceState | undefined): SequenceState => ({ lastValue: c ? c.lastValue + 1n : 1n, isCalled: true });

/** A worker thread that opens the store itself and advances the counter `count` times. */
function advanceInWorker(dir: string, count: number): Promise<string[]> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { openStore } = await import(workerData.storeModule);
      const store = openStore(workerData.dir);
      const got = [];
      for (let i = 0; i < workerData.count; i++) {
        got.push(store.advanceSequence(workerData.id, (c) => ({ lastValue: c ? c.lastValue + 1n : 1n, isCalled: true })).lastValue.toString());
      }
      await store.close();
      parentPort.postMessage(got);
    })().catch((err) => { throw err; });`;
  const worker = new Worker(code, { eval: true, workerData: { dir, count, id: SEQUENCE_ID, storeModule: STORE_MODULE } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

test('threads advancing one counter get distinct, gap-free values', async () => {
  const { dir, cleanup } = tempStoreDir();
  const store = openStore(dir);
  commitSequence(store, SEQUENCE_ID);
  try {
    const workers = Array.from({ length: THREADS }, () => advanceInWorker(dir, PER_THREAD));
    const mine: string[] = [];
    for (let i = 0; i < PER_THREAD; i++) {
      mine.push(store.advanceSequence(SEQUENCE_ID, plusOne).lastValue.toString());
      if (i % 50 === 0) await new Promise((r) => setImmediate(r));
    }
    const all = [...mine, ...(await Promise.all(workers)).flat()].map(Number).sort((a, b) => a - b);
    const total = (THREADS + 1) * PER_THREAD;
    assert.equal(new Set(all).size, total, 'a value was handed out twice');
    assert.deepEqual(all, Array.from({ length: total }, (_, i) => i + 1));
    assert.deepEqual(store.readSequence(SEQUENCE_ID), { lastValue: BigInt(total), isCalled: true });
  } finally {
    await store.close();
    cleanup();
  }
});

test('a throwing advance writes nothing; counters survive a reopen', async () => {
  const { dir, cleanup } = tempStoreDir();
  let store = openStore(dir);
  commitSequence(store, 1);
  try {
    assert.equal(store.readSequence(1), undefined);
    store.advanceSequence(1, () => ({ lastValue: 41n, isCalled: false }));
    store.advanceSequence(2, plusOne); // no committed sequence 2: collected on the next open
    assert.throws(() => store.advanceSequence(1, () => { throw new Error('limit'); }), /limit/);
    assert.deepEqual(store.readSequence(1), { lastValue: 41n, isCalled: false });
    await store.close();
    store = openStore(dir);
    assert.equal(store.readSequence(2), undefined);
    assert.deepEqual(store.advanceSequence(1, plusOne), { lastValue: 42n, isCalled: true });
    // A commit that drops the sequence deletes its counter.
    store.commit((current) => ({
      next: { ...current, version: current.version + 1, tables: new Map([...current.tables].filter(([, t]) => t.id !== 1)) },
      expectedVersions: new Map(), droppedRowGroups: [], droppedSequences: [1],
    }));
    assert.equal(store.readSequence(1), undefined);
  } finally {
    await store.close();
    cleanup();
  }
});

test('transaction ids grow and survive a reopen that collects stray counters', async () => {
  const { dir, cleanup } = tempStoreDir();
  let store = openStore(dir);
  try {
    const first = store.nextTransactionId();
    const second = store.nextTransactionId();
    assert.ok(second > first, `${second} > ${first}`);
    await store.close();
    // A writable open deletes counters no sequence owns; the transaction-id counter is not one.
    store = openStore(dir, { collectOrphans: true });
    const afterReopen = store.nextTransactionId();
    assert.ok(afterReopen > second, `${afterReopen} > ${second}: ids never repeat across restarts`);
  } finally {
    await store.close();
    cleanup();
  }
});
