/**
 * SQL-standard call syntax (as PostgreSQL's grammar turns it into calls), operator precedence,
 * cast types, `(expr).field` and WITH ORDINALITY: shape checks, and error positions as
 * PostgreSQL 15 gives them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlError } from '../../../src/common/sql-error.js';
import { parse } from '../../../src/parser/index.js';
import type { Expr, FunctionCall, OrderItem, Statement } from '../../../src/parser/ast.js';

const one = (sql: string): Statement => parse(sql)[0]!.statement;
const exprs = (sql: string): Expr[] => {
  const s = one(sql);
  if (s.kind !== 'QueryStatement' || s.query.kind !== 'Select') throw new Error('not a select');
  return s.query.columns.map((c) => (c.kind === 'SelectExpr' ? c.expr : assert.fail('star')));
};
const lit = (value: string): Expr => ({ kind: 'Literal', type: 'number', value });
const str = (value: string): Expr => ({ kind: 'Literal', type: 'string', value });
const col = (column: string, table?: string): Expr => (table ? { kind: 'ColumnRef', table, column } : { kind: 'ColumnRef', column });
const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'FunctionCall', name, args, star: false, distinct: false });
/** An aggregate call with ORDER BY items (and DISTINCT / FILTER in `extra`). */
const ordered = (name: string, args: Expr[], orderBy: OrderItem[], extra: Partial<FunctionCall> = {}): Expr =>
  ({ kind: 'FunctionCall', name, args, star: false, distinct: false, orderBy, ...extra });
const bin = (left: Expr, op: string, right: Expr): Expr => ({ kind: 'Binary', op, left, right });
const cast = (operand: Expr, name: string, arrayDims = 0, modifiers: number[] = []): Expr => ({ kind: 'Cast', operand, target: { name, modifiers, arrayDims } });

