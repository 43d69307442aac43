/** The parse cache: a repeated text gives the same frozen tree; failures are never cached; long texts are not kept. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../../src/parser/index.js';
import { cachedParse } from '../../../src/parser/parse-cache.js';
import { SqlError, SQLSTATE } from '../../../src/common/sql-error.js';
import type { ParsedStatement } from '../../../src/parser/ast.js';

test('a repeated text is parsed once and its tree is frozen', () => {
  let calls = 0;
  const counting = (sql: string) => { calls++; return parse(`${sql} `); };
  const first = cachedParse('SELECT 1 AS parse_cache_one', counting);
  const again = cachedParse('SELECT 1 AS parse_cache_one', counting);
  assert.equal(again, first);
  assert.equal(calls, 1);
  assert.ok(Object.isFrozen(first) && Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.statement));
  assert.throws(() => { (first[0] as { text: string }).text = 'changed'; }, TypeError);
});

test('a failing text throws every time, and a text that parses later is not shadowed', () => {
  let fail = true;
  const flaky = (sql: string): readonly ParsedStatement[] => {
    if (fail) throw new SqlError(SQLSTATE.SyntaxError, 'syntax error');
    return parse(sql);
  };
  assert.throws(() => cachedParse('SELECT 2 AS parse_cache_two', flaky), SqlError);
  assert.throws(() => cachedParse('SELECT 2 AS parse_cache_two', flaky), SqlError);
  fail = false;
  assert.equal(cachedParse('SELECT 2 AS parse_cache_two', flaky)[0]!.text, 'SELECT 2 AS parse_cache_two');
});

test('long texts are parsed each time', () => {
  const long = `SELECT ${'1 + '.repeat(2000)}1`;
  let calls = 0;
  const counting = (sql: string) => { calls++; return parse(sql); };
  cachedParse(long, counting);
  cachedParse(long, counting);
  assert.equal(calls, 2);
});

test('parse() returns the cached tree for the same text', () => {
  assert.equal(parse('SELECT 3 AS parse_cache_three'), parse('SELECT 3 AS parse_cache_three'));
});
