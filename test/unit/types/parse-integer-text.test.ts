/**
 * Integer text input (COPY fields, casts): the digit-loop fast path and the general path give
 * PostgreSQL's results at every edge — signs, leading zeros, blanks, the type's limits, and
 * more digits than the fast path reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlError } from '../../../src/common/sql-error.js';
import { parseText } from '../../../src/types/text-codec.js';
import { sqlType, T } from '../../../src/types/sql-type.js';

const int2 = sqlType('int2');

test('plain digits, signs, leading zeros and blanks', () => {
  assert.equal(parseText('0', T.int4), 0);
  assert.equal(parseText('007', T.int4), 7);
  assert.equal(parseText('-42', T.int4), -42);
  assert.equal(parseText('+42', T.int4), 42);
  assert.equal(parseText('  42 ', T.int4), 42);
  assert.equal(parseText('2147483647', T.int4), 2147483647);
  assert.equal(parseText('-2147483648', T.int4), -2147483648);
  assert.equal(parseText('00000000000000000001', T.int4), 1);
  assert.equal(parseText('-32768', int2), -32768);
});

function fails(text: string, type = T.int4): string {
  try {
    parseText(text, type);
  } catch (err) {
    assert.ok(err instanceof SqlError);
    return `${err.code} ${err.message}`;
  }
  assert.fail(`${text} parsed`);
}

test('out of range and malformed input keep their SQLSTATEs and messages', () => {
  assert.equal(fails('2147483648'), '22003 value "2147483648" is out of range for type integer');
  assert.equal(fails('-2147483649'), '22003 value "-2147483649" is out of range for type integer');
  assert.equal(fails('99999999999'), '22003 value "99999999999" is out of range for type integer');
  assert.equal(fails('32768', int2), '22003 value "32768" is out of range for type smallint');
  assert.equal(fails('-'), '22P02 invalid input syntax for type integer: "-"');
  assert.equal(fails(''), '22P02 invalid input syntax for type integer: ""');
  assert.equal(fails('1.5'), '22P02 invalid input syntax for type integer: "1.5"');
  assert.equal(fails('--1'), '22P02 invalid input syntax for type integer: "--1"');
});
