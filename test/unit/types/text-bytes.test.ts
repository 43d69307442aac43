/**
 * The ASCII byte writers (types/text-bytes.ts) must write exactly the bytes of the string forms
 * they stand in for — `String(n)` for integers, `formatTimestamp` in ISO for timestamps — and
 * decline (0) every case they do not cover, so the caller's string path takes it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysFromCivil } from '../../../src/types/datetime-codec-calendar.js';
import { formatTimestamp } from '../../../src/types/datetime-codec.js';
import { INT_ASCII_MAX_BYTES, ISO_TIMESTAMP_MAX_BYTES, writeIntAscii, writeIsoTimestampAscii } from '../../../src/types/text-bytes.js';
import { MICROS_PER_DAY } from '../../../src/types/value.js';

const MICROS_PER_SECOND = 1_000_000;

function written(write: (v: number, out: Uint8Array, at: number) => number, v: number, max: number): string | undefined {
  const out = new Uint8Array(max + 3).fill(0x21);
  const n = write(v, out, 3);
  if (n === 0) return undefined;
  assert.ok(n <= max, `${v}: ${n} bytes > ${max}`);
  assert.equal(out[3 + n] ?? 0x21, 0x21, 'nothing written past the count');
  return Buffer.from(out.subarray(3, 3 + n)).toString('latin1');
}

test('integers: the bytes of String(n), int4 and int2 bounds included', () => {
  const cases = [0, -0, 1, -1, 9, 10, 99, 100, -100, 32767, -32768, 2147483647, -2147483648, 123456789, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
  for (const n of cases) assert.equal(written(writeIntAscii, n, INT_ASCII_MAX_BYTES), String(n), String(n));
  let seed = 7;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const n = (seed - 2 ** 30) | 0;
    assert.equal(written(writeIntAscii, n, INT_ASCII_MAX_BYTES), String(n));
  }
});

test('integers: non-integers are declined', () => {
  for (const n of [0.5, NaN, Infinity, -Infinity, 2 ** 60]) assert.equal(writeIntAscii(n, new Uint8Array(32), 0), 0, String(n));
});

test('timestamps: the bytes of formatTimestamp (ISO), whole seconds and fractions', () => {
  const at = (y: number, m: number, d: number) => daysFromCivil(y, m, d) * MICROS_PER_DAY;
  const cases = [
    0, -1, 1, 86_400_000_000, 1_700_000_000_000_000, at(1000, 1, 1), at(9999, 12, 31) + 86_399 * MICROS_PER_SECOND,
    at(2024, 2, 29) + 500_000, at(2024, 1, 1) + 10 * 3600 * MICROS_PER_SECOND + 123_456, at(1969, 12, 31) + 1_000,
    at(2000, 1, 1) + 59 * MICROS_PER_SECOND + 100_000, at(1970, 1, 1) - 10,
  ];
  for (const v of cases) assert.equal(written(writeIsoTimestampAscii, v, ISO_TIMESTAMP_MAX_BYTES), formatTimestamp(v), String(v));
  let seed = 11;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    // Spread over years ~1100–8900, some with a fraction, some on whole seconds.
    const v = at(1100, 1, 1) + Math.floor((seed / 2 ** 31) * 2.4e17 / MICROS_PER_SECOND) * MICROS_PER_SECOND + (i % 3 ? seed % MICROS_PER_SECOND : 0);
    const got = written(writeIsoTimestampAscii, v, ISO_TIMESTAMP_MAX_BYTES);
    // A fraction beyond ±2^53 µs is left to formatTimestamp.
    if (got !== undefined || Number.isSafeInteger(v) || v % MICROS_PER_SECOND === 0) assert.equal(got, formatTimestamp(v), String(v));
  }
});

test('timestamps: infinity, BC and five-digit years, non-integer µs are declined', () => {
  const at = (y: number) => daysFromCivil(y, 1, 1) * MICROS_PER_DAY;
  for (const v of [Infinity, -Infinity, at(999), at(10000), at(-44), 0.5]) {
    assert.equal(writeIsoTimestampAscii(v, new Uint8Array(32), 0), 0, String(v));
  }
});
