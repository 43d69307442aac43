/** splitStatements (ThanoSQL strings): top-level `;` only, quotes/comments/dollar quotes respected, empties dropped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitStatements } from '../../../src/parser/split-statements.js';

const cases: [string, string[]][] = [
  ['', []],
  ['  ;; -- only a comment\n ; /* x */', []],
  ['SELECT 1', ['SELECT 1']],
  ["SELECT ';'; SELECT 2;", ["SELECT ';'", 'SELECT 2']],
  ["SELECT 'it''s;'; SELECT 2", ["SELECT 'it''s;'", 'SELECT 2']],
  ["SELECT E'a\\';b'; SELECT 2", ["SELECT E'a\\';b'", 'SELECT 2']],
  ['SELECT "a;b" FROM t; SELECT 2', ['SELECT "a;b" FROM t', 'SELECT 2']],
  ['SELECT $$a;b$$; SELECT $t$x;$t$', ['SELECT $$a;b$$', 'SELECT $t$x;$t$']],
  // A statement's text runs from its first token to its last: comments around it are not part of it.
  ['SELECT 1 /* a /* nested; */ still; */; SELECT 2', ['SELECT 1', 'SELECT 2']],
  ['SELECT 1 -- c;\n; SELECT 2', ['SELECT 1', 'SELECT 2']],
  ['SELECT /* ; */ 1; SELECT 2', ['SELECT /* ; */ 1', 'SELECT 2']],
  ["SELECT f(';', (1;2)); SELECT 3", ["SELECT f(';', (1;2))", 'SELECT 3']],
];

for (const [sql, expected] of cases) {
  test(`split ${JSON.stringify(sql)}`, () => {
    assert.deepEqual(splitStatements(sql).map((s) => s.text), expected);
  });
}

test('offsets point into the whole string', () => {
  const sql = 'BEGIN;\n  SELECT 1';
  const parts = splitStatements(sql);
  assert.equal(parts[1]!.offset, sql.indexOf('SELECT'));
});

test('unterminated quotes never throw', () => {
  assert.equal(splitStatements("SELECT 'abc; SELECT 2").length, 1);
  assert.equal(splitStatements('SELECT $$abc; SELECT 2').length, 1);
});
