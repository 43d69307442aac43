/** Pure ALTER TABLE helpers: ids are stable and never reused; errors carry SQLSTATEs. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addColumn, alterColumn, createStoredTable, dropColumn, renameColumn, renameTable } from '../../../src/catalog/index.js';
import { T } from '../../../src/types/sql-type.js';

const base = createStoredTable(1, 16384, 't', [
  { name: 'a', type: T.int4, notNull: false },
  { name: 'b', type: T.text, notNull: false },
]);

test('add, drop, add again: a new id each time', () => {
  const added = addColumn(base, { name: 'c', type: T.float8, notNull: false });
  assert.deepEqual(added.columns.map((c) => [c.id, c.name]), [[1, 'a'], [2, 'b'], [3, 'c']]);
  const dropped = dropColumn(added, 'c');
  const readded = addColumn(dropped, { name: 'c', type: T.float8, notNull: false });
  assert.equal(readded.columns[2].id, 4);
  assert.equal(readded.nextColumnId, 5);
});

test('rename column keeps the id; conflicts raise 42701 / 42703', () => {
  const renamed = renameColumn(base, 'a', 'z');
  assert.deepEqual(renamed.columns[0], { id: 1, name: 'z', type: T.int4, notNull: false });
  assert.throws(() => renameColumn(base, 'a', 'b'), { code: '42701' });
  assert.throws(() => renameColumn(base, 'q', 'r'), { code: '42703', message: 'column "q" of relation "t" does not exist' });
  assert.throws(() => dropColumn(base, 'q'), { code: '42703' });
  assert.throws(() => addColumn(base, { name: 'a', type: T.int4, notNull: false }), { code: '42701' });
});

test('alterColumn sets and clears defaults and NOT NULL; renameTable', () => {
  const withDefault = alterColumn(base, 'b', { defaultSql: "'x'", notNull: true });
  assert.equal(withDefault.columns[1].defaultSql, "'x'");
  assert.equal(withDefault.columns[1].notNull, true);
  const cleared = alterColumn(withDefault, 'b', { defaultSql: undefined });
  assert.equal('defaultSql' in cleared.columns[1], false);
  assert.equal(renameTable(base, 'u').name, 'u');
  assert.equal(base.name, 't');
});
