/**
 * The text codecs' fast paths (plain decimals, ISO dates and timestamps, fixed-range float8
 * output) must agree with the general parsers at every boundary where one hands over to the
 * other: same values, same errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SqlError } from '../../../src/common/sql-error.js';
import { formatText, parseText, textParser } from '../../../src/types/text-codec.js';
import { T } from '../../../src/types/sql-type.js';
import { daysFromCivil } from '../../../src/types/datetime-codec-calendar.js';
import { MICROS_PER_DAY } from '../../../src/types/value.js';

const MICROS_PER_SECOND = 1_000_000;
const throwsCode = (fn: () => unknown, code: string) => assert.throws(fn, (e: unknown) => e instanceof SqlError && e.code === code);

test('float8 output in and around the fixed-notation range', () => {
  const cases: [number, string][] = [
    [1e-4, '0.0001'], [-1e-4, '-0.0001'], [9.999999999999999e-5, '9.999999999999999e-05'],
    [1e15 - 1, '999999999999999'], [1e15, '1e+15'], [142.42857142857142, '142.42857142857142'],
    [0.1 + 0.2, '0.30000000000000004'], [100, '100'], [-5e-5, '-5e-05'], [123456789012345.6, '123456789012345.6'],
  ];
  for (const [x, text] of cases) assert.equal(formatText(x, T.float8), text, String(x));
});

test('plain decimals parse as before; anything else takes the general path', () => {
  assert.equal(parseText('42.5', T.float8), 42.5);
  assert.equal(parseText('-.5', T.float8), -0.5);
  assert.equal(parseText('+7.', T.float8), 7);
  assert.ok(Object.is(parseText('-0', T.float8), -0));
  assert.equal(parseText(' 1.5 ', T.float8), 1.5);
  assert.equal(parseText('1e3', T.float8), 1000);
  assert.equal(parseText('0.1', T.float4), Math.fround(0.1));
  throwsCode(() => parseText('1.2.3', T.float8), '22P02');
  throwsCode(() => parseText('-', T.float8), '22P02');
  throwsCode(() => parseText('.', T.float8), '22P02');
  throwsCode(() => parseText('1'.repeat(400), T.float8), '22003');
  throwsCode(() => parseText('1'.repeat(40), T.float4), '22003');
});

test('ISO dates and timestamps: fast forms, and the edges the general parser owns', () => {
  const day = daysFromCivil(2024, 2, 29);
  assert.equal(parseText('2024-02-29', T.date), day);
  assert.equal(parseText('2024-02-29 23:59:59', T.timestamp), day * MICROS_PER_DAY + 86_399 * MICROS_PER_SECOND);
  assert.equal(parseText('2024-02-29T00:00:01.5', T.timestamp), day * MICROS_PER_DAY + 1_500_000);
  assert.equal(parseText('2024-02-29 00:00:00.000001', T.timestamp), day * MICROS_PER_DAY + 1);
  // Seven fraction digits round, 24:00:00 is the next midnight, second 60 is allowed: general path.
  assert.equal(parseText('2024-02-29 00:00:00.0000005', T.timestamp), day * MICROS_PER_DAY + 1);
  assert.equal(parseText('2024-02-29 24:00:00', T.timestamp), (day + 1) * MICROS_PER_DAY);
  assert.equal(parseText('2024-02-29 10:00:60', T.timestamp), day * MICROS_PER_DAY + 36_060 * MICROS_PER_SECOND);
  throwsCode(() => parseText('2023-02-29', T.date), '22008');
  throwsCode(() => parseText('2023-02-29 10:00:00', T.timestamp), '22008');
  throwsCode(() => parseText('0000-01-01 00:00:00', T.timestamp), '22008');
  throwsCode(() => parseText('2024-01-01 10:00:00.', T.timestamp), '22007');
  throwsCode(() => parseText('2024-01-01 10:61:00', T.timestamp), '22008');
});

test('timestamp output of whole seconds and of the forms around them', () => {
  const day = daysFromCivil(2024, 1, 2);
  assert.equal(formatText(day * MICROS_PER_DAY + 3_723 * MICROS_PER_SECOND, T.timestamp), '2024-01-02 01:02:03');
  assert.equal(formatText(day * MICROS_PER_DAY + 3_723 * MICROS_PER_SECOND + 120_000, T.timestamp), '2024-01-02 01:02:03.12');
  assert.equal(formatText(daysFromCivil(999, 12, 31) * MICROS_PER_DAY, T.timestamp), '0999-12-31 00:00:00');
  assert.equal(formatText(daysFromCivil(0, 3, 15) * MICROS_PER_DAY, T.timestamp), '0001-03-15 00:00:00 BC');
  assert.equal(formatText(-1 * MICROS_PER_SECOND, T.timestamp), '1969-12-31 23:59:59');
});

test('textParser (type dispatch once, for COPY) agrees with parseText: values and errors', () => {
  const inputs = ['1', '-32768', '32768', '2147483648', ' 7 ', 'x', '', 't', 'yes', 'off', 'of', '1.5', '1e400', 'NaN', '-Infinity',
    '2024-01-02 10:00:00', '2024-01-02 10:00:00.25', 'epoch', 'infinity', '2024-13-01', 'abc  ', '12.50'];
  const types = [T.bool, T.int2, T.int4, T.float8, T.timestamp, T.text, T.varchar, T.numeric, T.int8, T.date];
  const opts = { now: 1_700_000_000_000_000 };
  const outcome = (fn: () => unknown) => {
    try {
      const v = fn();
      return { v: v instanceof Object ? String(v) : v };
    } catch (e) {
      return { code: (e as SqlError).code, message: (e as SqlError).message };
    }
  };
  for (const type of types) {
    const parse = textParser(type, opts);
    for (const text of inputs) assert.deepEqual(outcome(() => parse(text)), outcome(() => parseText(text, type, opts)), `${type.id} '${text}'`);
  }
});
