/** Store behaviour: staging, atomic commit, rollback via discard, orphan GC, conflicts, MVCC. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStore, ROW_GROUP_ROWS, FIRST_USER_OID } from '../../../src/storage/index.js';
import { T } from '../../../src/types/sql-type.js';
import { tempStoreDir } from './fixtures/temp-store-dir.js';
import { COLUMNS, commitTable, countChunks, createFilledTable, readRows } from './fixtures/store-helpers.js';

test('a new store is empty and allocates user OIDs', async () => {
  const { dir, cleanup } = tempStoreDir();
  const store = openStore(dir);
  assert.equal(store.snapshot().version, 0);
  assert.equal(store.snapshot().tables.size, 0);
  const a = store.allocateTableId();
  const b = store.allocateTableId();
  assert.equal(a.oid, FIRST_USER_OID);
  assert.equal(b.id, a.id + 1);
  await store.close();
  cleanup();
});

test('rows written across several row groups scan back after commit and reopen', async () => {
  const { dir, cleanup } = tempStoreDir();
  let store = openStore(dir);
  const n = ROW_GROUP_ROWS * 2 + 5;
  const table = createFilledTable(store, 'items', n);
  assert.equal(table.rowGroups.length, 3);
  assert.deepEqual(table.rowGroups.map((g) => g.rowCount), [ROW_GROUP_ROWS, ROW_GROUP_ROWS, 5]);
  await store.close();
  store = openStore(dir);
  const reopened = store.snapshot().tables.get('items')!;
  assert.deepEqual(reopened, table);
  const rows = readRows(store, reopened, [2, 1]);
  assert.equal(rows.length, n);
  assert.deepEqual(rows[n - 1], [`row ${n - 1}`, n - 1]);
  await store.close();
  cleanup();
});

test('staged row groups are invisible until commit; discard deletes them', async () => {
  const { dir, cleanup } = tempStoreDir();
  const store = openStore(dir);
  const table = createFilledTable(store, 't', 3);
  const before = countChunks(store);
  const writer = store.writer(table.id, COLUMNS);
  for (let i = 0; i < ROW_GROUP_ROWS + 1; i++) writer.append([i, null]);
  assert.equal(writer.finish().length, 2);
  assert.equal(countChunks(store), before + 4);
  assert.equal(readRows(store, store.snapshot().tables.get('t')!, [1]).length, 3);
  writer.discard();
  assert.equal(countChunks(store), before);
  assert.throws(() => writer.append([1, 'x']), { code: 'XX000' });
  await store.close();
  cleanup();
});

test('uncommitted staged chunks are garbage-collected on reopen (simulated crash)', async () => {
  const { dir, cleanup } = tempStoreDir();
  let store = openStore(dir);
  const table = createFilledTable(store, 't', 10);
  const committedChunks = countChunks(store);
  const writer = store.writer(table.id, COLUMNS);
  for (let i = 0; i < ROW_GROUP_ROWS * 3; i++) writer.append([i, 'orphan']);
  const staged = writer.finish();
  assert.ok(countChunks(store) > committedChunks);
  await store.close(); // no commit, no discard: like a crash
  store = openStore(dir);
  assert.equal(countChunks(store), committedChunks);
  assert.equal(readRows(store, store.snapshot().tables.get('t')!, [1, 2]).length, 10);
  // Row-group ids are never reused, even those of collected orphans.
  const next = store.writer(table.id, COLUMNS);
  next.append([1, 'a']);
  assert.ok(next.finish()[0].id > Math.max(...staged.map((g) => g.id)));
  next.discard();
  await store.close();
  cleanup();
});

test('commit frees dropped row groups and rejects stale versions with 40001', async () => {
  const { dir, cleanup } = tempStoreDir();
  const store = openStore(dir);
  const table = createFilledTable(store, 't', 4);
  const chunksBefore = countChunks(store);
  const writer = store.writer(table.id, COLUMNS);
  writer.append([99, 'only']);
  const replaced = commitTable(store, { ...table, rowGroups: writer.finish() }, table.rowGroups).tables.get('t')!;
  assert.equal(replaced.version, table.version + 1);
  assert.equal(countChunks(store), chunksBefore); // 2 new chunks in, 2 old chunks out
  assert.deepEqual(readRows(store, replaced, [1, 2]), [[99, 'only']]);

  const base = store.snapshot();
  const stale = { next: { ...base, version: base.version + 1 }, expectedVersions: new Map([[table.id, table.version]]), droppedRowGroups: [] };
  assert.throws(() => store.commit(() => stale), { code: '40001', message: 'could not serialize access due to concurrent update' });
  const notRebased = { next: { ...base, version: base.version }, expectedVersions: new Map(), droppedRowGroups: [] };
  assert.throws(() => store.commit(() => notRebased), { code: '40001' });
  assert.equal(store.snapshot(), base);
  await store.close();
  cleanup();
});

test('columns a row group lacks scan as NULL (ADD COLUMN without rewrite)', async () => {
  const { dir, cleanup } = tempStoreDir();
  const store = openStore(dir);
  const table = createFilledTable(store, 't', 2);
  const widened = { ...table, columns: [...table.columns, { id: 3, name: 'extra', type: T.float8, notNull: false }], nextColumnId: 4 };
  assert.deepEqual(readRows(store, widened, [3, 1]), [[null, 0], [null, 1]]);
  await store.close();
  cleanup();
});

test('a pinned read view keeps seeing row groups a later commit freed', async () => {
  const { dir, cleanup } = tempStoreDir();
  const store = openStore(dir);
  const table = createFilledTable(store, 't', 3);
  const view = store.beginRead();
  const writer = store.writer(table.id, COLUMNS);
  writer.append([7, 'new']);
  commitTable(store, { ...table, rowGroups: writer.finish() }, table.rowGroups);
  assert.throws(() => readRows(store, table, [1]), { code: 'XX000' });
  assert.deepEqual(readRows(view, view.snapshot.tables.get('t')!, [1]), [[0], [1], [2]]);
  view.release();
  view.release();
  await store.close();
  cleanup();
});

test('meta side table round-trips and survives reopen', async () => {
  const { dir, cleanup } = tempStoreDir();
  let store = openStore(dir);
  store.putMeta('models', { clip: { dim: 512, path: '/m' } });
  await store.close();
  store = openStore(dir);
  assert.deepEqual(store.getMeta('models'), { clip: { dim: 512, path: '/m' } });
  assert.equal(store.getMeta('missing'), undefined);
  await store.close();
  cleanup();
});

test('a read-only open sees commits and refuses writes', async () => {
  const { dir, cleanup } = tempStoreDir();
  const store = openStore(dir);
  createFilledTable(store, 't', 1);
  const reader = openStore(dir, { readOnly: true });
  assert.ok(reader.snapshot().tables.has('t'));
  createFilledTable(store, 'u', 1);
  assert.ok(reader.snapshot().tables.has('u'));
  assert.throws(() => reader.writer(1, COLUMNS), { code: 'XX000' });
  await reader.close();
  await store.close();
  cleanup();
});

test('a scan of some rows of an embedding chunk gives copies, untouched by later reads', async () => {
  const { dir, cleanup } = tempStoreDir();
  const store = openStore(dir);
  const columns = [{ id: 1, name: 'emb', type: T.float4Array, notNull: false }];
  const { id, oid } = store.allocateTableId();
  const writer = store.writer(id, columns);
  const n = ROW_GROUP_ROWS * 2; // two chunks of one size, so a reused read buffer would be overwritten
  const vector = (i: number) => Float32Array.from({ length: 8 }, (_, j) => i * 10 + j);
  for (let i = 0; i < n; i++) writer.append([i % 7 === 3 ? null : vector(i)]);
  const table = commitTable(store, { id, oid, name: 'vecs', columns, rowGroups: writer.finish(), nextColumnId: 2, version: 0 }).tables.get('vecs')!;
  const only = (g: number) => ({ ...table, rowGroups: [table.rowGroups[g]!] });
  const [first] = [...store.scan(only(0), [1], [5, 3, 100])];
  // Reading another chunk reuses lmdb-js's read buffer: the rows read before must not change.
  const [second] = [...store.scan(only(1), [1], [2])];
  assert.deepEqual(first!.columns[0], [vector(5), null, vector(100)]);
  assert.deepEqual(second!.columns[0], [vector(ROW_GROUP_ROWS + 2)]);
  await store.close();
  cleanup();
});
