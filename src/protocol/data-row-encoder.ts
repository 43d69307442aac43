/**
 * A batch of rows → DataRow frames, written straight into the connection's buffer: one cell
 * writer per column, chosen once per batch from its type and format, so a row costs no Cell[]
 * array and a text cell no formatText dispatch; integers and ISO timestamps are written as ASCII
 * bytes in place (types/text-bytes.ts), without a string per cell. Output is byte for byte what `encodeRow` +
 * `writeDataRow` give (value-encoding.ts stays the reference for a single row). A column-major
 * batch (a streamed scan's) is encoded the same way by `dataColumnsEncoder`, without rows.
 */
import type { ColumnValues, ResultColumn } from '../engine/index.js';
import { encodeBinary } from '../types/binary-codec.js';
import { formatTimestamp } from '../types/datetime-codec.js';
import { formatFloat } from '../types/float-codec.js';
import type { ScalarTypeId, SqlType } from '../types/sql-type.js';
import { formatText, type TextCodecOptions } from '../types/text-codec.js';
import { textSliceValue } from '../types/text-slices.js';
import { INT_ASCII_MAX_BYTES, ISO_TIMESTAMP_MAX_BYTES, writeIntAscii, writeIsoTimestampAscii } from '../types/text-bytes.js';
import { DEFAULT_DATE_STYLE } from '../types/datetime-style.js';
import type { Row, Value } from '../types/value.js';
import { BackendCode, FormatCode, NULL_LENGTH, type BufferWriter } from './codec/index.js';
import type { MessageWriter } from './message-writer.js';

/** Writes one non-NULL cell (length word and bytes). */
type CellWriter = (w: BufferWriter, value: Value) => void;

/** Types whose text form of a string value is the string itself (formatText's `String(value)`). */
const STRING_TEXT_TYPES: ReadonlySet<ScalarTypeId> = new Set(['text', 'varchar', 'bpchar', 'name', 'char', 'unknown', 'uuid', 'json']);

function cellWriter(type: SqlType, format: number, opts: TextCodecOptions): CellWriter {
  if (format === FormatCode.Binary) return (w, v) => { const bytes = encodeBinary(v, type); w.int32(bytes.length).bytes(bytes); };
  const general: CellWriter = (w, v) => { w.lengthPrefixedString(formatText(v, type, opts)); };
  if (type.array || type.fields) return general;
  if (STRING_TEXT_TYPES.has(type.id)) {
    return (w, v) => (typeof v === 'string' ? w.lengthPrefixedString(v) : general(w, v));
  }
  // The common scalar types skip formatText's dispatch (the same calls it would make).
  switch (type.id) {
    case 'int2': case 'int4': return (w, v) => {
      if (typeof v !== 'number') return general(w, v);
      const at = w.beginCell(INT_ASCII_MAX_BYTES);
      const written = writeIntAscii(v, w.target, at);
      if (written > 0) w.endCell(written);
      else w.lengthPrefixedString(String(v));
    };
    case 'bool': return (w, v) => (typeof v === 'boolean' ? w.lengthPrefixedString(v ? 't' : 'f') : general(w, v));
    case 'float8': {
      const extra = opts.extraFloatDigits;
      return (w, v) => (typeof v === 'number' ? w.lengthPrefixedString(formatFloat(v, false, extra)) : general(w, v));
    }
    case 'timestamp': {
      const style = opts.dateStyle ?? DEFAULT_DATE_STYLE;
      if (style.style !== 'ISO') return (w, v) => (typeof v === 'number' ? w.lengthPrefixedString(formatTimestamp(v, style)) : general(w, v));
      return (w, v) => {
        if (typeof v !== 'number') return general(w, v);
        const at = w.beginCell(ISO_TIMESTAMP_MAX_BYTES);
        const written = writeIsoTimestampAscii(v, w.target, at);
        if (written > 0) w.endCell(written);
        else w.lengthPrefixedString(formatTimestamp(v, style));
      };
    }
    default: return general;
  }
}

/**
 * Appends one DataRow per row to the writer's buffer, flushing (with back-pressure) whenever
 * enough is pending; a row whose cell fails to encode leaves nothing of itself in the buffer.
 * @example
 * await dataRowEncoder(columns, [0, 0], {})(writer, rows);
 */
export function dataRowEncoder(columns: readonly ResultColumn[], formats: readonly number[], opts: TextCodecOptions) {
  const writers = cellWriters(columns, formats, opts);
  return async (out: MessageWriter, rows: readonly Row[]): Promise<void> => {
    const w: BufferWriter = out.buf;
    for (const row of rows) {
      const start = w.length;
      try {
        w.startFrame(BackendCode.DataRow).int16(row.length);
        for (let i = 0; i < row.length; i++) {
          const v = row[i]!;
          if (v === null) w.int32(NULL_LENGTH);
          else writers[i]!(w, v);
        }
        w.endFrame();
      } catch (err) {
        w.truncate(start);
        throw err;
      }
      if (out.shouldFlush) await out.flush();
    }
  };
}

function cellWriters(columns: readonly ResultColumn[], formats: readonly number[], opts: TextCodecOptions): CellWriter[] {
  return columns.map((c, i) => cellWriter(c.type, formats[i] ?? FormatCode.Text, opts));
}

/**
 * `dataRowEncoder` for a column-major batch: row r's DataRow holds `batch.columns[c][r]` for
 * each column c. The same bytes as encoding the batch's rows, with no row built per tuple; a
 * column given as text slices (ColumnValues.textSlices) is copied byte for byte when its text
 * form is the string itself, else decoded and written as a value.
 * @example
 * await dataColumnsEncoder(columns, [0], {})(writer, { rowCount: 2, columns: [[1, 2]] });
 */
export function dataColumnsEncoder(columns: readonly ResultColumn[], formats: readonly number[], opts: TextCodecOptions) {
  const writers = cellWriters(columns, formats, opts);
  const verbatim = columns.map((c, i) => (formats[i] ?? FormatCode.Text) === FormatCode.Text
    && !c.type.array && !c.type.fields && STRING_TEXT_TYPES.has(c.type.id));
  return async (out: MessageWriter, batch: ColumnValues): Promise<void> => {
    const w: BufferWriter = out.buf;
    const values = batch.columns;
    const slices = batch.textSlices ?? [];
    const width = values.length;
    for (let r = 0; r < batch.rowCount; r++) {
      const start = w.length;
      try {
        w.startFrame(BackendCode.DataRow).int16(width);
        for (let c = 0; c < width; c++) {
          const text = slices[c];
          if (text && verbatim[c]) {
            if (text.nulls?.[r]) w.int32(NULL_LENGTH);
            else w.lengthPrefixedRange(text.bytes, text.offsets[r]!, text.offsets[r + 1]!);
            continue;
          }
          const v = text ? textSliceValue(text, r) : values[c]![r]!;
          if (v === null) w.int32(NULL_LENGTH);
          else writers[c]!(w, v);
        }
        w.endFrame();
      } catch (err) {
        w.truncate(start);
        throw err;
      }
      if (out.shouldFlush) await out.flush();
    }
  };
}
