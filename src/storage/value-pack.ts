/**
 * A small self-describing binary encoding for arbitrary Values, used for array columns other
 * than dense float4[]. Exact for every Value kind (bigint, Decimal, Interval, Uint8Array,
 * Float32Array, nested arrays, -0 and NaN), which JSON is not; kept in-house so storage
 * depends on no serializer's extension conventions. Tag byte, then a fixed or length-prefixed body.
 */
import { Decimal } from 'decimal.js';
import { explicitShape, withShape } from '../types/array-shape.js';
import { JsonbValue } from '../types/jsonb-value.js';
import { RecordValue, type Interval, type Value } from '../types/value.js';
import { corrupt } from './chunk-format.js';
import { valueMismatch } from './value-mismatch.js';

const Tag = {
  Null: 0, False: 1, True: 2, Number: 3, BigInt: 4, String: 5, Decimal: 6, Interval: 7,
  Bytes: 8, Float32Array: 9, Array: 10, Jsonb: 11, Record: 12,
  // A multidimensional array or one with lower bounds (types/array-shape.ts): ndim, then
  // (length, lower bound) per dimension, then the elements as a plain Array.
  ShapedArray: 13,
} as const;

const encoder = new TextEncoder();
/** ignoreBOM: each string is decoded alone, and may begin with U+FEFF (the decoder would drop it). */
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const INITIAL_CAPACITY = 64;

/** Appends packed values to a growable buffer. */
export class ValuePacker {
  private buf = new Uint8Array(INITIAL_CAPACITY);
  private view = new DataView(this.buf.buffer);
  length = 0;

  /** The bytes written so far (a view; copy before reusing the packer). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  pack(v: Value): void {
    if (v === null) return this.u8(Tag.Null);
    if (typeof v === 'boolean') return this.u8(v ? Tag.True : Tag.False);
    if (typeof v === 'number') {
      this.u8(Tag.Number);
      this.reserve(8);
      this.view.setFloat64(this.advance(8), v, true);
      return;
    }
    if (typeof v === 'bigint') return this.tagged(Tag.BigInt, v.toString());
    if (typeof v === 'string') return this.tagged(Tag.String, v);
    if (Decimal.isDecimal(v)) return this.tagged(Tag.Decimal, (v as Decimal).toString());
    if (v instanceof JsonbValue) return this.tagged(Tag.Jsonb, v.toString());
    if (v instanceof Float32Array) {
      this.u8(Tag.Float32Array);
      this.u32(v.length);
      this.raw(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
      return;
    }
    if (v instanceof Uint8Array) {
      this.u8(Tag.Bytes);
      this.u32(v.length);
      this.raw(v);
      return;
    }
    if (Array.isArray(v)) {
      const shape = explicitShape(v);
      if (shape) {
        this.u8(Tag.ShapedArray);
        this.u32(shape.dims.length);
        for (let d = 0; d < shape.dims.length; d++) { this.i32(shape.dims[d]!); this.i32(shape.lbounds[d]!); }
      }
      this.u8(Tag.Array);
      this.u32(v.length);
      for (const e of v as readonly Value[]) this.pack(e);
      return;
    }
    // A composite value keeps its fields only: readers take the field types from the column type.
    if (v instanceof RecordValue) {
      this.u8(Tag.Record);
      this.u32(v.values.length);
      for (const e of v.values) this.pack(e);
      return;
    }
    if (typeof v === 'object' && 'months' in v) {
      const iv = v as Interval;
      this.u8(Tag.Interval);
      this.reserve(16);
      this.view.setInt32(this.advance(4), iv.months, true);
      this.view.setInt32(this.advance(4), iv.days, true);
      this.view.setFloat64(this.advance(8), iv.micros, true);
      return;
    }
    throw valueMismatch(v, 'array');
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.bytes());
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  private advance(n: number): number {
    const at = this.length;
    this.length += n;
    return at;
  }
  private u8(n: number): void {
    this.reserve(1);
    this.buf[this.advance(1)] = n;
  }
  private u32(n: number): void {
    this.reserve(4);
    this.view.setUint32(this.advance(4), n, true);
  }

  private i32(n: number): void {
    this.reserve(4);
    this.view.setInt32(this.advance(4), n, true);
  }
  private raw(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buf.set(bytes, this.advance(bytes.length));
  }
  private tagged(tag: number, s: string): void {
    this.u8(tag);
    const b = encoder.encode(s);
    this.u32(b.length);
    this.raw(b);
  }
}

/** Reads one packed Value starting at `pos`; returns it and the position after it. */
export function unpackValue(bytes: Uint8Array, pos: number): { value: Value; next: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = (at: number): { value: Value; next: number } => {
    if (at >= bytes.length) throw corrupt('packed value truncated');
    const tag = bytes[at++];
    const str = (): { s: string; next: number } => {
      const len = view.getUint32(at, true);
      return { s: decoder.decode(bytes.subarray(at + 4, at + 4 + len)), next: at + 4 + len };
    };
    switch (tag) {
      case Tag.Null: return { value: null, next: at };
      case Tag.False: return { value: false, next: at };
      case Tag.True: return { value: true, next: at };
      case Tag.Number: return { value: view.getFloat64(at, true), next: at + 8 };
      case Tag.BigInt: { const r = str(); return { value: BigInt(r.s), next: r.next }; }
      case Tag.String: { const r = str(); return { value: r.s, next: r.next }; }
      case Tag.Decimal: { const r = str(); return { value: new Decimal(r.s), next: r.next }; }
      case Tag.Jsonb: { const r = str(); return { value: JsonbValue.fromNormalText(r.s), next: r.next }; }
      case Tag.Interval: return {
        value: { months: view.getInt32(at, true), days: view.getInt32(at + 4, true), micros: view.getFloat64(at + 8, true) },
        next: at + 16,
      };
      case Tag.Bytes: {
        const len = view.getUint32(at, true);
        return { value: bytes.slice(at + 4, at + 4 + len), next: at + 4 + len };
      }
      case Tag.Float32Array: {
        const count = view.getUint32(at, true);
        // Packed floats are not 4-byte aligned, so copy rather than view — into a fresh buffer:
        // `bytes` may be a Node Buffer, whose slice() is a view into a shared pool.
        const copy = new Uint8Array(4 * count);
        copy.set(bytes.subarray(at + 4, at + 4 + 4 * count));
        return { value: new Float32Array(copy.buffer, 0, count), next: at + 4 + 4 * count };
      }
      case Tag.Array: case Tag.Record: {
        const count = view.getUint32(at, true);
        let next = at + 4;
        const items: Value[] = [];
        for (let i = 0; i < count; i++) {
          const r = read(next);
          items.push(r.value);
          next = r.next;
        }
        return { value: tag === Tag.Record ? new RecordValue(items, []) : items, next };
      }
      case Tag.ShapedArray: {
        const ndim = view.getUint32(at, true);
        const dims: number[] = [];
        const lbounds: number[] = [];
        for (let d = 0; d < ndim; d++) {
          dims.push(view.getInt32(at + 4 + 8 * d, true));
          lbounds.push(view.getInt32(at + 8 + 8 * d, true));
        }
        const inner = read(at + 4 + 8 * ndim);
        if (!Array.isArray(inner.value)) throw corrupt('shaped array without its elements');
        return { value: withShape(inner.value as Value[], { dims, lbounds }), next: inner.next };
      }
      default: throw corrupt(`unknown packed value tag ${tag}`);
    }
  };
  return read(pos);
}
