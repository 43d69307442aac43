/**
 * The byte layout shared by every column chunk: a fixed header, an optional null bitmap, then a
 * codec-specific payload that starts on an 8-byte boundary so typed arrays (Float64Array,
 * BigInt64Array, Float32Array) can view it in place without copying.
 *
 * | offset | size | field                                                       |
 * |--------|------|-------------------------------------------------------------|
 * | 0      | u8   | format version (CHUNK_FORMAT_VERSION)                       |
 * | 1      | u8   | codec id (ChunkCodecId)                                     |
 * | 2      | u16  | flags (bit 0: null bitmap present)                          |
 * | 4      | u32  | row count                                                   |
 * | 8      | u32  | payload offset (multiple of 8)                              |
 * | 12     | u32  | codec parameter (e.g. vector dimension), 0 if unused       |
 * | 16     | …    | null bitmap, ceil(rows/8) bytes, bit set = NULL            |
 * | payload offset | … | payload                                                 |
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

export const CHUNK_FORMAT_VERSION = 1;
export const CHUNK_HEADER_BYTES = 16;
/** Payload alignment: the widest typed array we view in place is 8 bytes (float8/int8). */
export const PAYLOAD_ALIGN = 8;
const FLAG_HAS_NULLS = 1;

/** One id per on-disk payload layout; never renumber (they are persisted). */
export const ChunkCodecId = {
  Bool: 1, Int16: 2, Int32: 3, Uint32: 4, Int64: 5, Float32: 6, Float64: 7, Date: 8, Uint64: 9,
  Interval: 10,
  Utf8: 20, Numeric: 21, Bytes: 22, Jsonb: 23,
  VectorDense: 30, VectorRagged: 31,
  TaggedArray: 40,
} as const;
export type ChunkCodecId = (typeof ChunkCodecId)[keyof typeof ChunkCodecId];

export interface ChunkHeader {
  readonly codec: ChunkCodecId;
  readonly rowCount: number;
  readonly payloadOffset: number;
  readonly param: number;
  /** Null flags per row, or undefined when the chunk has no NULLs. */
  readonly nulls: Uint8Array | undefined;
}

export function alignUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** Allocates a chunk buffer, writes its header and null bitmap, returns it with the payload offset. */
export function allocateChunk(
  codec: ChunkCodecId, values: readonly unknown[], payloadBytes: number, param = 0,
): { bytes: Uint8Array; view: DataView; payloadOffset: number } {
  const rowCount = values.length;
  let hasNulls = false;
  for (let i = 0; i < rowCount && !hasNulls; i++) hasNulls = values[i] === null;
  const chunk = allocateHeader(codec, rowCount, hasNulls, payloadBytes, param);
  if (hasNulls) {
    values.forEach((v, i) => {
      if (v === null) chunk.bytes[CHUNK_HEADER_BYTES + (i >> 3)] |= 1 << (i & 7);
    });
  }
  return chunk;
}

/**
 * `allocateChunk` for a column held as null flags (1 = NULL per row; undefined: none), as a bulk
 * loader's column vectors are (column-vector.ts): the same header and bitmap bytes.
 */
export function allocateChunkWithNulls(
  codec: ChunkCodecId, rowCount: number, nulls: Uint8Array | undefined, payloadBytes: number,
): { bytes: Uint8Array; view: DataView; payloadOffset: number } {
  let hasNulls = false;
  if (nulls) for (let i = 0; i < rowCount && !hasNulls; i++) hasNulls = nulls[i] !== 0;
  const chunk = allocateHeader(codec, rowCount, hasNulls, payloadBytes, 0);
  if (hasNulls) {
    for (let i = 0; i < rowCount; i++) if (nulls![i] !== 0) chunk.bytes[CHUNK_HEADER_BYTES + (i >> 3)] |= 1 << (i & 7);
  }
  return chunk;
}

function allocateHeader(
  codec: ChunkCodecId, rowCount: number, hasNulls: boolean, payloadBytes: number, param: number,
): { bytes: Uint8Array; view: DataView; payloadOffset: number } {
  const bitmapBytes = hasNulls ? Math.ceil(rowCount / 8) : 0;
  const payloadOffset = alignUp(CHUNK_HEADER_BYTES + bitmapBytes, PAYLOAD_ALIGN);
  const bytes = new Uint8Array(payloadOffset + payloadBytes);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, CHUNK_FORMAT_VERSION);
  view.setUint8(1, codec);
  view.setUint16(2, hasNulls ? FLAG_HAS_NULLS : 0, true);
  view.setUint32(4, rowCount, true);
  view.setUint32(8, payloadOffset, true);
  view.setUint32(12, param, true);
  return { bytes, view, payloadOffset };
}

/**
 * Reads a chunk header. If the buffer LMDB handed us is not 8-byte aligned in its ArrayBuffer,
 * copies it once so the codecs can always view the payload in place.
 */
export function readChunkHeader(raw: Uint8Array): { header: ChunkHeader; bytes: Uint8Array } {
  const bytes = raw.byteOffset % PAYLOAD_ALIGN === 0 ? raw : raw.slice();
  if (bytes.length < CHUNK_HEADER_BYTES) throw corrupt('chunk shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(0);
  if (version !== CHUNK_FORMAT_VERSION) throw corrupt(`unsupported chunk format version ${version}`);
  const rowCount = view.getUint32(4, true);
  const hasNulls = (view.getUint16(2, true) & FLAG_HAS_NULLS) !== 0;
  const nulls = hasNulls ? expandBitmap(bytes.subarray(CHUNK_HEADER_BYTES), rowCount) : undefined;
  const header: ChunkHeader = {
    codec: view.getUint8(1) as ChunkCodecId,
    rowCount,
    payloadOffset: view.getUint32(8, true),
    param: view.getUint32(12, true),
    nulls,
  };
  return { header, bytes };
}

function expandBitmap(bitmap: Uint8Array, rowCount: number): Uint8Array {
  const out = new Uint8Array(rowCount);
  for (let i = 0; i < rowCount; i++) out[i] = (bitmap[i >> 3] >> (i & 7)) & 1;
  return out;
}

/** A chunk that cannot be decoded means on-disk corruption or a bug, never bad user input. */
export function corrupt(message: string): SqlError {
  return new SqlError(SQLSTATE.InternalError, `corrupt column chunk: ${message}`);
}
