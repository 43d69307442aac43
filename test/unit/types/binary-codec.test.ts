/**
 * Binary codec: round trips and known byte vectors (as PostgreSQL 15 sends them, e.g.
 * `select 1.5::numeric` in binary is 0002 0000 0000 0001 0001 1388).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import { decodeBinary, encodeBinary } from '../../../src/types/binary-codec.js';
import { formatText, parseText } from '../../../src/types/text-codec.js';
import { sqlType, T, type SqlType } from '../../../src/types/sql-type.js';
import type { Value } from '../../../src/types/value.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test('known byte vectors', () => {
  assert.equal(hex(encodeBinary(1, T.int4)), '00000001');
  assert.equal(hex(encodeBinary(1, sqlType('int2'))), '0001');
  assert.equal(hex(encodeBinary(-2n, T.int8)), 'fffffffffffffffe');
  assert.equal(hex(encodeBinary(true, T.bool)), '01');
  assert.equal(hex(encodeBinary(1.5, T.float8)), '3ff8000000000000');
  assert.equal(hex(encodeBinary(parseText('1.5', T.numeric), T.numeric)), '000200000000000100011388');
  assert.equal(hex(encodeBinary(parseText('-12345.678', T.numeric), T.numeric)), '0003000140000003000109291a7c');
  assert.equal(hex(encodeBinary(parseText('0.0001', T.numeric), T.numeric)), '0001ffff000000040001');
  assert.equal(hex(encodeBinary(parseText('0', T.numeric), T.numeric)), '0000000000000000');
  // 2000-01-01 is day 0 in PostgreSQL's binary form.
  assert.equal(hex(encodeBinary(10957, T.date)), '00000000');
  assert.equal(hex(encodeBinary(10957 * 86400e6 + 1, T.timestamptz)), '0000000000000001');
  assert.equal(hex(encodeBinary(Infinity, T.timestamp)), '7fffffffffffffff');
  assert.equal(hex(encodeBinary(parseText('{}', T.jsonb), T.jsonb)), '017b7d');
  assert.equal(hex(encodeBinary('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', T.uuid)), 'a0eebc999c0b4ef8bb6d6bb9bd380a11');
  assert.equal(hex(encodeBinary({ months: 1, days: 2, micros: 3 }, T.interval)), '00000000000000030000000200000001');
  assert.equal(hex(encodeBinary([1, null], sqlType('int4', { array: true }))),
    '00000001' + '00000001' + '00000017' + '00000002' + '00000001' + '0000000400000001' + 'ffffffff');
});

test('round trips', () => {
  const cases: [Value, SqlType][] = [
    [true, T.bool], [-32768, sqlType('int2')], [2147483647, T.int4], [-(2n ** 63n), T.int8],
    [Math.fround(0.1), T.float4], [-0.1, T.float8], [4294967295, T.oid], ['héllo ✓', T.text],
    [Uint8Array.of(0, 1, 255), T.bytea], [-800000, T.date], [Infinity, T.date], [86399999999, sqlType('time')],
    [1700000000123456, T.timestamp], [-Infinity, T.timestamptz], [{ months: -14, days: 3, micros: -5 }, T.interval],
    ['[1]', T.json], [['a', null, 'c'], T.textArray], [Float32Array.of(0.5, -1), T.float4Array],
    [[], T.textArray],
  ];
  for (const [v, t] of cases) assert.deepEqual(decodeBinary(encodeBinary(v, t), t), v, `${t.id}${t.array ? '[]' : ''}`);
  const jsonb = parseText('{"b": [1, 2.50], "a": null}', T.jsonb);
  assert.equal(String(decodeBinary(encodeBinary(jsonb, T.jsonb), T.jsonb)), '{"a": null, "b": [1, 2.50]}');
  for (const n of ['1.50', '-0.0001', '123456789.000000001', '10000', 'NaN', '99990000', '0.00']) {
    const back = decodeBinary(encodeBinary(parseText(n, T.numeric), T.numeric), T.numeric);
    assert.equal(formatText(back, T.numeric), n === '-0.0001' ? '-0.0001' : n);
  }
  assert.ok(new Decimal(0).isZero());
});

test('malformed binary input is a 22P03, not a crash', () => {
  assert.throws(() => decodeBinary(Uint8Array.of(1, 2), T.int4), { code: '22P03' });
  assert.throws(() => decodeBinary(Uint8Array.of(0, 0, 0, 1), T.textArray), { code: '22P03' });
  assert.throws(() => decodeBinary(Uint8Array.of(2, 0x7b), T.jsonb), { code: '22P03' });
});
