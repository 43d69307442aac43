/**
 * Text codec: PostgreSQL 15's exact output forms (checked against psql output of PG 15) and
 * parsing back, including the error wording and SQLSTATEs clients see.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import { SqlError } from '../../../src/common/sql-error.js';
import { formatText, parseText } from '../../../src/types/text-codec.js';
import { sqlType, T } from '../../../src/types/sql-type.js';
import { daysFromCivil } from '../../../src/types/datetime-codec-calendar.js';
import { MICROS_PER_DAY } from '../../../src/types/value.js';

const throwsCode = (fn: () => unknown, code: string, message?: string) =>
  assert.throws(fn, (e: unknown) => e instanceof SqlError && e.code === code && (message === undefined || e.message === message));

test('bool and integers', () => {
  assert.equal(formatText(true, T.bool), 't');
  assert.equal(formatText(false, T.bool), 'f');
  for (const t of ['t', 'true', 'YES', 'on', '1', 'y', ' tr ']) assert.equal(parseText(t, T.bool), true, t);
  for (const t of ['f', 'false', 'no', 'off', '0', 'of']) assert.equal(parseText(t, T.bool), false, t);
  throwsCode(() => parseText('o', T.bool), '22P02', 'invalid input syntax for type boolean: "o"');
  assert.equal(parseText(' 42 ', T.int4), 42);
  throwsCode(() => parseText('abc', T.int4), '22P02', 'invalid input syntax for type integer: "abc"');
  throwsCode(() => parseText('99999999999', T.int4), '22003', 'value "99999999999" is out of range for type integer');
  throwsCode(() => parseText('40000', T.int2), '22003');
  assert.equal(parseText('9223372036854775807', T.int8), 9223372036854775807n);
  assert.equal(formatText(-9223372036854775808n, T.int8), '-9223372036854775808');
  throwsCode(() => parseText('9223372036854775808', T.int8), '22003');
});

test('floats print like PostgreSQL 12+', () => {
  const cases: [number, boolean, string][] = [
    [Math.fround(0.1), true, '0.1'], [0.1, false, '0.1'], [1e20, false, '1e+20'], [Math.fround(1e20), true, '1e+20'],
    [Infinity, false, 'Infinity'], [-Infinity, true, '-Infinity'], [NaN, false, 'NaN'], [-0, false, '-0'],
    [123456789012345, false, '123456789012345'], [1e15, false, '1e+15'], [1000000, true, '1e+06'],
    [100000, true, '100000'], [0.0001, false, '0.0001'], [0.00001, false, '1e-05'], [1.5e-7, false, '1.5e-07'],
    [Math.fround(3.14159), true, '3.14159'], [1 / 3, false, '0.3333333333333333'], [-2.5, false, '-2.5'],
    [1234567890123456789, false, '1.2345678901234568e+18'],
  ];
  for (const [x, f4, want] of cases) assert.equal(formatText(x, f4 ? T.float4 : T.float8), want, `${x}`);
  assert.equal(parseText('1e+20', T.float8), 1e20);
  assert.equal(parseText('-Infinity', T.float4), -Infinity);
  throwsCode(() => parseText('1e400', T.float8), '22003');
  throwsCode(() => parseText('x', T.float8), '22P02', 'invalid input syntax for type double precision: "x"');
});

test('numeric keeps its scale', () => {
  assert.equal(formatText(parseText('1.50', T.numeric), T.numeric), '1.50');
  assert.equal(formatText(parseText('-0.000', T.numeric), T.numeric), '0.000');
  assert.equal(formatText(parseText('1.5e3', T.numeric), T.numeric), '1500');
  assert.equal(formatText(parseText('NaN', T.numeric), T.numeric), 'NaN');
  assert.equal(formatText(new Decimal('2.5'), sqlType('numeric', { typmod: ((12 << 16) | 2) + 4 })), '2.50');
  assert.equal(formatText(new Decimal('123456789012345678901234567890.123'), T.numeric), '123456789012345678901234567890.123');
  throwsCode(() => parseText('1.2.3', T.numeric), '22P02', 'invalid input syntax for type numeric: "1.2.3"');
});

test('dates and timestamps', () => {
  const d = daysFromCivil(2024, 1, 2);
  assert.equal(formatText(d, T.date), '2024-01-02');
  assert.equal(parseText('2024-01-02', T.date), d);
  assert.equal(formatText(daysFromCivil(-43, 3, 15), T.date), '0044-03-15 BC');
  assert.equal(parseText('0044-03-15 BC', T.date), daysFromCivil(-43, 3, 15));
  assert.equal(formatText(Infinity, T.date), 'infinity');
  throwsCode(() => parseText('2024-02-30', T.date), '22008', 'date/time field value out of range: "2024-02-30"');
  throwsCode(() => parseText('nope', T.date), '22007', 'invalid input syntax for type date: "nope"');
  const ts = d * MICROS_PER_DAY + ((3 * 60 + 4) * 60 + 5) * 1e6 + 123456;
  assert.equal(formatText(ts, T.timestamp), '2024-01-02 03:04:05.123456');
  assert.equal(formatText(ts - 123456 + 120000, T.timestamp), '2024-01-02 03:04:05.12');
  assert.equal(parseText('2024-01-02 03:04:05.123456', T.timestamp), ts);
  assert.equal(parseText('2024-01-02T03:04:05.123456Z', T.timestamptz), ts);
  assert.equal(formatText(ts, T.timestamptz), '2024-01-02 03:04:05.123456+00');
  assert.equal(formatText(0, T.timestamptz, { timeZone: 'Asia/Seoul' }), '1970-01-01 09:00:00+09');
  assert.equal(formatText(0, T.timestamptz, { timeZone: 'Asia/Kolkata' }), '1970-01-01 05:30:00+05:30');
  assert.equal(formatText(daysFromCivil(2024, 7, 1) * MICROS_PER_DAY, T.timestamptz, { timeZone: 'America/New_York' }), '2024-06-30 20:00:00-04');
  assert.equal(parseText('2024-07-01 00:00:00', T.timestamptz, { timeZone: 'America/New_York' }), daysFromCivil(2024, 7, 1) * MICROS_PER_DAY + 4 * 3600e6);
  assert.equal(parseText('2024-01-02 03:04:05+02', T.timestamptz), ts - 123456 - 2 * 3600e6);
  // A zone written as an offset is POSIX-style, hours west (PostgreSQL's pg_tzset): -08:00 is UTC+8.
  assert.equal(formatText(0, T.timestamptz, { timeZone: '-08:00' }), '1970-01-01 08:00:00+08');
  assert.equal(formatText(0, T.timestamptz, { timeZone: '-8' }), '1969-12-31 16:00:00-08');
  assert.equal(formatText(((4 * 60 + 5) * 60 + 6) * 1e6, sqlType('time')), '04:05:06');
});

test('intervals in postgres style', () => {
  const iv = (months: number, days: number, micros: number) => ({ months, days, micros });
  assert.equal(formatText(iv(0, 1, (2 * 3600 + 3 * 60 + 4) * 1e6), T.interval), '1 day 02:03:04');
  assert.equal(formatText(iv(14, 0, 0), T.interval), '1 year 2 mons');
  assert.equal(formatText(iv(0, 0, 0), T.interval), '00:00:00');
  assert.equal(formatText(iv(0, -1, 2 * 3600e6), T.interval), '-1 days +02:00:00');
  assert.equal(formatText(iv(0, 3, -1500000), T.interval), '3 days -00:00:01.5');
  assert.deepEqual(parseText('1 year 2 mons 3 days 04:05:06', T.interval), iv(14, 3, (4 * 3600 + 5 * 60 + 6) * 1e6));
  assert.deepEqual(parseText('2 hours 30 minutes', T.interval), iv(0, 0, 2.5 * 3600e6));
  assert.deepEqual(parseText('@ 1 day ago', T.interval), iv(0, -1, 0));
  assert.deepEqual(parseText('P1Y2M3DT4H', T.interval), iv(14, 3, 4 * 3600e6));
  throwsCode(() => parseText('soon', T.interval), '22007');
});

test('bytea, uuid, json', () => {
  assert.equal(formatText(Uint8Array.of(1, 2, 0xff), T.bytea), '\\x0102ff');
  assert.deepEqual(parseText('\\x0102ff', T.bytea), Uint8Array.of(1, 2, 0xff));
  assert.deepEqual(parseText('a\\\\b\\001', T.bytea), Uint8Array.of(0x61, 0x5c, 0x62, 1));
  assert.equal(parseText('{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11}', T.uuid), 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11');
  throwsCode(() => parseText('xyz', T.uuid), '22P02', 'invalid input syntax for type uuid: "xyz"');
  assert.equal(String(parseText('{"a": 1}', T.jsonb)), '{"a": 1}');
  throwsCode(() => parseText('{a', T.json), '22P02');
});

test('jsonb input is stored in its normal form (outputs from PostgreSQL 15)', () => {
  const jsonb = (text: string) => String(parseText(text, T.jsonb));
  assert.equal(jsonb('{"b": 1,  "a": [1,2]}'), '{"a": [1, 2], "b": 1}');
  assert.equal(jsonb('{"bb":1,"a":{"z":null,"y":1.50e1},"a":"x\\u00e9\\n"}'), '{"a": "xé\\n", "bb": 1}');
  assert.equal(jsonb('{"a":{"z":null,"y":1.50e1}}'), '{"a": {"y": 15.0, "z": null}}');
  assert.equal(jsonb(' [1e2, -0, true, "\\u00e9\\u0001"] '), '[100, 0, true, "é\\u0001"]');
  assert.equal(parseText('{"b":1,  "a":2}', T.json), '{"b":1,  "a":2}');
});

test('arrays with PostgreSQL quoting', () => {
  assert.equal(formatText([1, 2, null], sqlType('int4', { array: true })), '{1,2,NULL}');
  assert.equal(formatText(['a b', 'x"y', null, '', 'NULL', 'back\\slash'], T.textArray), '{"a b","x\\"y",NULL,"","NULL","back\\\\slash"}');
  assert.equal(formatText(Float32Array.of(0.1, 0.2), T.float4Array), '{0.1,0.2}');
  assert.deepEqual(parseText('{"a b","x\\"y",NULL,"NULL", c }', T.textArray), ['a b', 'x"y', null, 'NULL', 'c']);
  assert.deepEqual(parseText('{}', T.textArray), []);
  assert.deepEqual(parseText('{0.1,0.2}', T.float4Array), Float32Array.of(0.1, 0.2));
  assert.deepEqual(parseText('{1,NULL}', T.float4Array), [1, null]);
  throwsCode(() => parseText('1,2', T.textArray), '22P02', 'malformed array literal: "1,2"');
  throwsCode(() => parseText('{1,x}', sqlType('int4', { array: true })), '22P02', 'invalid input syntax for type integer: "x"');
});
