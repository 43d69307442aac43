/**
 * Variable-length chunks: text-like values as UTF-8, jsonb as its normal-form text (read back
 * unparsed: an operator parses it only if it looks inside), numeric as its exact decimal text,
 * bytea as raw bytes. Payload = uint32 end offsets (rowCount + 1, first is 0) then the concatenated
 * bytes, so row i is bytes[off[i], off[i+1]) — random access without a per-row length walk.
 */
import { isAscii } from 'node:buffer';
import { Decimal } from 'decimal.js';
import { JsonbValue } from '../types/jsonb-value.js';
import { formatNumeric, parseNumeric } from '../types/numeric-codec.js';
import type { TextSlices } from '../types/text-slices.js';
import type { Value } from '../types/value.js';
import { allocateChunk, ChunkCodecId, corrupt, type ChunkHeader } from './chunk-format.js';
import { valueMismatch } from './value-mismatch.js';

export type VarlenCodecId = typeof ChunkCodecId.Utf8 | typeof ChunkCodecId.Jsonb | typeof ChunkCodecId.Numeric
  | typeof ChunkCodecId.Bytes;

/** ignoreBOM: each value is decoded alone, and a value may begin with U+FEFF (the decoder would drop it). */
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** The value as a string to store as UTF-8, or bytes to store as they are. */
function toStored(codec: VarlenCodecId, v: Value): string | Uint8Array {
  switch (codec) {
    case ChunkCodecId.Utf8:
      if (typeof v !== 'string') throw valueMismatch(v, 'text');
      return v;
    case ChunkCodecId.Jsonb:
      if (!(v instanceof JsonbValue)) throw valueMismatch(v, 'jsonb');
      return v.toString();
    case ChunkCodecId.Numeric:
      // Stored as fixed-point text at the value's display scale so `1.50` reads back as 1.50
      // (decimal.js alone drops trailing zeros).
      if (!Decimal.isDecimal(v)) throw valueMismatch(v, 'numeric');
      return formatNumeric(v as Decimal);
    case ChunkCodecId.Bytes:
      if (!(v instanceof Uint8Array)) throw valueMismatch(v, 'bytea');
      return v;
  }
}

/**
 * Encodes variable-length values (NULLs allowed; NULL and '' are distinct via the bitmap).
 * Strings are measured, then written straight into the one chunk buffer (no per-value copy).
 */
export function encodeVarlenChunk(codec: VarlenCodecId, values: readonly Value[]): Uint8Array {
  if (codec === ChunkCodecId.Utf8) {
    const ascii = encodeAsciiTextChunk(values);
    if (ascii) return ascii;
  }
  const n = values.length;
  const stored = new Array<string | Uint8Array | null>(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    stored[i] = v === null ? null : toStored(codec, v);
  }
  return (codec !== ChunkCodecId.Bytes && encodeAsciiChunk(codec, values, stored as readonly (string | null)[]))
    || encodeEachValue(codec, values, stored);
}

/**
 * The chunk of strings that are all ASCII, else undefined: joined natively into one string,
 * measured once (its UTF-8 length equals its length only when every unit is ASCII) and written
 * with one call; each value's byte length is then its length. A native call or a JavaScript
 * copy loop per value cost ~5× more per COPY row (2026-12-07, issue 8).
 */
function encodeAsciiChunk(codec: VarlenCodecId, values: readonly Value[], stored: readonly (string | null)[]): Uint8Array | undefined {
  const strings: string[] = [];
  for (const item of stored) if (item !== null) strings.push(item);
  const joined = strings.join('');
  if (Buffer.byteLength(joined, 'utf8') !== joined.length) return undefined;
  const n = stored.length;
  const offsetsBytes = 4 * (n + 1);
  const { bytes, view, payloadOffset } = allocateChunk(codec, values, offsetsBytes + joined.length);
  const dataStart = payloadOffset + offsetsBytes;
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(joined, dataStart, 'latin1');
  let pos = 0;
  view.setUint32(payloadOffset, 0, true);
  for (let i = 0; i < n; i++) {
    pos += stored[i]?.length ?? 0;
    view.setUint32(payloadOffset + 4 * (i + 1), pos, true);
  }
  return bytes;
}

/**
 * A text chunk whose values are all ASCII strings (or NULL), else undefined: `encodeAsciiChunk`
 * without its copies of the values — Array#join writes NULL as '' itself, and each value is
 * its own stored form. COPY's text columns take this path (2026-12-08, issue 8).
 */
