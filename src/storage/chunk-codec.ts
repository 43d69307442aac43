/**
 * Picks the chunk codec for a column type and dispatches encode/decode. The codec id is stored
 * in each chunk's header, so decoding needs no type and old chunks stay readable if the
 * choice for a type ever changes.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { ScalarTypeId, SqlType } from '../types/sql-type.js';
import type { TextSlices } from '../types/text-slices.js';
import type { Value } from '../types/value.js';
import { decodeArrayChunk, encodeArrayChunk } from './chunk-codec-array.js';
import { decodeFixedChunk, encodeFixedChunk, isFixedCodec, type FixedCodecId } from './chunk-codec-fixed.js';
import { decodeIntervalChunk, encodeIntervalChunk } from './chunk-codec-interval.js';
import { decodeVarlenChunk, encodeVarlenChunk, varlenTextSlices, type VarlenCodecId } from './chunk-codec-varlen.js';
import { canEncodeVectors, decodeVectorChunk, encodeVectorChunk } from './chunk-codec-vector.js';
import { ChunkCodecId, corrupt, readChunkHeader, type ChunkHeader } from './chunk-format.js';

type ScalarCodec = FixedCodecId | VarlenCodecId | typeof ChunkCodecId.Interval | undefined;

const SCALAR_CODECS: Record<ScalarTypeId, ScalarCodec> = {
  bool: ChunkCodecId.Bool,
  int2: ChunkCodecId.Int16,
  int4: ChunkCodecId.Int32,
  int8: ChunkCodecId.Int64,
  float4: ChunkCodecId.Float32,
  float8: ChunkCodecId.Float64,
  // Times are microsecond counts held in JS numbers, so float64 keeps them exact.
  time: ChunkCodecId.Float64,
  timestamp: ChunkCodecId.Float64,
  timestamptz: ChunkCodecId.Float64,
  date: ChunkCodecId.Date,
  // OIDs are unsigned 32-bit in PostgreSQL.
  oid: ChunkCodecId.Uint32,
  regclass: ChunkCodecId.Uint32,
  regtype: ChunkCodecId.Uint32,
  regproc: ChunkCodecId.Uint32,
  interval: ChunkCodecId.Interval,
  text: ChunkCodecId.Utf8,
  varchar: ChunkCodecId.Utf8,
  bpchar: ChunkCodecId.Utf8,
  name: ChunkCodecId.Utf8,
  char: ChunkCodecId.Utf8,
  json: ChunkCodecId.Utf8,
  jsonb: ChunkCodecId.Jsonb,
  jsonpath: ChunkCodecId.Utf8,
  uuid: ChunkCodecId.Utf8,
  xid8: ChunkCodecId.Uint64,
  // Its canonical text (types/pg-snapshot-codec.ts).
  pg_snapshot: ChunkCodecId.Utf8,
  unknown: ChunkCodecId.Utf8,
  numeric: ChunkCodecId.Numeric,
  bytea: ChunkCodecId.Bytes,
  void: undefined,
  // Enum values are sort positions (types/user-type.ts).
  enum: ChunkCodecId.Float64,
};

/** The chunk codec of a column type's values, or undefined for arrays, composites and types without one. */
export function scalarCodecOf(type: SqlType): ScalarCodec {
  return type.array || type.fields ? undefined : SCALAR_CODECS[type.id];
}

/** Encodes one column's values for a row group as a self-describing chunk. */
export function encodeChunk(type: SqlType, values: readonly Value[]): Uint8Array {
  if (type.array) {
    if (type.id === 'float4' && canEncodeVectors(values)) return encodeVectorChunk(values);
    return encodeArrayChunk(values);
  }
  // Composite values: packed field by field, like array elements.
  if (type.fields) return encodeArrayChunk(values);
  const codec = SCALAR_CODECS[type.id];
  if (codec === undefined) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `cannot store values of type ${type.id}`);
  }
  if (codec === ChunkCodecId.Interval) return encodeIntervalChunk(values);
  if (isFixedCodec(codec)) return encodeFixedChunk(codec, values);
  return encodeVarlenChunk(codec, values);
}

/**
 * Decodes a chunk written by `encodeChunk` into one Value per row; with `rows`, only those row
 * positions in that order (variable-length values are decoded only for them, the cost that
 * matters; other codecs decode the chunk and pick).
 */
export function decodeChunk(raw: Uint8Array, rows?: readonly number[]): Value[] {
  const { header, bytes } = readChunkHeader(raw);
  if (header.codec === ChunkCodecId.Utf8 || header.codec === ChunkCodecId.Jsonb
    || header.codec === ChunkCodecId.Numeric || header.codec === ChunkCodecId.Bytes) {
    return decodeVarlenChunk(header, bytes, rows);
  }
  if (rows && header.codec === ChunkCodecId.VectorDense) return decodeVectorChunk(header, bytes, rows);
  const all = decodeWhole(header, bytes);
  return rows ? rows.map((i) => all[i]!) : all;
}

/**
 * A UTF-8 chunk's values as byte ranges (TextSlices) instead of strings; undefined for any other
 * codec (the caller decodes it). `raw` must stay unmodified while the slices are used.
 */
export function decodeTextSlices(raw: Uint8Array): TextSlices | undefined {
  const { header, bytes } = readChunkHeader(raw);
  return header.codec === ChunkCodecId.Utf8 ? varlenTextSlices(header, bytes) : undefined;
}

function decodeWhole(header: ChunkHeader, bytes: Uint8Array): Value[] {
  switch (header.codec) {
    case ChunkCodecId.Interval: return decodeIntervalChunk(header, bytes);
    case ChunkCodecId.VectorDense:
    case ChunkCodecId.VectorRagged: return decodeVectorChunk(header, bytes);
    case ChunkCodecId.TaggedArray: return decodeArrayChunk(header, bytes);
    default:
      if (isFixedCodec(header.codec)) return decodeFixedChunk(header, bytes);
      throw corrupt(`unknown codec id ${header.codec}`);
  }
}
