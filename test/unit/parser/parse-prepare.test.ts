/** SQL-level PREPARE / EXECUTE (psycopg2's way to prepare): statement shapes and errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../src/parser/index.js';
import { SqlError } from '../../../src/common/sql-error.js';

const one = (sql: string) => parse(sql)[0]!.statement;

test('PREPARE with declared types and a SELECT', () => {
  const s = one('PREPARE add_one (integer, double precision, text[]) AS SELECT $1 + 1');
  assert.equal(s.kind, 'Prepare');
  if (s.kind !== 'Prepare') return;
  assert.equal(s.name, 'add_one');
  assert.deepEqual(s.paramTypes.map((t) => [t.name, t.arrayDims]), [['int4', 0], ['float8', 0], ['text', 1]]);
  assert.equal(s.statement.kind, 'QueryStatement');
});

test('PREPARE of INSERT / UPDATE / DELETE / VALUES, no types', () => {
  for (const [sql, kind] of [['PREPARE i AS INSERT INTO t VALUES ($1)', 'Insert'], ['PREPARE u AS UPDATE t SET a = $1', 'Update'],
    ['PREPARE d AS DELETE FROM t WHERE a = $1', 'Delete'], ['PREPARE v AS VALUES (1)', 'QueryStatement']] as const) {
    const s = one(sql);
    assert.equal(s.kind === 'Prepare' && s.statement.kind, kind, sql);
  }
});

test('EXECUTE with and without arguments', () => {
  const s = one("EXECUTE add_one (41, 'x' || 'y', NULL)");
  assert.equal(s.kind, 'Execute');
  if (s.kind !== 'Execute') return;
  assert.equal(s.name, 'add_one');
  assert.deepEqual(s.args.map((a) => a.kind), ['Literal', 'Binary', 'Literal']);
  assert.deepEqual(one('EXECUTE p'), { kind: 'Execute', name: 'p', args: [] });
});

test('only preparable statements after AS; errors are 42601 with a position', () => {
  for (const sql of ['PREPARE p AS BEGIN', 'PREPARE p AS CREATE TABLE t (a int)', 'PREPARE p SELECT 1', 'EXECUTE p (1', 'EXECUTE']) {
    assert.throws(() => parse(sql), (e: unknown) => e instanceof SqlError && e.code === '42601' && e.fields.position !== undefined, sql);
  }
});
