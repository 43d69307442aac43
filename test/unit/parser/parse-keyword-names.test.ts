/**
 * Keywords as names (PostgreSQL: any keyword is a label after AS; unreserved keywords are column
 * names) and boolean CASE branches in WHERE: Metabase's privilege query, Grafana's column query.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../src/parser/index.js';
import type { Query, SelectQuery } from '../../../src/parser/ast.js';

const select = (sql: string): SelectQuery => {
  const s = parse(sql)[0]!.statement;
  assert.equal(s.kind, 'QueryStatement', sql);
  const q = (s as { query: Query }).query;
  assert.equal(q.kind, 'Select', sql);
  return q as SelectQuery;
};
const aliases = (q: SelectQuery) => q.columns.map((c) => (c.kind === 'SelectExpr' ? c.alias : undefined));

test('any keyword after AS is a column label (Metabase 06)', () => {
  const words = ['update', 'select', 'insert', 'delete', 'table', 'schema', 'role', 'from', 'order', 'where', 'group',
    'limit', 'all', 'is', 'as', 'end', 'set', 'by', 'null', 'true', 'with', 'union'];
  for (const w of words) assert.deepEqual(aliases(select(`SELECT 1 AS ${w}`)), [w], w);
  assert.deepEqual(aliases(select('SELECT NULL AS role, t.a AS schema, t.b AS table, 1 AS update, 2 AS select FROM t')),
    ['role', 'schema', 'table', 'update', 'select']);
  assert.deepEqual(aliases(select('SELECT a AS UPDATE FROM t WHERE a > 1')), ['update']);
});

test('unreserved keywords are column names: by, set, at, nulls, update …', () => {
  const q = select('SELECT by, set, at, nulls, name, type, value, position, year FROM t WHERE by = 1 AND update > 2 ORDER BY by');
  assert.deepEqual(q.columns.map((c) => c.kind === 'SelectExpr' && c.expr.kind === 'ColumnRef' && c.expr.column),
    ['by', 'set', 'at', 'nulls', 'name', 'type', 'value', 'position', 'year']);
  const u = parse('UPDATE t SET by = 1, set = 2 WHERE at = 3')[0]!.statement;
  assert.deepEqual(u.kind === 'Update' && u.assignments.map((a) => ('column' in a ? a.column : a.columns)), ['by', 'set']);
  const i = parse('INSERT INTO t (by, update) VALUES (1, 2)')[0]!.statement;
  assert.deepEqual(i.kind === 'Insert' && i.columns, ['by', 'update']);
});

test('the same words keep their keyword meaning where they are keywords', () => {
  for (const sql of [
    'SELECT a FROM t GROUP BY a ORDER BY a NULLS FIRST',
    'SELECT row_number() OVER (PARTITION BY a ORDER BY b) FROM t',
    'SELECT * FROM t WHERE a NOT BETWEEN -1 AND 1 AND NOT EXISTS (SELECT 1)',
    "SELECT now() AT TIME ZONE 'UTC'",
    'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT * FROM r',
    'SELECT CAST(a AS integer) AS set FROM t',
    'UPDATE t SET a = 1',
  ]) assert.doesNotThrow(() => parse(sql), sql);
});

test('CASE … ELSE a = b AND c = d END inside WHERE (Grafana 02)', () => {
  const q = select(`SELECT c FROM t WHERE CASE WHEN n = 2 THEN s = 'a' AND n2 = 'b' ELSE n2 = 'x' AND s IN (SELECT 'p') END`);
  assert.equal(q.where?.kind, 'Case');
  const c = q.where!;
  assert.equal(c.kind === 'Case' && c.whens[0]!.then.kind === 'Binary' && c.whens[0]!.then.op, 'AND');
  assert.equal(c.kind === 'Case' && c.else?.kind === 'Binary' && c.else.op, 'AND');
  const nested = select('SELECT CASE WHEN a THEN 1 ELSE CASE WHEN b THEN 2 ELSE 3 END END AS end FROM t');
  assert.deepEqual(aliases(nested), ['end']);
});
