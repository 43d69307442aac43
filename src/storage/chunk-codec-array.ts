/**
 * Generic array chunks (int4[], text[], float4[] with NULL elements, …): uint32 end offsets
 * (rowCount + 1) then each row's array packed with the self-describing `value-pack` encoding.
 */
import type { Value } from '../types/value.js';
import { allocateChunk, ChunkCodecId, corrupt, type ChunkHeader } from './chunk-format.js';
import { unpackValue, ValuePacker } from './value-pack.js';

/** Encodes array values (NULL rows and NULL elements allowed). */
export function encodeArrayChunk(values: readonly Value[]): Uint8Array {
  const packer = new ValuePacker();
  const ends = values.map((v) => {
    if (v !== null) packer.pack(v);
    return packer.length;
  });
  const offsetsBytes = 4 * (values.length + 1);
  const { bytes, view, payloadOffset } = allocateChunk(ChunkCodecId.TaggedArray, values, offsetsBytes + packer.length);
  ends.forEach((end, i) => view.setUint32(payloadOffset + 4 * (i + 1), end, true));
  bytes.set(packer.bytes(), payloadOffset + offsetsBytes);
  return bytes;
}

/** Decodes array values to JS arrays (Float32Array elements stay Float32Array). */
export function decodeArrayChunk(header: ChunkHeader, bytes: Uint8Array): Value[] {
  const n = header.rowCount;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataStart = header.payloadOffset + 4 * (n + 1);
  if (dataStart > bytes.length) throw corrupt('array offsets truncated');
  const out = new Array<Value>(n);
  for (let i = 0; i < n; i++) {
    out[i] = header.nulls?.[i]
      ? null
      : unpackValue(bytes, dataStart + view.getUint32(header.payloadOffset + 4 * i, true)).value;
  }
  return out;
}
