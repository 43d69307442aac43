/** Pure helpers for indexes, constraints, comments and dependencies (catalog/schema-objects.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  chooseRelationName, dependentViews, dropColumn, referencingConstraints, withComment, withoutConstraint,
} from '../../../src/catalog/index.js';
import type { StoredTable } from '../../../src/storage/storage-api.js';
import { T } from '../../../src/types/sql-type.js';

const t: StoredTable = {
  id: 1, oid: 16384, name: 't', nextColumnId: 3, version: 1, rowGroups: [],
  columns: [{ id: 1, name: 'a', type: T.int4, notNull: true }, { id: 2, name: 'b', type: T.text, notNull: false }],
  indexes: [{ oid: 20, name: 't_pkey', columnIds: [1], unique: true, primary: true }, { oid: 22, name: 't_b_idx', columnIds: [2], unique: false, primary: false }],
  constraints: [{ oid: 21, name: 't_pkey', type: 'p', columnIds: [1], indexOid: 20 }],
};
const u: StoredTable = {
  ...t, id: 2, oid: 16385, name: 'u', indexes: undefined,
  constraints: [{ oid: 30, name: 'u_a_fkey', type: 'f', columnIds: [1], references: { tableId: 1, columnIds: [1], onUpdate: 'a', onDelete: 'a' } }],
};
const v: StoredTable = { ...t, id: 3, oid: 16386, name: 'v', indexes: undefined, constraints: undefined, view: { sql: 'SELECT a FROM t', dependsOn: [1] } };

test('generated names follow PostgreSQL: table_cols_suffix, numbered on collision', () => {
  assert.equal(chooseRelationName([t], 't', ['b'], 'key'), 't_b_key');
  assert.equal(chooseRelationName([t], 't', [], 'pkey'), 't_pkey1');
  assert.equal(chooseRelationName([t], 't', ['b'], 'idx'), 't_b_idx1');
  assert.equal(chooseRelationName([], 'x'.repeat(70), ['c'], 'idx').length, 63);
});

test('views and foreign keys depending on a table are found', () => {
  assert.deepEqual(dependentViews([t, u, v], t).map((x) => x.name), ['v']);
  assert.deepEqual(referencingConstraints([t, u, v], t).map((x) => x.constraint.name), ['u_a_fkey']);
});

test('dropping a constraint drops its index; dropping a column drops indexes over it', () => {
  const noPk = withoutConstraint(t, 21);
  assert.deepEqual(noPk.indexes!.map((i) => i.name), ['t_b_idx']);
  assert.equal(noPk.constraints, undefined);
  const noB = dropColumn(t, 'b');
  assert.deepEqual(noB.indexes!.map((i) => i.name), ['t_pkey']);
});

test('comments are set and removed on tables and columns', () => {
  const c = withComment(withComment(t, undefined, 'table'), 2, 'col');
  assert.equal(c.comment, 'table');
  assert.equal(c.columns[1]!.comment, 'col');
  const cleared = withComment(withComment(c, undefined, null), 2, null);
  assert.ok(!('comment' in cleared));
  assert.ok(!('comment' in cleared.columns[1]!));
});
