/** Plain SQL through PostgreSQL's grammar and the converters: table-driven shape checks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../../../src/parser/index.js';
import type { Expr, Statement } from '../../../src/parser/ast.js';

const one = (sql: string): Statement => parse(sql)[0]!.statement;
const firstExpr = (sql: string): Expr => {
  const s = one(sql);
  if (s.kind !== 'QueryStatement' || s.query.kind !== 'Select') throw new Error('not a select');
  const c = s.query.columns[0]!;
  if (c.kind !== 'SelectExpr') throw new Error('star');
  return c.expr;
};
const lit = (value: string): Expr => ({ kind: 'Literal', type: 'number', value });
const col = (column: string, table?: string): Expr => (table ? { kind: 'ColumnRef', table, column } : { kind: 'ColumnRef', column });
const type = (name: string, modifiers: number[] = [], arrayDims = 0) => ({ name, modifiers, arrayDims });

const exprCases: [string, Expr][] = [
  ['SELECT 12345678901234567890', lit('12345678901234567890')],
  ['SELECT 1.50', lit('1.50')],
  ["SELECT 'it''s'", { kind: 'Literal', type: 'string', value: "it's" }],
  ["SELECT E'a\\nb'", { kind: 'Literal', type: 'string', value: 'a\nb' }],
  ['SELECT $$x$$', { kind: 'Literal', type: 'string', value: 'x' }],
  ['SELECT "MyCol"', col('MyCol')],
  ['SELECT MyCol', col('mycol')],
  ['SELECT T.x', col('x', 't')],
  ['SELECT $2', { kind: 'Param', index: 2 }],
  ['SELECT $1::int', { kind: 'Cast', operand: { kind: 'Param', index: 1 }, target: type('int4') }],
  ['SELECT x::double precision', { kind: 'Cast', operand: col('x'), target: type('float8') }],
  ['SELECT CAST(x AS numeric(12,2))', { kind: 'Cast', operand: col('x'), target: type('numeric', [12, 2]) }],
  ['SELECT x::varchar(20)', { kind: 'Cast', operand: col('x'), target: type('varchar', [20]) }],
  ['SELECT x::real[]', { kind: 'Cast', operand: col('x'), target: type('float4', [], 1) }],
  ['SELECT x::timestamp with time zone', { kind: 'Cast', operand: col('x'), target: type('timestamptz') }],
  ['SELECT x::pg_catalog.regclass', { kind: 'Cast', operand: col('x'), target: type('regclass') }],
  ["SELECT DATE '2024-01-01'", { kind: 'Cast', operand: { kind: 'Literal', type: 'string', value: '2024-01-01' }, target: type('date') }],
  ['SELECT NOT a', { kind: 'Unary', op: 'NOT', operand: col('a') }],
  ['SELECT -5', lit('-5')],
  ['SELECT a IS NOT NULL', { kind: 'Is', operand: col('a'), test: 'NULL', negated: true }],
  ['SELECT a IS DISTINCT FROM b', { kind: 'Binary', op: 'IS DISTINCT FROM', left: col('a'), right: col('b') }],
  ['SELECT a IS NOT DISTINCT FROM b', { kind: 'Binary', op: 'IS NOT DISTINCT FROM', left: col('a'), right: col('b') }],
  ['SELECT a IN (1, 2)', { kind: 'InList', operand: col('a'), list: [lit('1'), lit('2')], negated: false }],
  ['SELECT a BETWEEN 1 AND 2', { kind: 'Between', operand: col('a'), low: lit('1'), high: lit('2'), negated: false }],
  ["SELECT a NOT ILIKE '%%gun%%'", { kind: 'Like', operand: col('a'), pattern: { kind: 'Literal', type: 'string', value: '%%gun%%' }, caseInsensitive: true, negated: true }],
  ["SELECT c.relname OPERATOR(pg_catalog.~) '^(t)$' COLLATE pg_catalog.default", { kind: 'Binary', op: '~', left: col('relname', 'c'), right: { kind: 'Literal', type: 'string', value: '^(t)$' } }],
  ["SELECT a !~* 'x'", { kind: 'Binary', op: '!~*', left: col('a'), right: { kind: 'Literal', type: 'string', value: 'x' } }],
  ['SELECT a = ANY(b)', { kind: 'Quantified', op: '=', left: col('a'), quantifier: 'ANY', right: col('b') }],
  ['SELECT ARRAY[1, 2]', { kind: 'Array', elements: [lit('1'), lit('2')] }],
  ['SELECT a[i + 1]', { kind: 'Subscript', operand: col('a'), index: { kind: 'Binary', op: '+', left: col('i'), right: lit('1') } }],
  ['SELECT (1, 2)', { kind: 'Row', fields: [lit('1'), lit('2')] }],
  ['SELECT CASE WHEN a THEN 1 ELSE 2 END', { kind: 'Case', whens: [{ when: col('a'), then: lit('1') }], else: lit('2') }],
  ['SELECT count(*)', { kind: 'FunctionCall', name: 'count', args: [], star: true, distinct: false }],
  ['SELECT pg_catalog.Lower(x)', { kind: 'FunctionCall', name: 'lower', schema: 'pg_catalog', args: [col('x')], star: false, distinct: false }],
];

for (const [sql, expected] of exprCases) {
  test(`expr: ${sql}`, () => assert.deepEqual(firstExpr(sql), expected));
}

test('select clauses', () => {
  const s = one('SELECT DISTINCT ON (a) a AS x, t.* FROM s.t AS t LEFT JOIN u USING (id) WHERE a > 1 GROUP BY a HAVING count(*) > 1 ORDER BY 1 DESC NULLS LAST LIMIT ALL OFFSET 3');
  if (s.kind !== 'QueryStatement' || s.query.kind !== 'Select') return assert.fail('shape');
  const q = s.query;
  assert.deepEqual(q.distinct, [col('a')]);
  assert.deepEqual(q.columns, [{ kind: 'SelectExpr', expr: col('a'), alias: 'x' }, { kind: 'SelectStar', table: 't' }]);
  assert.deepEqual(q.from, [{ kind: 'Join', type: 'LEFT', left: { kind: 'TableRef', schema: 's', name: 't', alias: 't' }, right: { kind: 'TableRef', name: 'u' }, using: ['id'] }]);
  assert.deepEqual(q.orderBy, [{ expr: lit('1'), direction: 'DESC', nulls: 'LAST' }]);
  assert.equal(q.limit, undefined);
  assert.deepEqual(q.offset, lit('3'));
  assert.equal(q.groupBy.length, 1);
});

test('CROSS JOIN after an unaliased table', () => {
  const s = one('SELECT 1 FROM x CROSS JOIN y JOIN z ON z.a = x.a');
  if (s.kind !== 'QueryStatement' || s.query.kind !== 'Select') return assert.fail('shape');
  const inner = { kind: 'Join', type: 'CROSS', left: { kind: 'TableRef', name: 'x' }, right: { kind: 'TableRef', name: 'y' } };
  assert.deepEqual(s.query.from, [{ kind: 'Join', type: 'INNER', left: inner, right: { kind: 'TableRef', name: 'z' },
    on: { kind: 'Binary', op: '=', left: { kind: 'ColumnRef', table: 'z', column: 'a' }, right: { kind: 'ColumnRef', table: 'x', column: 'a' } } }]);
});

test('INTERSECT ALL / EXCEPT ALL', () => {
  const s = one('SELECT v FROM a INTERSECT ALL SELECT DISTINCT v FROM b EXCEPT ALL SELECT * FROM c EXCEPT SELECT 1');
  if (s.kind !== 'QueryStatement' || s.query.kind !== 'SetOperation') return assert.fail('shape');
  const q = s.query;
  assert.deepEqual([q.op, q.all], ['EXCEPT', false]);
  const mid = q.left.kind === 'SetOperation' ? q.left : assert.fail('left');
  assert.deepEqual([mid.op, mid.all], ['EXCEPT', true]);
  assert.deepEqual(mid.right.kind === 'Select' && mid.right.columns, [{ kind: 'SelectStar' }]);
  const first = mid.left.kind === 'SetOperation' ? mid.left : assert.fail('first');
  assert.deepEqual([first.op, first.all], ['INTERSECT', true]);
  assert.deepEqual(first.right.kind === 'Select' && [first.right.distinct, first.right.columns],
    [true, [{ kind: 'SelectExpr', expr: col('v') }]]);
});

test('alias-less derived table, set operations, CTEs, VALUES, FETCH FIRST', () => {
  const s = one('SELECT * FROM (SELECT 1 AS a) WHERE a > 0');
  assert.equal(s.kind === 'QueryStatement' && s.query.kind === 'Select' && s.query.from[0]!.kind, 'SubqueryRef');
  const u = one('WITH x AS (SELECT 1) SELECT * FROM x UNION ALL SELECT 2 ORDER BY 1 LIMIT 1');
  assert.equal(u.kind === 'QueryStatement' && u.query.kind, 'SetOperation');
  const v = one("VALUES (1, 'a'), (2, 'b')");
  assert.equal(v.kind === 'QueryStatement' && v.query.kind === 'Values' && v.query.rows.length, 2);
  const f = one('SELECT 1 FETCH FIRST 3 ROWS ONLY');
  assert.deepEqual(f.kind === 'QueryStatement' && f.query.kind === 'Select' && f.query.limit, lit('3'));
});

test('DML', () => {
  const i = one('INSERT INTO t (a, b) VALUES (1, DEFAULT), (2, 3) RETURNING *');
  assert.equal(i.kind, 'Insert');
  if (i.kind === 'Insert') {
    assert.deepEqual(i.columns, ['a', 'b']);
    assert.deepEqual(i.source.kind === 'Values' && i.source.rows[0], [lit('1'), { kind: 'Default' }]);
    assert.deepEqual(i.returning, [{ kind: 'SelectStar' }]);
  }
  assert.equal(one('INSERT INTO t SELECT * FROM u').kind, 'Insert');
  assert.deepEqual(one('INSERT INTO t DEFAULT VALUES'), { kind: 'Insert', table: 't', source: { kind: 'Values', rows: [[]], orderBy: [] } });
  const u = one('UPDATE t SET a = $1 WHERE id = $2');
  assert.deepEqual(u.kind === 'Update' && u.assignments, [{ column: 'a', value: { kind: 'Param', index: 1 } }]);
  const d = one('DELETE FROM t WHERE a = 1 RETURNING a');
  assert.equal(d.kind === 'Delete' && d.table, 't');
});

test('DDL', () => {
  const c = one("CREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, name varchar(20) NOT NULL DEFAULT 'x', v real[], PRIMARY KEY (id))");
  if (c.kind !== 'CreateTable') return assert.fail('shape');
  assert.equal(c.ifNotExists, true);
  assert.deepEqual(c.columns.map((x) => [x.name, x.type.name, x.notNull, x.primaryKey]), [['id', 'int4', true, true], ['name', 'varchar', true, false], ['v', 'float4', false, false]]);
  assert.deepEqual(c.columns[1]!.default, { kind: 'Literal', type: 'string', value: 'x' });
  const ctas = one('CREATE TABLE t2 AS SELECT * FROM (CONVERT USING m OPTIONS(image_col=\'p\') AS SELECT * FROM t) WITH NO DATA');
  assert.equal(ctas.kind === 'CreateTableAs' && ctas.withData, false);
  assert.deepEqual(one('DROP TABLE IF EXISTS a, b CASCADE'), { kind: 'DropTable', names: ['a', 'b'], ifExists: true, cascade: true });
  const a = one('ALTER TABLE t ADD COLUMN IF NOT EXISTS c int, DROP COLUMN IF EXISTS d');
  assert.deepEqual(a.kind === 'AlterTable' && a.actions.map((x) => x.kind), ['AddColumn', 'DropColumn']);
  assert.deepEqual(one('ALTER TABLE t RENAME a TO b'), { kind: 'AlterTable', name: 't', ifExists: false, actions: [{ kind: 'RenameColumn', from: 'a', to: 'b' }] });
  assert.deepEqual(one('ALTER TABLE t RENAME TO t2'), { kind: 'AlterTable', name: 't', ifExists: false, actions: [{ kind: 'RenameTable', to: 't2' }] });
});
