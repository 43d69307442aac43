/** Round-trips every column type through its chunk codec, including NULLs and edge values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Decimal } from 'decimal.js';
import { formatNumeric, parseNumeric } from '../../../src/types/numeric-codec.js';
import { decodeChunk, encodeChunk, readVectorMatrix } from '../../../src/storage/index.js';
import { ChunkCodecId, PAYLOAD_ALIGN } from '../../../src/storage/chunk-format.js';
import { sqlType, T, type SqlType } from '../../../src/types/sql-type.js';
import type { Value } from '../../../src/types/value.js';
import { JsonbValue } from '../../../src/types/jsonb-value.js';

function roundTrip(type: SqlType, values: Value[]): Value[] {
  return decodeChunk(encodeChunk(type, values));
}

test('fixed-width scalars round-trip with NULLs', () => {
  const cases: [SqlType, Value[]][] = [
    [T.bool, [true, null, false, true]],
    [T.int2, [-32768, 32767, null, 0]],
    [T.int4, [-2147483648, 2147483647, null, 7]],
    [T.int8, [-(2n ** 63n), 2n ** 63n - 1n, null, 0n]],
    [T.float4, [1.5, -0.25, null, Infinity]],
    [T.float8, [Math.PI, -0, null, NaN, -Infinity]],
    [T.date, [0, -1, 19000, null, Infinity, -Infinity]],
    [sqlType('time'), [0, 86_399_999_999, null]],
    [T.timestamp, [1_700_000_000_123_456, -1, null]],
    [T.timestamptz, [0, null]],
    [T.oid, [16384, 4294967295, null]],
  ];
  for (const [type, values] of cases) assert.deepEqual(roundTrip(type, values), values, type.id);
});

test('int8 accepts integral numbers and returns bigint', () => {
  assert.deepEqual(roundTrip(T.int8, [5, null]), [5n, null]);
});

test('a wrong JS type is an internal error, not silent corruption', () => {
  assert.throws(() => encodeChunk(T.int4, ['x']), { code: 'XX000' });
  assert.throws(() => encodeChunk(T.text, [1]), { code: 'XX000' });
});

test('text-like values keep NULL, empty string and unicode distinct', () => {
  const values: Value[] = ['', null, 'héllo wörld', '😀 emoji', 'a\u0000b', 'x'.repeat(10_000)];
  for (const type of [T.text, T.varchar, T.json, T.uuid, T.name]) {
    assert.deepEqual(roundTrip(type, values), values);
  }
});

test('jsonb values round-trip as their normal text, read back unparsed, in scalars and arrays', () => {
  const values: Value[] = ['{"b": [1, 2.50], "a": "é😀"}', null, '[]', '"x"'].map((t) => (t === null ? null : JsonbValue.parse(t)));
  const texts = (vs: Value[]) => vs.map((v) => (v === null ? null : String(v)));
  const decoded = roundTrip(T.jsonb, values);
  assert.ok(decoded.every((v) => v === null || v instanceof JsonbValue));
  assert.deepEqual(texts(decoded), ['{"a": "é😀", "b": [1, 2.50]}', null, '[]', '"x"']);
  assert.equal(new Uint8Array(encodeChunk(T.jsonb, values))[1], ChunkCodecId.Jsonb);
  const arrays = roundTrip(sqlType('jsonb', { array: true }), [values, null]);
  assert.deepEqual(texts(arrays[0] as Value[]), texts(values));
  assert.throws(() => encodeChunk(T.jsonb, ['{}']), { code: 'XX000' });
});

test('text chunks write multi-byte and lone-surrogate strings at their UTF-8 length', () => {
  const values: Value[] = ['a', '', null, 'é', '日本語', '😀x', '\ud800', 'z'.repeat(5000)];
  const decoded = roundTrip(T.text, values);
  // A lone surrogate is not valid UTF-8 and reads back as U+FFFD, as TextEncoder writes it.
  assert.deepEqual(decoded, values.map((v) => (v === '\ud800' ? '\ufffd' : v)));
});

test('an all-ASCII text chunk (written in one piece) and the same chunk with one non-ASCII value agree', () => {
  const ascii: Value[] = ['', null, 'item 1', 'note, "quoted" 5', '\u007f', null, 'x'.repeat(5000), ''];
  assert.deepEqual(roundTrip(T.text, ascii), ascii);
  assert.deepEqual(roundTrip(T.text, [null, null]), [null, null]);
  const mixed = [...ascii, 'é'];
  assert.deepEqual(roundTrip(T.text, mixed), mixed);
});

test('a value that begins with U+FEFF keeps it, in a text chunk and inside an array (no BOM stripping per value)', () => {
  const values: Value[] = ['\ufeffzero width', 'é', '\ufeff', null];
  assert.deepEqual(roundTrip(T.text, values), values);
  assert.deepEqual(roundTrip(T.textArray, [['\ufeffa', 'b'], null]), [['\ufeffa', 'b'], null]);
});

test('numeric round-trips exactly, including NaN and huge exponents', () => {
  const values = [new Decimal('123.4500'), new Decimal('-1e+400'), new Decimal('1e-50'), new Decimal(NaN), null];
  const out = roundTrip(T.numeric, values);
  out.forEach((v, i) => {
    const want = values[i];
    if (want === null) assert.equal(v, null);
    else assert.equal((v as Decimal).toString(), want.toString());
  });
});

test('bytea and interval round-trip', () => {
  const bytes: Value[] = [new Uint8Array([0, 255, 1]), new Uint8Array(0), null];
  assert.deepEqual(roundTrip(T.bytea, bytes), bytes);
  const iv: Value[] = [{ months: 14, days: -3, micros: 1_000_001 }, null, { months: 0, days: 0, micros: 0 }];
  assert.deepEqual(roundTrip(T.interval, iv), iv);
});

test('empty chunk', () => {
  assert.deepEqual(roundTrip(T.int4, []), []);
  assert.deepEqual(roundTrip(T.float4Array, []), []);
});

test('uniform float4[] is a dense matrix viewable in place', () => {
  const values: Value[] = [new Float32Array([1, 2, 3]), null, [4, 5, 6], new Float32Array([7, 8, 9])];
  const bytes = encodeChunk(T.float4Array, values);
  assert.equal(bytes[1], ChunkCodecId.VectorDense);
  const out = decodeChunk(bytes);
  assert.ok(out[0] instanceof Float32Array);
  assert.deepEqual([...(out[2] as Float32Array)], [4, 5, 6]);
  assert.equal(out[1], null);
  const m = readVectorMatrix(bytes);
  assert.ok(m);
  assert.equal(m.dim, 3);
  assert.equal((m.matrix.byteOffset) % 4, 0);
  assert.deepEqual([...m.matrix], [1, 2, 3, 0, 0, 0, 4, 5, 6, 7, 8, 9]);
  assert.deepEqual([...m.nulls!], [0, 1, 0, 0]);
  // The matrix shares the chunk's buffer: no per-row copies.
  assert.equal(m.matrix.buffer, bytes.buffer);
});

test('ragged float4[] falls back to runs and still decodes per row', () => {
  const values: Value[] = [new Float32Array([1]), new Float32Array([2, 3]), null, new Float32Array(0)];
  const bytes = encodeChunk(T.float4Array, values);
  assert.equal(bytes[1], ChunkCodecId.VectorRagged);
  assert.equal(readVectorMatrix(bytes), undefined);
  assert.deepEqual(decodeChunk(bytes).map((v) => (v === null ? null : [...(v as Float32Array)])), [[1], [2, 3], null, []]);
});

test('float4[] with NULL elements uses the generic array codec', () => {
  const values: Value[] = [[1.5, null], null];
  const bytes = encodeChunk(T.float4Array, values);
  assert.equal(bytes[1], ChunkCodecId.TaggedArray);
  assert.deepEqual(decodeChunk(bytes), values);
});

test('generic arrays keep every element kind exact', () => {
  const values: Value[] = [
    [1, 2, null], [], null, ['a', '', 'ünï', null], [2n ** 70n, -1n],
    [true, false], [new Uint8Array([9]), { months: 1, days: 2, micros: 3 }], [[1, 2], [3]],
  ];
  assert.deepEqual(roundTrip(T.textArray, values), values);
  const dec = roundTrip(sqlType('numeric', { array: true }), [[new Decimal('1.10'), null]]);
  assert.equal(((dec[0] as Value[])[0] as Decimal).toString(), '1.1');
});

test('decoding an unaligned buffer copies it once and still works', () => {
  const bytes = encodeChunk(T.float8, [1.25, 2.5]);
  const shifted = new Uint8Array(bytes.length + 3).subarray(3);
  shifted.set(bytes);
  assert.equal(shifted.byteOffset % PAYLOAD_ALIGN, 3);
  assert.deepEqual(decodeChunk(shifted), [1.25, 2.5]);
});

test('numeric keeps its display scale through a chunk (1.50 stays 1.50)', () => {
  const out = roundTrip(T.numeric, [parseNumeric('1.50'), parseNumeric('2'), parseNumeric('0.000')]);
  assert.deepEqual(out.map((v) => formatNumeric(v as Decimal)), ['1.50', '2', '0.000']);
});
