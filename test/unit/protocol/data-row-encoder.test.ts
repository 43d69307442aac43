/**
 * The batch DataRow encoder against the one-row reference (`encodeRow` + `writeDataRow`): the
 * same bytes for every kind of cell (ASCII and not, long strings, lone surrogates, NULLs,
 * binary format, non-string values in text-typed columns), and a failing cell leaves no partial
 * frame behind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BufferWriter, writeDataRow } from '../../../src/protocol/codec/index.js';
import { dataRowEncoder } from '../../../src/protocol/data-row-encoder.js';
import type { MessageWriter } from '../../../src/protocol/message-writer.js';
import { encodeRow } from '../../../src/protocol/value-encoding.js';
import { T, type SqlType } from '../../../src/types/sql-type.js';
import type { Row } from '../../../src/types/value.js';

const col = (type: SqlType) => ({ name: 'c', type, tableOid: 0, columnAttnum: 0 });
const columns = [col(T.text), col(T.int4), col(T.float8), col(T.bool), col(T.varchar), col(T.timestamp), col(T.textArray), col(T.int2)];
const LONG = 'x'.repeat(70);
const rows: Row[] = [
  ['plain', 1, 0.1, true, 'v', 0, ['a', null], 1],
  ['héllo wörld', -2147483648, 1e300, false, '日本語', 1_700_000_000_000_000, [], -32768],
  [LONG, null, null, null, `${LONG}é`, null, null, null],
  ['\ud800 lone', 0, -0, true, '', 86_400_000_000, ['x y'], -0],
  ['', 7, Number.NaN, false, 'a\u007fb', -1, null, 0],
  ['inf', 2147483647, Infinity, true, 'x', Infinity, ['"q"'], 5],
  ['ninf', -1, 1e-7, false, 'y', -Infinity, ['\\'], 6],
];

/** A MessageWriter that never flushes, so the whole batch stays in its buffer. */
function writer(): MessageWriter {
  return { buf: new BufferWriter(16), shouldFlush: false, flush: async () => undefined } as unknown as MessageWriter;
}

function reference(formats: readonly number[]): Buffer {
  const w = new BufferWriter();
  for (const row of rows) writeDataRow(w, encodeRow(row, columns, formats, {}));
  return Buffer.from(w.view());
}

test('text format: the same bytes as the one-row reference', async () => {
  const out = writer();
  await dataRowEncoder(columns, [], {})(out, rows);
  assert.deepEqual(Buffer.from(out.buf.view()), reference([]));
});

test('session options (extra_float_digits, DateStyle) reach the per-type writers', async () => {
  const opts = { extraFloatDigits: 0, dateStyle: { style: 'SQL', order: 'DMY' } } as const;
  const out = writer();
  await dataRowEncoder(columns, [], opts)(out, rows);
  const w = new BufferWriter();
  for (const row of rows) writeDataRow(w, encodeRow(row, columns, [], opts));
  assert.deepEqual(Buffer.from(out.buf.view()), Buffer.from(w.view()));
});

test('binary format per column: the same bytes as the one-row reference', async () => {
  const formats = [1, 1, 0, 1, 0, 1, 0, 1];
  const out = writer();
  await dataRowEncoder(columns, formats, {})(out, rows);
  assert.deepEqual(Buffer.from(out.buf.view()), reference(formats));
});

test('a cell that fails to encode leaves the rows before it and nothing of its own row', async () => {
  const out = writer();
  const bad: Row[] = [rows[0]!, ['ok', 1, 1, true, 'v', 0, { notAnArray: true } as never, 1]];
  await assert.rejects(dataRowEncoder(columns, [], {})(out, bad));
  const first = new BufferWriter();
  writeDataRow(first, encodeRow(rows[0]!, columns, [], {}));
  assert.deepEqual(Buffer.from(out.buf.view()), Buffer.from(first.view()));
});