const cases: [string, Expr[]][] = [
  ['SELECT extract(YEAR FROM ts), EXTRACT(isodow FROM x), extract(epoch FROM a - b)', [
    call('extract', str('year'), col('ts')), call('extract', str('isodow'), col('x')),
    call('extract', str('epoch'), bin(col('a'), '-', col('b')))]],
  ["SELECT extract(millisecond FROM x), extract('DOY' FROM x), extract(timezone FROM x)", [
    call('extract', str('millisecond'), col('x')), call('extract', str('doy'), col('x')), call('extract', str('timezone'), col('x'))]],
  // Typed literals of built-in types become casts of the string.
  ["SELECT TIMESTAMPTZ '2024-03-15 10:20:30+00', timestamp with time zone 'x', jsonb '{}', numeric(5,1) '1.25'", [
    cast(str('2024-03-15 10:20:30+00'), 'timestamptz'), cast(str('x'), 'timestamptz'), cast(str('{}'), 'jsonb'),
    cast(str('1.25'), 'numeric', 0, [5, 1])]],
  // NOT binds looser than =; the grammar folds a minus into a number (twice: - - 3 is 3); :: binds tighter than unary minus.
  ['SELECT NOT (a) = b, NOT (a > 1), - - 3, -0.0::float8, -9223372036854775808', [
    { kind: 'Unary', op: 'NOT', operand: bin(col('a'), '=', col('b')) },
    { kind: 'Unary', op: 'NOT', operand: bin(col('a'), '>', lit('1')) },
    lit('3'),
    { kind: 'Unary', op: '-', operand: cast(lit('0.0'), 'float8') },
    lit('-9223372036854775808')]],
  // position(a IN b) is pg_catalog.position(b, a), as PostgreSQL's grammar writes it (and names the column).
  ["SELECT position('a' IN b || c)", [call('position', bin(col('b'), '||', col('c')), str('a'))]],
  ["SELECT trim(BOTH '\"' FROM x), trim(x), trim(LEADING FROM x), trim(TRAILING 'ab' FROM x), trim(both from x), trim('x' FROM y)", [
    call('btrim', col('x'), str('"')), call('btrim', col('x')), call('ltrim', col('x')), call('rtrim', col('x'), str('ab')),
    call('btrim', col('x')), call('btrim', col('y'), str('x'))]],
  ['SELECT substring(x FROM 2 FOR 3), substring(x FROM 2), substring(x FOR 3), substring(x, 2)', [
    call('substring', col('x'), lit('2'), lit('3')), call('substring', col('x'), lit('2')),
    call('substring', col('x'), lit('1'), cast(lit('3'), 'int4')), call('substring', col('x'), lit('2'))]],
  ["SELECT overlay('abc' PLACING 'x' FROM 2 FOR 1), overlay(a PLACING b FROM 2)", [
    call('overlay', str('abc'), str('x'), lit('2'), lit('1')), call('overlay', col('a'), col('b'), lit('2'))]],
  ['SELECT CURRENT_DATE, current_timestamp, LOCALTIMESTAMP, current_time, localtime', [
    call('current_date'), call('current_timestamp'), call('localtimestamp'), call('current_time'), call('localtime')]],
  ['SELECT current_user, SESSION_USER, user, current_schema, current_catalog, current_role', [
    call('current_user'), call('session_user'), call('user'), call('current_schema'), call('current_catalog'), call('current_role')]],
  ['SELECT current_timestamp(3), current_schema(), u.user, 1 AS current_date', [
    call('current_timestamp', lit('3')), call('current_schema'), col('user', 'u'), lit('1')]],
  // PostgreSQL precedence: ^ above * / %, above + -, above other operators, above comparisons.
  ['SELECT 1 + 2 ^ 3 * 4, 2 ^ 3 ^ 2', [
    bin(lit('1'), '+', bin(bin(lit('2'), '^', lit('3')), '*', lit('4'))), bin(bin(lit('2'), '^', lit('3')), '^', lit('2'))]],
  ['SELECT a & b + 1, a + b | c, x >> 16 & 65535, a # b, a << 2', [
    bin(col('a'), '&', bin(col('b'), '+', lit('1'))), bin(bin(col('a'), '+', col('b')), '|', col('c')),
    bin(bin(col('x'), '>>', lit('16')), '&', lit('65535')), bin(col('a'), '#', col('b')), bin(col('a'), '<<', lit('2'))]],
  ['SELECT a + b || c, a || b + c, a & 1 = 1', [
    bin(bin(col('a'), '+', col('b')), '||', col('c')), bin(col('a'), '||', bin(col('b'), '+', col('c'))),
    bin(bin(col('a'), '&', lit('1')), '=', lit('1'))]],
  ['SELECT -a ^ 2, -x[1], 2 ^ x[1], (a + b) & c', [
    bin({ kind: 'Unary', op: '-', operand: col('a') }, '^', lit('2')),
    { kind: 'Unary', op: '-', operand: { kind: 'Subscript', operand: col('x'), index: lit('1') } },
    bin(lit('2'), '^', { kind: 'Subscript', operand: col('x'), index: lit('1') }),
    bin(bin(col('a'), '+', col('b')), '&', col('c'))]],
  ['SELECT ~a, a != b, a = b IS DISTINCT FROM c', [
    { kind: 'Unary', op: '~', operand: col('a') }, bin(col('a'), '<>', col('b')),
    bin(bin(col('a'), '=', col('b')), 'IS DISTINCT FROM', col('c'))]],
  ['SELECT t.opt[t.pos - 1] & 1::smallint', [
    bin({ kind: 'Subscript', operand: col('opt', 't'), index: bin(col('pos', 't'), '-', lit('1')) }, '&', cast(lit('1'), 'int2'))]],
  // Type names come through as written (the binder checks them).
  ["SELECT 'ok'::mood, 5::posint, x::public.mood, CAST(x AS mood), x::\"char\"", [
    cast(str('ok'), 'mood'), cast(lit('5'), 'posint'), { kind: 'Cast', operand: col('x'), target: { name: 'mood', modifiers: [], arrayDims: 0, schema: 'public' } },
    cast(col('x'), 'mood'), cast(col('x'), 'char')]],
  ['SELECT x::oid[], x::regclass[], x::name[], x::int2vector, CAST(x AS pg_catalog.oid[]), x::numeric(10,2)::text', [
    cast(col('x'), 'oid', 1), cast(col('x'), 'regclass', 1), cast(col('x'), 'name', 1), cast(col('x'), 'int2vector'),
    cast(col('x'), 'oid', 1), cast(cast(col('x'), 'numeric', 0, [10, 2]), 'text')]],
  ['SELECT a = any($1::oid[])', [{ kind: 'Quantified', op: '=', left: col('a'), quantifier: 'ANY', right: cast({ kind: 'Param', index: 1 }, 'oid', 1) }]],
  ['SELECT (information_schema._pg_expandarray(i.indkey)).n, (r)."Foo", ((x).a).b', [
    { kind: 'FieldSelect', operand: { kind: 'FunctionCall', name: '_pg_expandarray', schema: 'information_schema', args: [col('indkey', 'i')], star: false, distinct: false }, field: 'n' },
    { kind: 'FieldSelect', operand: col('r'), field: 'Foo' },
    { kind: 'FieldSelect', operand: { kind: 'FieldSelect', operand: col('x'), field: 'a' }, field: 'b' }]],
  // Any aggregate takes ORDER BY, with DISTINCT and FILTER.
  ['SELECT json_agg(x ORDER BY y), jsonb_agg(DISTINCT x ORDER BY x DESC) FILTER (WHERE x > 1), json_object_agg(k, v ORDER BY k NULLS FIRST)', [
    ordered('json_agg', [col('x')], [{ expr: col('y'), direction: 'ASC' }]),
    ordered('jsonb_agg', [col('x')], [{ expr: col('x'), direction: 'DESC' }], { distinct: true, filter: bin(col('x'), '>', lit('1')) }),
    ordered('json_object_agg', [col('k'), col('v')], [{ expr: col('k'), direction: 'ASC', nulls: 'FIRST' }])]],
  ["SELECT string_agg(a, b ORDER BY c), string_agg(a, ',' ORDER BY c), array_agg(a ORDER BY c)", [
    ordered('string_agg', [col('a'), col('b')], [{ expr: col('c'), direction: 'ASC' }]),
    ordered('string_agg', [col('a'), str(',')], [{ expr: col('c'), direction: 'ASC' }]),
    ordered('array_agg', [col('a')], [{ expr: col('c'), direction: 'ASC' }])]],
  // A negative number right after a JSON operator.
  ['SELECT j ->> -1, j -> - 2 -> -1, j->-3', [
    bin(col('j'), '->>', lit('-1')), bin(bin(col('j'), '->', lit('-2')), '->', lit('-1')), bin(col('j'), '->', lit('-3'))]],
];

