/**
 * Interval chunks: three struct-of-arrays columns — float64 micros, int32 months, int32 days —
 * with micros first so it stays 8-byte aligned. NULL rows hold zeros.
 */
import type { Interval, Value } from '../types/value.js';
import { allocateChunk, ChunkCodecId, corrupt, type ChunkHeader } from './chunk-format.js';
import { valueMismatch } from './value-mismatch.js';

const BYTES_PER_ROW = 8 + 4 + 4;

function isInterval(v: Value): v is Interval {
  return typeof v === 'object' && v !== null && 'months' in v && 'days' in v && 'micros' in v;
}

/** Encodes interval values (NULLs allowed). */
export function encodeIntervalChunk(values: readonly Value[]): Uint8Array {
  const n = values.length;
  const { bytes, payloadOffset } = allocateChunk(ChunkCodecId.Interval, values, n * BYTES_PER_ROW);
  const micros = new Float64Array(bytes.buffer, payloadOffset, n);
  const months = new Int32Array(bytes.buffer, payloadOffset + 8 * n, n);
  const days = new Int32Array(bytes.buffer, payloadOffset + 12 * n, n);
  values.forEach((v, i) => {
    if (v === null) return;
    if (!isInterval(v)) throw valueMismatch(v, 'interval');
    micros[i] = v.micros;
    months[i] = v.months;
    days[i] = v.days;
  });
  return bytes;
}

/** Decodes an interval chunk into fresh Interval objects. */
export function decodeIntervalChunk(header: ChunkHeader, bytes: Uint8Array): Value[] {
  const n = header.rowCount;
  const base = bytes.byteOffset + header.payloadOffset;
  if (header.payloadOffset + n * BYTES_PER_ROW > bytes.length) throw corrupt('interval payload truncated');
  const micros = new Float64Array(bytes.buffer, base, n);
  const months = new Int32Array(bytes.buffer, base + 8 * n, n);
  const days = new Int32Array(bytes.buffer, base + 12 * n, n);
  const out = new Array<Value>(n);
  for (let i = 0; i < n; i++) {
    out[i] = header.nulls?.[i] ? null : { months: months[i], days: days[i], micros: micros[i] };
  }
  return out;
}
