/**
 * READ COMMITTED's `refreshSnapshot` on a transaction that has written (rebase-overlay.ts): it
 * moves onto the newest commit with its own rows and its savepoints' rebased, refuses to move
 * when COMMIT would refuse the change, and keeps earlier snapshots readable while readers are open.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beginTransaction, type CatalogTransaction, type NewColumn } from '../../../src/catalog/index.js';
import type { Store } from '../../../src/storage/index.js';
import { T } from '../../../src/types/sql-type.js';
import type { Value } from '../../../src/types/value.js';
import { withStore } from '../storage/fixtures/temp-store-dir.js';

const COLS: NewColumn[] = [{ name: 'id', type: T.int4, notNull: true }];

function insert(txn: CatalogTransaction, name: string, rows: readonly number[]): void {
  const table = txn.getTable(name)!;
  const w = txn.writer(table, table.columns);
  for (const r of rows) w.append([r]);
  txn.replaceTable({ ...table, rowGroups: [...table.rowGroups, ...w.finish()] }, []);
}

/** Replaces every row group of `name` by one holding `rows` (an UPDATE of the whole table). */
function rewrite(txn: CatalogTransaction, name: string, rows: readonly number[]): void {
  const table = txn.getTable(name)!;
  const w = txn.writer(table, table.columns);
  for (const r of rows) w.append([r]);
  txn.replaceTable({ ...table, rowGroups: w.finish() }, table.rowGroups);
}

function ids(reader: Pick<CatalogTransaction, 'getTable' | 'scan'>, name: string): Value[] {
  const table = reader.getTable(name)!;
  return [...reader.scan(table, [1])].flatMap((b) => [...b.columns[0]!]).sort((x, y) => Number(x) - Number(y));
}

function commitElsewhere(store: Store, work: (txn: CatalogTransaction) => void): void {
  const txn = beginTransaction(store);
  work(txn);
  txn.commit();
}

function storeWithTable(t: Parameters<typeof withStore>[0], rows: readonly number[] = []): Store {
  const store = withStore(t);
  commitElsewhere(store, (txn) => {
    txn.createTable('t', COLS);
    if (rows.length > 0) insert(txn, 't', rows);
  });
  return store;
}

test('a writing transaction moves onto a concurrent INSERT; commit keeps both, once each', (t) => {
  const store = storeWithTable(t);
  const a = beginTransaction(store);
  insert(a, 't', [1]);
  commitElsewhere(store, (b) => insert(b, 't', [2]));
  assert.deepEqual(ids(a, 't'), [1]);
  a.refreshSnapshot();
  assert.deepEqual(ids(a, 't'), [1, 2]);
  a.commit();
  const check = beginTransaction(store);
  assert.deepEqual(ids(check, 't'), [1, 2]);
  check.rollback();
});

test('a row group both rewrote: the transaction keeps its snapshot and its COMMIT is 40001', (t) => {
  const store = storeWithTable(t, [1]);
  const a = beginTransaction(store);
  rewrite(a, 't', [10]);
  commitElsewhere(store, (b) => rewrite(b, 't', [20]));
  const version = a.baseVersion;
  a.refreshSnapshot();
  assert.equal(a.baseVersion, version);
  assert.deepEqual(ids(a, 't'), [10]);
  assert.throws(() => a.commit(), { code: '40001' });
});

test('a table dropped by another commit: no rebase, COMMIT is 40001', (t) => {
  const store = storeWithTable(t, [1]);
  const a = beginTransaction(store);
  insert(a, 't', [2]);
  commitElsewhere(store, (b) => b.dropTable(b.getTable('t')!));
  a.refreshSnapshot();
  assert.deepEqual(ids(a, 't'), [1, 2]);
  assert.throws(() => a.commit(), { code: '40001' });
});

test('live savepoints are rebased with the overlay; a released one is 3B001', (t) => {
  const store = storeWithTable(t);
  const a = beginTransaction(store);
  insert(a, 't', [1]);
  const kept = a.savepoint();
  insert(a, 't', [2]);
  const released = a.savepoint();
  a.releaseSavepoint(released);
  commitElsewhere(store, (b) => insert(b, 't', [3]));
  a.refreshSnapshot();
  assert.deepEqual(ids(a, 't'), [1, 2, 3]);
  assert.throws(() => a.rollbackTo(released), { code: '3B001' });
  a.rollbackTo(kept);
  assert.deepEqual(ids(a, 't'), [1, 3]);
  a.commit();
  const check = beginTransaction(store);
  assert.deepEqual(ids(check, 't'), [1, 3]);
  check.rollback();
});

test('with readers open, an earlier snapshot still reads groups a concurrent commit freed', (t) => {
  const store = storeWithTable(t, [1, 2]);
  const a = beginTransaction(store);
  insert(a, 't', [5]);
  const cursor = a.snapshot();
  commitElsewhere(store, (b) => rewrite(b, 't', [7]));
  a.refreshSnapshot(true);
  // B replaced the group A had not rewritten: the merge keeps A's row beside B's.
  assert.deepEqual(ids(a, 't'), [5, 7]);
  assert.deepEqual(ids(cursor, 't'), [1, 2, 5]);
  a.commit();
});

test('with readers open, a transaction retires at most four snapshots, then keeps its own', (t) => {
  const store = storeWithTable(t);
  const a = beginTransaction(store);
  insert(a, 't', [0]);
  const readers = [a.snapshot()];
  for (let i = 1; i <= 5; i++) {
    commitElsewhere(store, (b) => insert(b, 't', [i]));
    a.refreshSnapshot(true);
    readers.push(a.snapshot());
  }
  assert.deepEqual(ids(a, 't'), [0, 1, 2, 3, 4], 'the fifth commit waits for the readers to close');
  assert.deepEqual(readers.map((r) => ids(r, 't').length), [1, 2, 3, 4, 5, 5]);
  a.refreshSnapshot(false);
  assert.deepEqual(ids(a, 't'), [0, 1, 2, 3, 4, 5]);
  a.commit();
});
