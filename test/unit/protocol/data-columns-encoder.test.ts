/**
 * The column-batch DataRow encoder (a streamed scan's path) against the row encoder: the same
 * bytes for every kind of cell, NULLs in every column, edge floats and timestamps, session
 * options, binary formats, and text columns handed over as UTF-8 slices of a stored chunk
 * (copied verbatim in text format, decoded for binary format or non-string types).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BufferWriter } from '../../../src/protocol/codec/index.js';
import { dataColumnsEncoder, dataRowEncoder } from '../../../src/protocol/data-row-encoder.js';
import type { MessageWriter } from '../../../src/protocol/message-writer.js';
import { T, type SqlType } from '../../../src/types/sql-type.js';
import type { TextSlices } from '../../../src/types/text-slices.js';
import type { Row, Value } from '../../../src/types/value.js';

const col = (type: SqlType) => ({ name: 'c', type, tableOid: 0, columnAttnum: 0 });
const columns = [col(T.int4), col(T.text), col(T.float8), col(T.bool), col(T.timestamp), col(T.varchar)];
const MICROS_PER_MS = 1000;
/** 0002-03-04 05:06:07.5 BC (astronomical year -1). */
const BC = Date.UTC(-1, 2, 4, 5, 6, 7, 500) * MICROS_PER_MS;
const rows: Row[] = [
  [1, 'plain', 0.1, true, 0, 'v'],
  [-2147483648, 'héllo wörld', -0, false, 1_700_000_000_123_456, '日本語 🐘'],
  [null, null, null, null, null, null],
  [0, '', Number.NaN, true, Infinity, ''],
  [2147483647, 'x'.repeat(70), Infinity, false, -Infinity, `${'y'.repeat(70)}é`],
  [7, '\ufeffbom first', -Infinity, null, -1, null],
  [null, 'a\u007fb', 1e-300, true, BC, 'z'],
  [5, 'n', 1e22, false, 1_000_000, 'w'],
  [6, 'm', 123456789012345680000, true, -1, 'u'],
];

function writer(): MessageWriter {
  return { buf: new BufferWriter(16), shouldFlush: false, flush: async () => undefined } as unknown as MessageWriter;
}

/** The rows' column c as values. */
const valuesOf = (c: number): Value[] => rows.map((row) => row[c]!);

/** Text values as a stored chunk would hand them over: UTF-8 ranges of one buffer. */
function slicesOf(values: readonly Value[]): TextSlices {
  const parts = values.map((v) => Buffer.from(v === null ? '' : (v as string), 'utf8'));
  const offsets = new Uint32Array(values.length + 1);
  // A prefix, so the ranges do not start at 0 (as in a chunk, after its header).
  const PREFIX = 3;
  offsets[0] = PREFIX;
  parts.forEach((p, i) => (offsets[i + 1] = offsets[i]! + p.length));
  const nulls = values.some((v) => v === null) ? Uint8Array.from(values, (v) => (v === null ? 1 : 0)) : undefined;
  return { bytes: Buffer.concat([Buffer.alloc(PREFIX, 0xff), ...parts]), offsets, nulls };
}

async function byRows(formats: readonly number[], opts = {}): Promise<Buffer> {
  const out = writer();
  await dataRowEncoder(columns, formats, opts)(out, rows);
  return Buffer.from(out.buf.view());
}

async function byColumns(formats: readonly number[], opts = {}, sliced = false): Promise<Buffer> {
  const out = writer();
  const textSlices = sliced ? columns.map((c, i) => (c.type === T.text || c.type === T.varchar ? slicesOf(valuesOf(i)) : undefined)) : undefined;
  const batch = {
    rowCount: rows.length,
    columns: columns.map((_, i) => (textSlices?.[i] ? [] : valuesOf(i))),
    ...(textSlices ? { textSlices } : {}),
  };
  await dataColumnsEncoder(columns, formats, opts)(out, batch);
  return Buffer.from(out.buf.view());
}

test('column batches: the same DataRows as the rows, text format', async () => {
  assert.deepEqual(await byColumns([]), await byRows([]));
});

test('text columns as slices: copied verbatim, the same DataRows (multi-byte, empty, a leading BOM, NULLs)', async () => {
  assert.deepEqual(await byColumns([], {}, true), await byRows([]));
});

test('session options reach the column path (extra_float_digits 0, DateStyle SQL/DMY)', async () => {
  const opts = { extraFloatDigits: 0, dateStyle: { style: 'SQL', order: 'DMY' } } as const;
  assert.deepEqual(await byColumns([], opts, true), await byRows([], opts));
  assert.notDeepEqual(await byRows([], opts), await byRows([]));
});

test('binary format: sliced text is decoded and encoded as a value, the same bytes', async () => {
  const formats = [1, 1, 1, 1, 1, 0];
  assert.deepEqual(await byColumns(formats, {}, true), await byRows(formats));
});

test('the text forms PostgreSQL prints for edge values', async () => {
  const out = await byColumns([], {}, true);
  const text = out.toString('utf8');
  for (const expected of ['-0', 'NaN', '-Infinity', '1e-300', '1e+22', '1.2345678901234568e+20', 'infinity', '-infinity',
    '0002-03-04 05:06:07.5 BC', '1969-12-31 23:59:59.999999', '1970-01-01 00:00:01', '\ufeffbom first', '日本語 🐘']) {
    assert.ok(text.includes(expected), `${expected} in the DataRows`);
  }
});
