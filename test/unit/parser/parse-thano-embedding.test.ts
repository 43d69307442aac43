/**
 * SEARCH / CONVERT queries wherever a query may stand (parsed by hand, embedded as
 * same-length placeholders), ThanoSQL statements among plain ones, and the positions of
 * errors around them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlError } from '../../../src/common/sql-error.js';
import { parse } from '../../../src/parser/index.js';
import type { Query, Statement } from '../../../src/parser/ast.js';

const SEARCH = 'SEARCH IMAGE text="a cat" USING m AS SELECT * FROM t';
const one = (sql: string): Statement => {
  const list = parse(sql);
  assert.equal(list.length, 1, sql);
  return list[0]!.statement;
};
const errorOf = (sql: string): SqlError => {
  try { parse(sql); } catch (e) { if (e instanceof SqlError) return e; throw e; }
  return assert.fail(`no error: ${sql}`);
};

test('SEARCH in FROM, WITH, IN, EXPLAIN, DECLARE, PREPARE, CREATE TABLE AS, as a statement', () => {
  const cte = one(`WITH s AS (${SEARCH}) SELECT * FROM s`);
  assert.equal(cte.kind === 'QueryStatement' && cte.query.kind === 'Select' && cte.query.with?.[0]?.query.kind, 'Search');
  const inList = one(`SELECT 1 WHERE x IN (CONVERT USING m AS SELECT a FROM t)`);
  const where = inList.kind === 'QueryStatement' && inList.query.kind === 'Select' ? inList.query.where : undefined;
  assert.equal(where?.kind === 'InSubquery' && where.query.kind, 'Convert');
  const explain = one(`EXPLAIN ${SEARCH}`);
  assert.equal(explain.kind === 'Explain' && explain.statement.kind === 'QueryStatement' && explain.statement.query.kind, 'Search');
  const declare = one(`DECLARE c CURSOR FOR ${SEARCH}`);
  assert.equal(declare.kind === 'DeclareCursor' && declare.query.kind, 'Search');
  const prepare = one(`PREPARE p AS ${SEARCH} WHERE a = $1`);
  assert.equal(prepare.kind === 'Prepare' && prepare.statement.kind === 'QueryStatement' && prepare.statement.query.kind, 'Search');
  const ctas = one(`CREATE TABLE t2 AS ${SEARCH}`);
  assert.equal(ctas.kind === 'CreateTableAs' && ctas.query.kind, 'Search');
  const nested = one(`SEARCH IMAGE text="x" USING m AS SELECT * FROM (CONVERT USING m AS SELECT * FROM t)`);
  const outer = nested.kind === 'QueryStatement' ? nested.query : undefined;
  const inner: Query | undefined = outer?.kind === 'Search' && outer.query.kind === 'Select' && outer.query.from[0]?.kind === 'SubqueryRef'
    ? outer.query.from[0].query : undefined;
  assert.equal(inner?.kind, 'Convert');
});

test('a view keeps its query text as written, SEARCH and non-ASCII included', () => {
  const v = one(`CREATE VIEW v AS SELECT * FROM (SEARCH IMAGE text="chat noir ☕" USING m AS SELECT * FROM t) x`);
  assert.equal(v.kind === 'CreateView' && v.sql, 'SELECT * FROM (SEARCH IMAGE text="chat noir ☕" USING m AS SELECT * FROM t) x');
});

test('ThanoSQL statements among plain ones: texts and offsets', () => {
  const sql = `SELECT 1;\n${SEARCH};\nLIST MODELS; COPY t OPTIONS(overwrite=True) FROM "a.csv"`;
  assert.deepEqual(parse(sql).map((p) => [p.statement.kind, p.text, p.offset]), [
    ['QueryStatement', 'SELECT 1', 0], ['QueryStatement', SEARCH, 10], ['ListModel', 'LIST MODELS', 10 + SEARCH.length + 2],
    ['ThanoCopy', 'COPY t OPTIONS(overwrite=True) FROM "a.csv"', 10 + SEARCH.length + 15],
  ]);
});

test('errors around ThanoSQL are positioned in the whole string', () => {
  const sql = `SELECT ☃ FROM (${SEARCH}) WHERE ORDER`;
  const e = errorOf(sql);
  assert.equal(e.message, 'syntax error at or near "ORDER"');
  assert.equal(e.fields.position, sql.indexOf('ORDER') + 1);
  // The AS query of a SEARCH is parsed on its own: its end is the end of its input.
  const innerSql = `SELECT 1; SEARCH IMAGE text="x" USING m AS SELECT * FROM t WHERE x = ; SELECT 2`;
  const inner = errorOf(innerSql);
  assert.equal(inner.message, 'syntax error at end of input');
  assert.equal(inner.fields.position, innerSql.indexOf(' ;') + 1);
  // A plain statement whose first word ThanoSQL also uses is still PostgreSQL's error, for the whole string.
  const deleteError = errorOf('DELETE FROM t WHERE; SELECT 1');
  assert.deepEqual([deleteError.message, deleteError.fields.position], ['syntax error at or near ";"', 20]);
  const plain = errorOf('SELECT 1; SELECT * FROM WHERE; SELECT 2');
  assert.equal(plain.message, 'syntax error at or near "WHERE"');
  assert.equal(plain.fields.position, 25);
});

test('plain SQL that merely mentions ThanoSQL words is plain SQL', () => {
  assert.equal(one("SELECT 'SEARCH IMAGE' AS search, convert_from('\\x41'::bytea, 'UTF8') FROM list").kind, 'QueryStatement');
  const aliased = one('SELECT search image FROM t');
  assert.deepEqual(aliased.kind === 'QueryStatement' && aliased.query.kind === 'Select' && aliased.query.columns,
    [{ kind: 'SelectExpr', expr: { kind: 'ColumnRef', column: 'search' }, alias: 'image' }]);
});