for (const [sql, expected] of cases) {
  test(`syntax: ${sql}`, () => assert.deepEqual(exprs(sql), expected));
}

test('(expr).field in WHERE', () => {
  const s = one('SELECT 1 FROM r WHERE r.a = (r.keys).x');
  assert.deepEqual(s.kind === 'QueryStatement' && s.query.kind === 'Select' && s.query.where,
    bin(col('a', 'r'), '=', { kind: 'FieldSelect', operand: col('keys', 'r'), field: 'x' }));
});

test('WITH ORDINALITY on a function in FROM', () => {
  const s = one('SELECT * FROM pg_catalog.unnest(a) WITH ORDINALITY AS t(x, n)');
  assert.deepEqual(s.kind === 'QueryStatement' && s.query.kind === 'Select' && s.query.from, [{
    kind: 'FunctionRef', call: { kind: 'FunctionCall', name: 'unnest', schema: 'pg_catalog', args: [col('a')], star: false, distinct: false },
    alias: 't', columnAliases: ['x', 'n'], withOrdinality: true,
  }]);
});

const errorOf = (sql: string): SqlError => {
  try { parse(sql); } catch (e) { if (e instanceof SqlError) return e; throw e; }
  return assert.fail(`no error: ${sql}`);
};

test('syntax errors: PostgreSQL 15\'s messages and positions', () => {
  for (const [sql, near, position] of [
    ["SELECT trim(both 'x' FROM y) frm t where", 't', 34],
    ['SELECT extract(year FROM x) + , 1', ',', 31],
    ['SELECT 1 ^ ^ 2', '^', 12],
    ['SELECT x::mood AS m FROM t wher x', 'x', 33],
    ['SELECT current_date current_time x', 'x', 34],
    ["SELECT 'a'::nosuch[ FROM t", 'FROM', 21],
  ] as const) {
    const e = errorOf(sql);
    assert.equal(e.code, '42601', sql);
    assert.equal(e.message, `syntax error at or near "${near}"`, sql);
    assert.equal(e.fields.position, position, sql);
  }
});