function encodeAsciiTextChunk(values: readonly Value[]): Uint8Array | undefined {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v !== 'string' && v !== null) throw valueMismatch(v!, 'text');
  }
  const joined = values.join('');
  if (Buffer.byteLength(joined, 'utf8') !== joined.length) return undefined;
  const offsetsBytes = 4 * (n + 1);
  const { bytes, payloadOffset } = allocateChunk(ChunkCodecId.Utf8, values, offsetsBytes + joined.length);
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(joined, payloadOffset + offsetsBytes, 'latin1');
  // The payload offset is a multiple of 8, so the end offsets can be written through a typed array.
  const offsets = new Uint32Array(bytes.buffer, bytes.byteOffset + payloadOffset, n + 1);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i] as string | null;
    if (v !== null) pos += v.length;
    offsets[i + 1] = pos;
  }
  return bytes;
}

/** The general chunk: each value measured and written in turn (bytes, or text that is not all ASCII). */
function encodeEachValue(codec: VarlenCodecId, values: readonly Value[], stored: readonly (string | Uint8Array | null)[]): Uint8Array {
  const n = stored.length;
  const lengths = new Uint32Array(n);
  let dataBytes = 0;
  for (let i = 0; i < n; i++) {
    const item = stored[i]!;
    // Buffer.byteLength and Buffer#write encode lone surrogates as U+FFFD, as TextEncoder does.
    const length = item === null ? 0 : typeof item === 'string' ? Buffer.byteLength(item, 'utf8') : item.length;
    lengths[i] = length;
    dataBytes += length;
  }
  const offsetsBytes = 4 * (n + 1);
  const { bytes, view, payloadOffset } = allocateChunk(codec, values, offsetsBytes + dataBytes);
  const out = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataStart = payloadOffset + offsetsBytes;
  let pos = 0;
  view.setUint32(payloadOffset, 0, true);
  for (let i = 0; i < n; i++) {
    const item = stored[i]!;
    if (typeof item === 'string') out.write(item, dataStart + pos, lengths[i]!, 'utf8');
    else if (item !== null) out.set(item, dataStart + pos);
    pos += lengths[i]!;
    view.setUint32(payloadOffset + 4 * (i + 1), pos, true);
  }
  return bytes;
}

/**
 * Decodes a variable-length chunk (bytea values are copies, so they outlive the chunk buffer);
 * with `rows`, only those row positions, in that order (the offsets give random access).
 */
export function decodeVarlenChunk(header: ChunkHeader, bytes: Uint8Array, rows?: readonly number[]): Value[] {
  const n = header.rowCount;
  const codec = header.codec as VarlenCodecId;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataStart = header.payloadOffset + 4 * (n + 1);
  if (dataStart > bytes.length) throw corrupt('varlen offsets truncated');
  const count = rows ? rows.length : n;
  const out = new Array<Value>(count);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // An all-ASCII chunk (checked once, natively) reads each value as Latin-1, the same string:
  // ~4× cheaper per value than a TextDecoder call. A partial read decodes too few to pay for it.
  const ascii = !rows && codec !== ChunkCodecId.Bytes && isAscii(buf.subarray(dataStart));
  // latin1Slice is what toString('latin1', …) calls after checking its arguments (the offsets were checked above).
  const latin1 = buf as Buffer & { latin1Slice(start: number, end: number): string };
  const text = (start: number, end: number): string => (ascii ? latin1.latin1Slice(start, end) : utf8Decoder.decode(buf.subarray(start, end)));
  for (let k = 0; k < count; k++) {
    const i = rows ? rows[k]! : k;
    if (i >= n) throw corrupt('varlen row out of range');
    if (header.nulls?.[i]) {
      out[k] = null;
      continue;
    }
    const start = dataStart + view.getUint32(header.payloadOffset + 4 * i, true);
    const end = dataStart + view.getUint32(header.payloadOffset + 4 * (i + 1), true);
    if (end > bytes.length || start > end) throw corrupt('varlen offsets out of range');
    out[k] =
      codec === ChunkCodecId.Bytes ? bytes.subarray(start, end).slice()
      : codec === ChunkCodecId.Numeric ? parseNumeric(text(start, end))
      : codec === ChunkCodecId.Jsonb ? JsonbValue.fromNormalText(text(start, end))
      : text(start, end);
  }
  return out;
}

/**
 * A UTF-8 chunk's values as byte ranges of `bytes` (which the caller owns: a copy of the stored
 * chunk), checked as `decodeVarlenChunk` checks them, without a string per value.
 */
export function varlenTextSlices(header: ChunkHeader, bytes: Uint8Array): TextSlices {
  const n = header.rowCount;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataStart = header.payloadOffset + 4 * (n + 1);
  if (dataStart > bytes.length) throw corrupt('varlen offsets truncated');
  const offsets = new Uint32Array(n + 1);
  let previous = dataStart;
  for (let i = 0; i <= n; i++) {
    const at = dataStart + view.getUint32(header.payloadOffset + 4 * i, true);
    if (at > bytes.length || at < previous) throw corrupt('varlen offsets out of range');
    offsets[i] = previous = at;
  }
  return { bytes, offsets, nulls: header.nulls };
}
