/**
 * A bulk loader's column vectors encode to the very bytes `encodeChunk` writes for the same
 * values (so scans cannot tell the two apart), NULLs and reused, longer arrays included; a
 * vector of the wrong kind for the type is refused, never stored.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeChunk } from '../../../src/storage/index.js';
import { encodeColumnVector, type ColumnVector } from '../../../src/storage/column-vector.js';
import { T } from '../../../src/types/sql-type.js';
import type { Value } from '../../../src/types/value.js';

/** Slots for `values` in arrays one row longer than the group (a reused loader buffer). */
function nullFlags(values: readonly Value[]): Uint8Array | undefined {
  return values.includes(null) ? Uint8Array.from([...values.map((v) => (v === null ? 1 : 0)), 1]) : undefined;
}

test('int4, float8, timestamp and bool slots encode as encodeChunk does', () => {
  const ints = [1, null, -2147483648, 2147483647, 0];
  const intVector: ColumnVector = { kind: 'int32', slots: Int32Array.from([...ints.map((v) => v ?? 0), 99]), nulls: nullFlags(ints) };
  assert.deepEqual(encodeColumnVector(T.int4, intVector, ints.length), encodeChunk(T.int4, ints));
  const floats = [1.5, -0, null, 1e300, 0.1];
  const floatVector: ColumnVector = { kind: 'float64', slots: Float64Array.from([...floats.map((v) => v ?? 0), 7]), nulls: nullFlags(floats) };
  assert.deepEqual(encodeColumnVector(T.float8, floatVector, floats.length), encodeChunk(T.float8, floats));
  assert.deepEqual(encodeColumnVector(T.timestamp, floatVector, floats.length), encodeChunk(T.timestamp, floats));
  const bools = [true, false, null, true];
  const boolVector: ColumnVector = { kind: 'bool', slots: Uint8Array.from([1, 0, 0, 1, 1]), nulls: nullFlags(bools) };
  assert.deepEqual(encodeColumnVector(T.bool, boolVector, bools.length), encodeChunk(T.bool, bools));
});

test('UTF-8 bytes with end offsets encode as encodeChunk does for the strings', () => {
  const texts = ['plain', null, '', 'é ü 名前', 'a "quoted" one'];
  const encoder = new TextEncoder();
  const parts = texts.map((t) => encoder.encode(t ?? ''));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + 8);
  const ends = new Uint32Array(texts.length + 1);
  let at = 0;
  parts.forEach((p, i) => {
    bytes.set(p, at);
    at += p.length;
    ends[i] = at;
  });
  const vector: ColumnVector = { kind: 'utf8', ends, bytes, nulls: nullFlags(texts) };
  assert.deepEqual(encodeColumnVector(T.text, vector, texts.length), encodeChunk(T.text, texts));
  assert.deepEqual(encodeColumnVector(T.text, vector, 0), encodeChunk(T.text, []));
});

test('values go through encodeChunk; a slot kind that does not fit the type is an internal error', () => {
  const values = [1n, null, 3n];
  assert.deepEqual(encodeColumnVector(T.int8, { kind: 'values', values: [...values, 4n] }, 3), encodeChunk(T.int8, values));
  const wrong: ColumnVector = { kind: 'int32', slots: new Int32Array(2), nulls: undefined };
  assert.throws(() => encodeColumnVector(T.int8, wrong, 2), (err: Error & { code?: string }) => err.code === 'XX000');
});
