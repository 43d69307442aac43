/**
 * Temporary relations over a real store: a session's temporary table shadows a permanent one,
 * never reaches the committed snapshot, rolls back with its transaction, frees the row groups
 * it stops using at commit, and frees everything when the session drops them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { beginTransaction, TemporaryRelations, type CatalogTransaction, type NewColumn } from '../../../src/catalog/index.js';
import { T } from '../../../src/types/sql-type.js';
import type { Value } from '../../../src/types/value.js';
import { countChunks } from '../storage/fixtures/store-helpers.js';
import { withStore } from '../storage/fixtures/temp-store-dir.js';

const COLS: NewColumn[] = [{ name: 'id', type: T.int4, notNull: true }];


/** Replaces the rows of table `name` with `rows` (one new row group), as UPDATE/DELETE do. */
function rewrite(txn: CatalogTransaction, name: string, rows: Value[][]): void {
  const table = txn.getTable(name)!;
  const w = txn.writer(table, table.columns);
  for (const r of rows) w.append(r);
  txn.replaceTable({ ...table, rowGroups: w.finish() }, table.rowGroups);
}

function ids(txn: CatalogTransaction, name: string): Value[] {
  return [...txn.scan(txn.getTable(name)!, [1])].flatMap((b) => [...b.columns[0]!]);
}

test('a temporary table shadows, stays out of the snapshot, and frees its rows', (t) => {
  const store = withStore(t);
  const session = new TemporaryRelations(store);
  const setup = beginTransaction(store, session);
  setup.createTable('x', COLS);
  rewrite(setup, 'x', [[1]]);
  setup.createTable('x', COLS, { temporary: true });
  rewrite(setup, 'x', [[2]]);
  setup.commit();
  const permanentChunks = 1;
  assert.equal(countChunks(store), permanentChunks + 1);
  assert.deepEqual([...store.snapshot().tables.keys()], ['x'], 'the temporary table is never committed');

  const txn = beginTransaction(store, session);
  assert.deepEqual(ids(txn, 'x'), [2]);
  assert.deepEqual(ids(txn, 'public.x'), [1]);
  assert.deepEqual(ids(txn, 'pg_temp.x'), [2]);
  rewrite(txn, 'x', [[3]]);
  txn.commit();
  assert.equal(countChunks(store), permanentChunks + 1, 'the replaced temporary row group was freed');

  const other = beginTransaction(store);
  assert.deepEqual(ids(other, 'x'), [1], 'another session sees the permanent table');
  other.rollback();

  const rolledBack = beginTransaction(store, session);
  rolledBack.createTable('y', COLS, { temporary: true });
  rewrite(rolledBack, 'y', [[9]]);
  rolledBack.rollback();
  assert.equal(session.tables.has('y'), false);
  assert.equal(countChunks(store), permanentChunks + 1);

  session.dropAll();
  assert.equal(countChunks(store), permanentChunks);
  assert.equal(session.tables.size, 0);
});
