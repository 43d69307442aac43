/**
 * Fixed-width column chunks: one little-endian typed-array slot per row (NULL rows hold 0),
 * so a scan can view the payload as Int32Array/Float64Array/BigInt64Array without copying.
 * Dates are int32 days with PostgreSQL's sentinels for ±infinity (DATEVAL_NOBEGIN/NOEND).
 */
import type { Value } from '../types/value.js';
import { allocateChunk, ChunkCodecId, corrupt, type ChunkHeader } from './chunk-format.js';
import { valueMismatch } from './value-mismatch.js';

export type FixedCodecId =
  | typeof ChunkCodecId.Bool | typeof ChunkCodecId.Int16 | typeof ChunkCodecId.Int32
  | typeof ChunkCodecId.Uint32 | typeof ChunkCodecId.Int64 | typeof ChunkCodecId.Float32
  | typeof ChunkCodecId.Float64 | typeof ChunkCodecId.Date | typeof ChunkCodecId.Uint64;

type SlotArray = Uint8Array | Int16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array | Float32Array | Float64Array;
type SlotArrayCtor = { new (buf: ArrayBufferLike, off: number, len: number): SlotArray; BYTES_PER_ELEMENT: number };

const ARRAYS: Record<FixedCodecId, SlotArrayCtor> = {
  [ChunkCodecId.Bool]: Uint8Array,
  [ChunkCodecId.Int16]: Int16Array,
  [ChunkCodecId.Int32]: Int32Array,
  [ChunkCodecId.Uint32]: Uint32Array,
  [ChunkCodecId.Int64]: BigInt64Array,
  [ChunkCodecId.Float32]: Float32Array,
  [ChunkCodecId.Float64]: Float64Array,
  [ChunkCodecId.Date]: Int32Array,
  // xid8: unsigned 64-bit, so 2^63 and above keep their sign.
  [ChunkCodecId.Uint64]: BigUint64Array,
};

const DATE_NEG_INFINITY = -0x80000000;
const DATE_POS_INFINITY = 0x7fffffff;

export function isFixedCodec(codec: number): codec is FixedCodecId {
  return codec in ARRAYS;
}

/** Encodes `values` (NULLs allowed) as one fixed-width chunk. */
export function encodeFixedChunk(codec: FixedCodecId, values: readonly Value[]): Uint8Array {
  const Ctor = ARRAYS[codec];
  const { bytes, payloadOffset } = allocateChunk(codec, values, values.length * Ctor.BYTES_PER_ELEMENT);
  const slots = new Ctor(bytes.buffer, payloadOffset, values.length);
  if (codec === ChunkCodecId.Float64) fillNumbers(slots as Float64Array, values);
  else if (codec === ChunkCodecId.Int32) fillIntegers(slots as Int32Array, values);
  else {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null) (slots as { [i: number]: number | bigint })[i] = toSlot(codec, v);
    }
  }
  return bytes;
}

/*
 * float8 and int4 slots filled by loops of their own: one typed-array kind per loop keeps the
 * store monomorphic (the shared loop stores into seven kinds, and was ~60 % of COPY's fixed
 * chunk encoding, 2026-12-08, issue 8). Same checks as toSlot.
 */
function fillNumbers(slots: Float64Array, values: readonly Value[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeof v === 'number') slots[i] = v;
    else if (v !== null) throw valueMismatch(v, 'number');
  }
}

function fillIntegers(slots: Int32Array, values: readonly Value[]): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (typeof v === 'number') slots[i] = v;
    else if (v !== null) throw valueMismatch(v, 'number');
  }
}

function toSlot(codec: FixedCodecId, v: Value): number | bigint {
  switch (codec) {
    case ChunkCodecId.Bool:
      if (typeof v !== 'boolean') throw valueMismatch(v, 'bool');
      return v ? 1 : 0;
    case ChunkCodecId.Int64: case ChunkCodecId.Uint64:
      if (typeof v === 'bigint') return v;
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      throw valueMismatch(v, 'int8');
    case ChunkCodecId.Date:
      if (typeof v !== 'number') throw valueMismatch(v, 'date');
      if (v === Infinity) return DATE_POS_INFINITY;
      if (v === -Infinity) return DATE_NEG_INFINITY;
      return v;
    default:
      if (typeof v !== 'number') throw valueMismatch(v, 'number');
      return v;
  }
}

/** Decodes a fixed-width chunk into one Value per row. */
export function decodeFixedChunk(header: ChunkHeader, bytes: Uint8Array): Value[] {
  const codec = header.codec as FixedCodecId;
  const Ctor = ARRAYS[codec];
  const end = header.payloadOffset + header.rowCount * Ctor.BYTES_PER_ELEMENT;
  if (end > bytes.length) throw corrupt('fixed-width payload truncated');
  const slots = new Ctor(bytes.buffer, bytes.byteOffset + header.payloadOffset, header.rowCount);
  const out = new Array<Value>(header.rowCount);
  const nulls = header.nulls;
  if (nulls || codec === ChunkCodecId.Bool || codec === ChunkCodecId.Date) {
    for (let i = 0; i < header.rowCount; i++) out[i] = nulls?.[i] ? null : fromSlot(codec, slots[i]!);
  } else {
    // Numbers without NULLs are the slots themselves: a plain copy loop (the common scan).
    for (let i = 0; i < header.rowCount; i++) out[i] = slots[i]!;
  }
  return out;
}

function fromSlot(codec: FixedCodecId, slot: number | bigint): Value {
  if (codec === ChunkCodecId.Bool) return slot !== 0;
  if (codec === ChunkCodecId.Date) {
    if (slot === DATE_POS_INFINITY) return Infinity;
    if (slot === DATE_NEG_INFINITY) return -Infinity;
  }
  return slot;
}
