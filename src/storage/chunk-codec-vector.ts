/**
 * float4[] (embedding) chunks. When every non-NULL row has the same length d, the payload is a
 * dense row-major float32 matrix (rowCount × d, NULL rows zero-filled) and the header's codec
 * parameter holds d: a vector scan takes `new Float32Array(buf, off, rows * d)` with no per-row
 * decoding. Otherwise a ragged layout: uint32 element offsets (rowCount + 1) then the floats.
 * Arrays with NULL elements cannot be float32 runs; `canEncodeVectors` sends them elsewhere.
 */
import { explicitShape } from '../types/array-shape.js';
import type { Value } from '../types/value.js';
import { allocateChunk, ChunkCodecId, corrupt, readChunkHeader, type ChunkHeader } from './chunk-format.js';

/** A row's floats, whether it arrived as a Float32Array or a plain array of numbers. */
function floatsOf(v: Value): ArrayLike<number> {
  return v as Float32Array | readonly number[];
}

/**
 * True if every non-NULL value is a Float32Array or an array of non-NULL numbers. A real[][] or
 * an array with other lower bounds (a plain list with a shape, never a Float32Array) goes to the
 * generic codec, which keeps its shape.
 */
export function canEncodeVectors(values: readonly Value[]): boolean {
  return values.every((v) => v === null || v instanceof Float32Array
    || (Array.isArray(v) && explicitShape(v) === undefined && v.every((e) => typeof e === 'number')));
}

/** Encodes float4[] values, dense when the dimension is uniform. Caller checks canEncodeVectors. */
export function encodeVectorChunk(values: readonly Value[]): Uint8Array {
  const lengths = new Set(values.filter((v) => v !== null).map((v) => floatsOf(v).length));
  return lengths.size <= 1 ? encodeDense(values, lengths.values().next().value ?? 0) : encodeRagged(values);
}

function encodeDense(values: readonly Value[], dim: number): Uint8Array {
  const n = values.length;
  const { bytes, payloadOffset } = allocateChunk(ChunkCodecId.VectorDense, values, 4 * n * dim, dim);
  const matrix = new Float32Array(bytes.buffer, payloadOffset, n * dim);
  values.forEach((v, i) => {
    if (v !== null) matrix.set(floatsOf(v), i * dim);
  });
  return bytes;
}

function encodeRagged(values: readonly Value[]): Uint8Array {
  const n = values.length;
  const total = values.reduce((sum: number, v) => sum + (v === null ? 0 : floatsOf(v).length), 0);
  const { bytes, payloadOffset } = allocateChunk(ChunkCodecId.VectorRagged, values, 4 * (n + 1) + 4 * total);
  const offsets = new Uint32Array(bytes.buffer, payloadOffset, n + 1);
  const floats = new Float32Array(bytes.buffer, payloadOffset + 4 * (n + 1), total);
  let pos = 0;
  values.forEach((v, i) => {
    if (v !== null) {
      floats.set(floatsOf(v), pos);
      pos += floatsOf(v).length;
    }
    offsets[i + 1] = pos;
  });
  return bytes;
}

/**
 * Decodes to one Float32Array per row: subarray views sharing the chunk's buffer; with `rows`,
 * only those rows of a dense chunk, in that order (a top-k's fetch wants a few of thousands).
 */
export function decodeVectorChunk(header: ChunkHeader, bytes: Uint8Array, rows?: readonly number[]): Value[] {
  const n = header.rowCount;
  const base = bytes.byteOffset + header.payloadOffset;
  if (header.codec === ChunkCodecId.VectorDense) {
    const dim = header.param;
    if (header.payloadOffset + 4 * n * dim > bytes.length) throw corrupt('dense vector payload truncated');
    const matrix = new Float32Array(bytes.buffer, base, n * dim);
    const row = (i: number): Value => (header.nulls?.[i] ? null : matrix.subarray(i * dim, (i + 1) * dim));
    return rows ? rows.map(row) : Array.from({ length: n }, (_, i) => row(i));
  }
  const out = new Array<Value>(n);
  const offsets = new Uint32Array(bytes.buffer, base, n + 1);
  const total = offsets[n];
  if (header.payloadOffset + 4 * (n + 1) + 4 * total > bytes.length) throw corrupt('ragged vector payload truncated');
  const floats = new Float32Array(bytes.buffer, base + 4 * (n + 1), total);
  for (let i = 0; i < n; i++) out[i] = header.nulls?.[i] ? null : floats.subarray(offsets[i], offsets[i + 1]);
  return out;
}

/** A dense embedding chunk as one matrix for vector scans; undefined if the chunk is not dense. */
export interface VectorMatrix {
  readonly rowCount: number;
  readonly dim: number;
  /** rowCount × dim floats, row-major; NULL rows are zeros. */
  readonly matrix: Float32Array;
  /** 1 where the row is NULL, or undefined when no row is. */
  readonly nulls: Uint8Array | undefined;
}

/** Views a raw float4[] chunk as a matrix without per-row decoding (dense chunks only). */
export function readVectorMatrix(raw: Uint8Array): VectorMatrix | undefined {
  const { header, bytes } = readChunkHeader(raw);
  if (header.codec !== ChunkCodecId.VectorDense) return undefined;
  const { rowCount, param: dim } = header;
  const matrix = new Float32Array(bytes.buffer, bytes.byteOffset + header.payloadOffset, rowCount * dim);
  return { rowCount, dim, matrix, nulls: header.nulls };
}
