/**
 * Deeply nested statements fail fast with PostgreSQL 15's SQLSTATE — 42601 where its grammar
 * runs out of stack, 54001 where its analysis does — never a RangeError; and no number of
 * such statements leaves the WASM grammar unusable (depth-guard.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlError } from '../../../src/common/sql-error.js';
import { parse } from '../../../src/parser/index.js';

const errorOf = (sql: string): SqlError => {
  try { parse(sql); } catch (e) { if (e instanceof SqlError) return e; throw e; }
  return assert.fail(`no error for ${sql.slice(0, 60)}`);
};
const nested = (open: string, inner: string, close: string, n: number): string => `SELECT ${open.repeat(n)}${inner}${close.repeat(n)}`;

test('100,000 nested parentheses: the grammar\'s own error, at PostgreSQL 15\'s position, fast', () => {
  const started = performance.now();
  const e = errorOf(nested('(', '1', ')', 100_000));
  assert.equal(e.code, '42601');
  assert.equal(e.message, 'memory exhausted at or near "("');
  assert.equal(e.fields.position, 10_004);
  assert.ok(performance.now() - started < 5_000, 'fails fast');
});

test('trees too deep to build are 54001 with PostgreSQL\'s hint', () => {
  for (const sql of [
    `SELECT 1${'+1'.repeat(100_000)}`,
    `SELECT 1${'::int'.repeat(20_000)}`,
    nested('(SELECT ', '1', ')', 3_000),
    Array.from({ length: 20_000 }, (_, i) => `SELECT ${i}`).join(' UNION '),
    `SELECT 'a'${" COLLATE \"C\"".repeat(8_000)}`,
  ]) {
    const e = errorOf(sql);
    assert.equal(e.code, '54001', sql.slice(0, 40));
    assert.equal(e.message, 'stack depth limit exceeded');
    assert.match(e.fields.hint ?? '', /max_stack_depth/);
  }
});

test('wide statements are not deep: long AND/OR lists, IN lists, VALUES, 5,000 UNIONs parse', () => {
  const or = parse(`SELECT 1 WHERE ${Array.from({ length: 20_000 }, (_, i) => `a = ${i}`).join(' OR ')}`);
  assert.equal(or.length, 1);
  assert.equal(parse(`SELECT 1 WHERE a IN (${Array.from({ length: 50_000 }, (_, i) => i).join(',')})`).length, 1);
  assert.equal(parse(`VALUES ${Array.from({ length: 20_000 }, (_, i) => `(${i}, 'x')`).join(',')}`).length, 1);
  assert.equal(parse(Array.from({ length: 5_000 }, (_, i) => `SELECT ${i}`).join(' UNION ')).length, 1);
  assert.equal(parse(nested('(', '1', ')', 5_000)).length, 1);
  assert.equal(parse(`SELECT '${'['.repeat(100_000)}${']'.repeat(100_000)}'::jsonb`).length, 1);
});

test('the grammar keeps working after many refused statements', () => {
  for (let i = 0; i < 30; i++) {
    assert.equal(errorOf(`SELECT 1${'+1'.repeat(12_000 + i)}`).code, '54001');
    assert.equal(errorOf(nested('(', '1', ')', 10_500 + i)).code, '42601');
  }
  assert.deepEqual(parse('SELECT 1')[0]!.statement.kind, 'QueryStatement');
});
