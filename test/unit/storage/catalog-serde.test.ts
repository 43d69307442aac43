/**
 * The catalog snapshot's persisted form: schema objects (indexes, constraints, comments,
 * views) round-trip, and a snapshot written before they existed still reads (fields absent).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recordToSnapshot, snapshotToRecord, type StoredSnapshotRecord } from '../../../src/storage/catalog-serde.js';
import type { StoredTable } from '../../../src/storage/storage-api.js';
import { T } from '../../../src/types/sql-type.js';

const plain: StoredTable = {
  id: 1, oid: 16384, name: 'items', nextColumnId: 3, version: 1, rowGroups: [],
  columns: [{ id: 1, name: 'id', type: T.int4, notNull: true }, { id: 2, name: 'name', type: T.text, notNull: false }],
};

test('a snapshot written before schema objects existed opens with none', () => {
  // The previous format: exactly these keys, nothing optional present.
  const old: StoredSnapshotRecord = { version: 3, nextTableId: 2, nextOid: 16385, tables: [structuredClone(plain)] };
  const table = recordToSnapshot(old).tables.get('items')!;
  assert.equal(table.indexes, undefined);
  assert.equal(table.constraints, undefined);
  assert.equal(table.comment, undefined);
  assert.equal(table.view, undefined);
  assert.equal(table.columns[1]!.comment, undefined);
  assert.ok(!('indexes' in table));
});

test('indexes, constraints, comments, storage parameters and view definitions round-trip, frozen', () => {
  const rich: StoredTable = {
    ...plain,
    comment: 'things',
    options: ['fillfactor=70', 'autovacuum_enabled=off'],
    columns: [plain.columns[0]!, { ...plain.columns[1]!, comment: 'display name' }],
    indexes: [{ oid: 16390, name: 'items_pkey', columnIds: [1], unique: true, primary: true }],
    constraints: [{ oid: 16391, name: 'items_pkey', type: 'p', columnIds: [1], indexOid: 16390 }],
  };
  const view: StoredTable = { ...plain, id: 2, oid: 16392, name: 'v', view: { sql: 'SELECT id FROM items', dependsOn: [1] } };
  const snapshot = recordToSnapshot({ version: 1, nextTableId: 3, nextOid: 16393, tables: [rich, view] });
  const record = structuredClone(snapshotToRecord(snapshot));
  const back = recordToSnapshot(record);
  assert.deepEqual(back.tables.get('items')!.indexes, rich.indexes);
  assert.deepEqual(back.tables.get('items')!.constraints, rich.constraints);
  assert.equal(back.tables.get('items')!.comment, 'things');
  assert.deepEqual(back.tables.get('items')!.options, ['fillfactor=70', 'autovacuum_enabled=off']);
  assert.equal(back.tables.get('v')!.options, undefined);
  assert.equal(back.tables.get('items')!.columns[1]!.comment, 'display name');
  assert.deepEqual(back.tables.get('v')!.view, { sql: 'SELECT id FROM items', dependsOn: [1] });
  assert.ok(Object.isFrozen(back.tables.get('items')!.indexes![0]));
});
