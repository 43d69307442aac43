/**
 * A row group's column as a bulk loader fills it (COPY FROM's CSV path): typed slots, or UTF-8
 * bytes with end offsets, plus NULL flags — the chunk's own payload layout, so a chunk is one
 * header and one copy, where `encodeChunk` walks a JS value per row (about a third of COPY's
 * CPU before, 2026-12-08, issue 8). Any other column comes as values and goes through
 * `encodeChunk`. Both give the same bytes for the same values (test/unit/storage).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { SqlType } from '../types/sql-type.js';
import type { Value } from '../types/value.js';
import { encodeChunk, scalarCodecOf } from './chunk-codec.js';
import { allocateChunkWithNulls, ChunkCodecId } from './chunk-format.js';

/**
 * One column of `rowCount` rows (arrays may be longer: a loader reuses them group after group).
 * `nulls[i]` is 1 for a NULL row, whose slot holds 0 (and whose text is empty); undefined: none.
 */
export type ColumnVector =
  | { readonly kind: 'int32'; readonly slots: Int32Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'float64'; readonly slots: Float64Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'bool'; readonly slots: Uint8Array; readonly nulls: Uint8Array | undefined }
  /** Row i's bytes are `bytes[ends[i - 1] ?? 0, ends[i])`, valid UTF-8. */
  | { readonly kind: 'utf8'; readonly ends: Uint32Array; readonly bytes: Uint8Array; readonly nulls: Uint8Array | undefined }
  | { readonly kind: 'values'; readonly values: readonly Value[] };

/** The chunk codec each slot kind is the payload of. */
const SLOT_CODECS = {
  int32: ChunkCodecId.Int32, float64: ChunkCodecId.Float64, bool: ChunkCodecId.Bool, utf8: ChunkCodecId.Utf8,
} as const;

/** Whether a column of `type` can be filled as slots of `kind` (else a loader gives values). */
export function vectorFits(type: SqlType, kind: keyof typeof SLOT_CODECS): boolean {
  return scalarCodecOf(type) === SLOT_CODECS[kind];
}

/** Encodes the first `rowCount` rows of `vector` as `encodeChunk` encodes the same values for `type`. */
export function encodeColumnVector(type: SqlType, vector: ColumnVector, rowCount: number): Uint8Array {
  if (vector.kind === 'values') {
    return encodeChunk(type, vector.values.length === rowCount ? vector.values : vector.values.slice(0, rowCount));
  }
  if (!vectorFits(type, vector.kind)) {
    throw new SqlError(SQLSTATE.InternalError, `a ${vector.kind} column vector cannot hold values of type ${type.id}`);
  }
  const codec = SLOT_CODECS[vector.kind];
  if (vector.kind === 'utf8') {
    const dataBytes = rowCount === 0 ? 0 : vector.ends[rowCount - 1]!;
    const offsetsBytes = 4 * (rowCount + 1);
    const { bytes, payloadOffset } = allocateChunkWithNulls(codec, rowCount, vector.nulls, offsetsBytes + dataBytes);
    // Offsets are [0, end of row 0, …]: the payload offset is 8-aligned, so a typed array view is.
    new Uint32Array(bytes.buffer, payloadOffset + 4, rowCount).set(vector.ends.subarray(0, rowCount));
    bytes.set(vector.bytes.subarray(0, dataBytes), payloadOffset + offsetsBytes);
    return bytes;
  }
  const slots = vector.slots;
  const width = slots.BYTES_PER_ELEMENT;
  const { bytes, payloadOffset } = allocateChunkWithNulls(codec, rowCount, vector.nulls, rowCount * width);
  bytes.set(new Uint8Array(slots.buffer, slots.byteOffset, rowCount * width), payloadOffset);
  return bytes;
}
