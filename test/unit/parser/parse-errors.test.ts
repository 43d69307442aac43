/** Errors: 42601 with positions into the whole string, 0A000 for unsupported, never a crash (fuzz). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { SqlError } from '../../../src/common/sql-error.js';
import { parse } from '../../../src/parser/index.js';
import { sharedPath } from '../../harness/shared-dir.js';

const errorOf = (sql: string): SqlError => {
  try { parse(sql); } catch (e) { if (e instanceof SqlError) return e; throw e; }
  throw new Error(`no error for ${sql}`);
};

test('syntax error position is 1-based into the whole query string', () => {
  const e = errorOf('SELECT 1; SELECT FROM WHERE');
  assert.equal(e.code, '42601');
  assert.equal(e.message, 'syntax error at or near "WHERE"');
  assert.equal(e.fields.position, 'SELECT 1; SELECT FROM WHERE'.indexOf('WHERE') + 1);
  assert.equal(errorOf('selec 1').message, 'syntax error at or near "selec"');
  assert.equal(errorOf('SELECT (').message, 'syntax error at end of input');
  assert.equal(errorOf("SELECT 'abc").code, '42601');
});

test('unsupported constructs are 0A000', () => {
  for (const sql of ['GRANT ALL ON t TO u', 'CREATE TYPE r AS RANGE (subtype = int4)', 'SELECT (x).* FROM t', "COPY t FROM '/x'", 'SEARCH KEYWORD USING m AS SELECT 1']) {
    assert.equal(errorOf(sql).code, '0A000', sql);
  }
});

test('0A000 names the feature as users write it', () => {
  for (const [sql, message] of [
    ['CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f()', 'CREATE CONSTRAINT TRIGGER is not supported'],
    ['CREATE TRIGGER tr AFTER INSERT ON t REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION f()',
      'transition tables (REFERENCING OLD TABLE / NEW TABLE) in CREATE TRIGGER is not supported'],
    ['DO LANGUAGE plperl $$ 1; $$', 'DO blocks in language plperl are not supported'],
    ['GRANT SELECT ON t TO u', 'GRANT is not supported'],
    ['LOCK t', 'LOCK is not supported'],
    ['CREATE OPERATOR CLASS c FOR TYPE int4 USING btree AS OPERATOR 1 <', 'CREATE OPERATOR CLASS is not supported'],
    ['CREATE TYPE b (input = b_in, output = b_out)', 'CREATE TYPE is not supported'],
    ['ALTER TABLE t CLUSTER ON i', 'ALTER TABLE … CLUSTER ON is not supported'],
    ['CREATE TYPE r AS RANGE (subtype = int4)', 'CREATE TYPE … AS RANGE is not supported'],
    ['SELECT * FROM t TABLESAMPLE SYSTEM (10)', 'TABLESAMPLE is not supported'],
  ] as const) {
    const e = errorOf(sql);
    assert.deepEqual([e.code, e.message], ['0A000', message], sql);
    assert.ok(e.fields.position !== undefined, sql);
  }
});

test('positions count characters, as PostgreSQL does (an emoji is one)', () => {
  const e = errorOf("SELECT '😀😀', x FROM WHERE");
  assert.equal(e.fields.position, 21); // "WHERE" is the 21st character (the 23rd UTF-16 unit)
});

test('empty input gives no statements', () => {
  assert.deepEqual(parse(''), []);
  assert.deepEqual(parse(' -- hi\n;'), []);
});

test('fuzz: random strings and truncations only ever throw SqlError', () => {
  const seed = readFileSync(sharedPath('reference', 'clients', 'pgjdbc-42.5-queries.sql'), 'utf8')
    + readFileSync(sharedPath('seed-tutorial-search-image-by-text.md'), 'utf8');
  let state = 42;
  const rand = (n: number): number => { state = (state * 1103515245 + 12345) & 0x7fffffff; return state % n; };
  const alphabet = "SELECT FROM ( ) [ ] ' \" $ $$ ; , . :: -- /* */ E' 1 a OPERATOR SEARCH IMAGE COPY";
  for (let i = 0; i < 400; i++) {
    const start = rand(seed.length);
    const inputs = [seed.slice(start, start + rand(300)), Array.from({ length: rand(20) }, () => alphabet.split(' ')[rand(24)]).join(' ')];
    for (const sql of inputs) {
      try { parse(sql); } catch (e) {
        assert.ok(e instanceof SqlError, `non-SqlError for ${JSON.stringify(sql)}: ${String(e)}`);
        assert.ok(['42601', '0A000'].includes(e.code), `${e.code} ${e.message} for ${JSON.stringify(sql)}`);
      }
    }
  }
});
