/** CatalogTransaction over a real store: overlay reads, commit, rollback, conflicts, savepoints. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beginTransaction, type NewColumn } from '../../../src/catalog/index.js';
import { ROW_GROUP_ROWS, type StoredTable } from '../../../src/storage/index.js';
import { T } from '../../../src/types/sql-type.js';
import type { Value } from '../../../src/types/value.js';
import { withStore } from '../storage/fixtures/temp-store-dir.js';
import { countChunks } from '../storage/fixtures/store-helpers.js';

const COLS: NewColumn[] = [
  { name: 'id', type: T.int4, notNull: true },
  { name: 'v', type: T.text, notNull: false, defaultSql: "'x'" },
];


/** Appends rows to `table` in `txn` and replaces it; returns the new table. */
function insert(txn: ReturnType<typeof beginTransaction>, name: string, rows: Value[][]): StoredTable {
  const table = txn.getTable(name)!;
  const w = txn.writer(table, table.columns);
  for (const r of rows) w.append(r);
  const next = { ...table, rowGroups: [...table.rowGroups, ...w.finish()] };
  txn.replaceTable(next, []);
  return next;
}

function ids(txn: ReturnType<typeof beginTransaction>, name: string): Value[] {
  const table = txn.getTable(name)!;
  return [...txn.scan(table, [1])].flatMap((b) => [...b.columns[0]]);
}

test('create table, insert, read own writes, commit, visible to the next transaction', (t) => {
  const store = withStore(t);
  const txn = beginTransaction(store);
  const table = txn.createTable('t', COLS);
  assert.ok(table.oid >= 16384);
  assert.deepEqual(table.columns.map((c) => c.id), [1, 2]);
  insert(txn, 't', [[1, 'a'], [2, null]]);
  assert.deepEqual(ids(txn, 't'), [1, 2]);
  assert.equal(beginTransaction(store).getTable('t'), undefined, 'uncommitted create is private');
  txn.commit();
  const after = beginTransaction(store);
  assert.deepEqual(ids(after, 't'), [1, 2]);
  assert.equal(after.getTable('t')!.version, 1);
  assert.equal(after.getTable('t')!.oid, table.oid);
  after.rollback();
});

test('duplicate and missing names raise 42P07 / 42P01', (t) => {
  const store = withStore(t);
  const txn = beginTransaction(store);
  txn.createTable('t', COLS);
  assert.throws(() => txn.createTable('t', COLS), { code: '42P07', message: 'relation "t" already exists' });
  assert.throws(() => txn.dropTable({ ...txn.getTable('t')!, id: 999, name: 'nope' }), { code: '42P01', message: 'table "nope" does not exist' });
  assert.throws(() => txn.createTable('u', [COLS[0], COLS[0]]), { code: '42701' });
  txn.commit();
});

test('rollback discards staged row groups and creates', (t) => {
  const store = withStore(t);
  const setup = beginTransaction(store);
  setup.createTable('t', COLS);
  setup.commit();
  const chunks = countChunks(store);
  const txn = beginTransaction(store);
  insert(txn, 't', Array.from({ length: ROW_GROUP_ROWS + 1 }, (_, i) => [i, 'r']));
  txn.createTable('u', COLS);
  assert.ok(countChunks(store) > chunks);
  txn.rollback();
  assert.equal(countChunks(store), chunks);
  const check = beginTransaction(store);
  assert.equal(check.getTable('u'), undefined);
  assert.deepEqual(ids(check, 't'), []);
  check.rollback();
});

test('two transactions inserting into the same table: both commit, row groups merged', (t) => {
  const store = withStore(t);
  const setup = beginTransaction(store);
  setup.createTable('t', COLS);
  setup.commit();
  const a = beginTransaction(store);
  const b = beginTransaction(store);
  insert(a, 't', [[1, 'a']]);
  insert(b, 't', [[2, 'b']]);
  a.commit();
  b.commit();
  const check = beginTransaction(store);
  assert.deepEqual(ids(check, 't'), [1, 2]);
  check.rollback();
});

test('two transactions rewriting the same row group: the second commit fails with 40001', (t) => {
  const store = withStore(t);
  const setup = beginTransaction(store);
  setup.createTable('t', COLS);
  insert(setup, 't', [[1, 'x']]);
  setup.commit();
  const chunks = countChunks(store);
  const rewrite = (txn: ReturnType<typeof beginTransaction>, id: number) => {
    const table = txn.getTable('t')!;
    const w = txn.writer(table, table.columns);
    w.append([id, 'y']);
    txn.replaceTable({ ...table, rowGroups: w.finish() }, table.rowGroups);
  };
  const a = beginTransaction(store);
  const b = beginTransaction(store);
  rewrite(a, 10);
  rewrite(b, 20);
  a.commit();
  assert.throws(() => b.commit(), { code: '40001', message: 'could not serialize access due to concurrent update' });
  assert.equal(countChunks(store), chunks, "a's rewrite replaced one group by another; b's staged chunks were discarded");
  const check = beginTransaction(store);
  assert.deepEqual(ids(check, 't'), [10]);
  check.rollback();
});

test('commits to different tables both survive (rebase keeps the other commit)', (t) => {
  const store = withStore(t);
  const a = beginTransaction(store);
  const b = beginTransaction(store);
  a.createTable('x', COLS);
  b.createTable('y', COLS);
  a.commit();
  b.commit();
  const check = beginTransaction(store);
  assert.deepEqual(check.listTables().map((tb) => tb.name), ['x', 'y']);
  check.rollback();
  const c = beginTransaction(store);
  const d = beginTransaction(store);
  c.createTable('z', COLS);
  d.createTable('z', COLS);
  c.commit();
  assert.throws(() => d.commit(), { code: '42P07' });
});

test('replacing rows frees old committed groups at commit, but an older reader still sees them', (t) => {
  const store = withStore(t);
  const setup = beginTransaction(store);
  setup.createTable('t', COLS);
  insert(setup, 't', [[1, 'a'], [2, 'b']]);
  setup.commit();
  const reader = beginTransaction(store);
  const txn = beginTransaction(store);
  const table = txn.getTable('t')!;
  const w = txn.writer(table, table.columns);
  w.append([3, 'c']);
  txn.replaceTable({ ...table, rowGroups: w.finish() }, table.rowGroups);
  const chunks = countChunks(store);
  txn.commit();
  assert.equal(countChunks(store), chunks - 2, 'old group freed at commit');
  assert.deepEqual(ids(reader, 't'), [1, 2], 'pinned snapshot still reads the freed group');
  reader.rollback();
});

test('a group staged and superseded in the same transaction is freed at commit', (t) => {
  const store = withStore(t);
  const txn = beginTransaction(store);
  txn.createTable('t', COLS);
  insert(txn, 't', [[1, 'a']]);
  const replaced = txn.getTable('t')!;
  const w = txn.writer(replaced, replaced.columns);
  w.append([2, 'b']);
  txn.replaceTable({ ...replaced, rowGroups: w.finish() }, replaced.rowGroups);
  assert.deepEqual(ids(txn, 't'), [2]);
  txn.commit();
  assert.equal(countChunks(store), 2, 'only the surviving group (2 columns) remains');
});

test('savepoints restore the overlay and discard later writers', (t) => {
  const store = withStore(t);
  const txn = beginTransaction(store);
  txn.createTable('t', COLS);
  insert(txn, 't', [[1, 'a']]);
  const sp = txn.savepoint();
  insert(txn, 't', [[2, 'b']]);
  txn.createTable('u', COLS);
  txn.dropTable(txn.getTable('t')!);
  assert.equal(txn.getTable('t'), undefined);
  txn.rollbackTo(sp);
  assert.deepEqual(ids(txn, 't'), [1]);
  assert.equal(txn.getTable('u'), undefined);
  insert(txn, 't', [[3, 'c']]);
  txn.rollbackTo(sp); // a savepoint can be rolled back to again
  insert(txn, 't', [[4, 'd']]);
  txn.commit();
  const check = beginTransaction(store);
  assert.deepEqual(ids(check, 't'), [1, 4]);
  check.rollback();
  assert.equal(countChunks(store), 4);
});

test('drop table frees its groups; ids are not reused', (t) => {
  const store = withStore(t);
  const a = beginTransaction(store);
  const first = a.createTable('t', COLS);
  insert(a, 't', [[1, 'a']]);
  a.commit();
  const b = beginTransaction(store);
  b.dropTable(b.getTable('t')!);
  const again = b.createTable('t', COLS);
  assert.notEqual(again.id, first.id);
  assert.ok(again.oid > first.oid);
  b.commit();
  assert.equal(countChunks(store), 0);
  const check = beginTransaction(store);
  assert.deepEqual(ids(check, 't'), []);
  check.rollback();
});

test('a failed commit ends the transaction', (t) => {
  const store = withStore(t);
  const a = beginTransaction(store);
  const b = beginTransaction(store);
  a.createTable('t', COLS);
  b.createTable('t', COLS);
  a.commit();
  assert.throws(() => b.commit(), { code: '42P07' });
  assert.throws(() => b.createTable('v', COLS), { code: 'XX000' });
  b.rollback();
});
