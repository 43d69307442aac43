/**
 * One row group's columns as COPY FROM's CSV loader fills them, field bytes straight into the
 * chunk's layout (storage/column-vector.ts): int4 / float8 / bool / timestamp slots parsed from
 * ASCII, text as raw UTF-8 bytes with end offsets, any other type as values. A field not in
 * the fast form is parsed from its text by the column's own parser (`set`), so every value is
 * the one the row path would give. The arrays are reused group after group (the chunk copies).
 */
import type { ColumnVector } from '../../storage/storage-api.js';
import { parseInt4Ascii, parseIsoTimestampAscii, parsePlainFloatAscii } from '../../types/text-bytes-parse.js';
import type { Value } from '../../types/value.js';

/** A column of the group being filled; `row` is the row's position in the group. */
export interface CopyColumnBuilder {
  /** Parses the field's bytes [start, end) into `row`; false when they are not in the fast form. */
  parse(bytes: Uint8Array, start: number, end: number, row: number): boolean;
  /** Stores a non-NULL value the column's text parser gave. */
  set(row: number, value: Value): void;
  setNull(row: number): void;
  /** The group's column (valid until the next `clear`). */
  vector(): ColumnVector;
  /** Forgets the group's NULLs before the next group. */
  clear(): void;
}

/** NULL flags shared by the slot builders: allocated once, cleared only after a group had NULLs. */
class NullFlags {
  readonly flags: Uint8Array;
  any = false;
  constructor(capacity: number) {
    this.flags = new Uint8Array(capacity);
  }
  set(row: number): void {
    this.flags[row] = 1;
    this.any = true;
  }
  unset(row: number): void {
    if (this.any) this.flags[row] = 0;
  }
  get vector(): Uint8Array | undefined {
    return this.any ? this.flags : undefined;
  }
  clear(): void {
    if (this.any) this.flags.fill(0);
    this.any = false;
  }
}

class Int4Builder implements CopyColumnBuilder {
  private readonly slots: Int32Array;
  private readonly nulls: NullFlags;
  constructor(capacity: number) {
    this.slots = new Int32Array(capacity);
    this.nulls = new NullFlags(capacity);
  }
  parse(bytes: Uint8Array, start: number, end: number, row: number): boolean {
    const n = parseInt4Ascii(bytes, start, end);
    if (n !== n) return false;
    this.slots[row] = n;
    this.nulls.unset(row);
    return true;
  }
  set(row: number, value: Value): void {
    this.slots[row] = value as number;
    this.nulls.unset(row);
  }
  setNull(row: number): void {
    this.slots[row] = 0;
    this.nulls.set(row);
  }
  vector(): ColumnVector {
    return { kind: 'int32', slots: this.slots, nulls: this.nulls.vector };
  }
  clear(): void {
    this.nulls.clear();
  }
}

/** float8 (plain decimals) or timestamp (ISO form) slots: both are doubles in the chunk. */
class Float64Builder implements CopyColumnBuilder {
  private readonly slots: Float64Array;
  private readonly nulls: NullFlags;
  constructor(capacity: number, private readonly fast: (bytes: Uint8Array, start: number, end: number) => number) {
    this.slots = new Float64Array(capacity);
    this.nulls = new NullFlags(capacity);
  }
  parse(bytes: Uint8Array, start: number, end: number, row: number): boolean {
    const v = this.fast(bytes, start, end);
    if (v !== v) return false;
    this.slots[row] = v;
    this.nulls.unset(row);
    return true;
  }
  set(row: number, value: Value): void {
    this.slots[row] = value as number;
    this.nulls.unset(row);
  }
  setNull(row: number): void {
    this.slots[row] = 0;
    this.nulls.set(row);
  }
  vector(): ColumnVector {
    return { kind: 'float64', slots: this.slots, nulls: this.nulls.vector };
  }
  clear(): void {
    this.nulls.clear();
  }
}

const LOWER_F = 0x66;
const LOWER_T = 0x74;

class BoolBuilder implements CopyColumnBuilder {
  private readonly slots: Uint8Array;
  private readonly nulls: NullFlags;
  constructor(capacity: number) {
    this.slots = new Uint8Array(capacity);
    this.nulls = new NullFlags(capacity);
  }
  /** `t`, `true`, `f`, `false` in lower case; the other spellings go through parseBool. */
  parse(bytes: Uint8Array, start: number, end: number, row: number): boolean {
    const n = end - start;
    const c = bytes[start];
    let v: number;
    if (c === LOWER_T && (n === 1 || (n === 4 && bytes[start + 1] === 0x72 && bytes[start + 2] === 0x75 && bytes[start + 3] === 0x65))) v = 1;
    else if (c === LOWER_F && (n === 1 || (n === 5 && bytes[start + 1] === 0x61 && bytes[start + 2] === 0x6c
      && bytes[start + 3] === 0x73 && bytes[start + 4] === 0x65))) v = 0;
    else return false;
    this.slots[row] = v;
    this.nulls.unset(row);
    return true;
  }
  set(row: number, value: Value): void {
    this.slots[row] = value === true ? 1 : 0;
    this.nulls.unset(row);
  }
  setNull(row: number): void {
    this.slots[row] = 0;
    this.nulls.set(row);
  }
  vector(): ColumnVector {
    return { kind: 'bool', slots: this.slots, nulls: this.nulls.vector };
  }
  clear(): void {
    this.nulls.clear();
  }
}

/** Bytes a text column's buffer starts with per row; it doubles when a group needs more. */
const TEXT_BYTES_PER_ROW = 32;

/** text / varchar without a length: the field's bytes are the value's UTF-8 (checked by the loader). */
export class TextBuilder implements CopyColumnBuilder {
  private readonly ends: Uint32Array;
  private bytes: Uint8Array;
  private readonly nulls: NullFlags;
  constructor(capacity: number) {
    this.ends = new Uint32Array(capacity);
    this.bytes = Buffer.allocUnsafe(capacity * TEXT_BYTES_PER_ROW);
    this.nulls = new NullFlags(capacity);
  }
  parse(bytes: Uint8Array, start: number, end: number, row: number): boolean {
    const at = row === 0 ? 0 : this.ends[row - 1]!;
    const length = end - start;
    if (at + length > this.bytes.length) this.grow(at + length);
    const out = this.bytes;
    // A loop beats a native copy for the short values most fields are.
    const SHORT = 64;
    if (length < SHORT) for (let i = 0; i < length; i++) out[at + i] = bytes[start + i]!;
    else out.set(bytes.subarray(start, end), at);
    this.ends[row] = at + length;
    this.nulls.unset(row);
    return true;
  }
  /** A quoted field whose doubled quotes (`""`) each stand for one quote. */
  parseUnescaped(bytes: Uint8Array, start: number, end: number, row: number, quote: number): void {
    const at = row === 0 ? 0 : this.ends[row - 1]!;
    if (at + end - start > this.bytes.length) this.grow(at + end - start);
    const out = this.bytes;
    let to = at;
    for (let i = start; i < end; i++) {
      const b = bytes[i]!;
      out[to++] = b;
      if (b === quote) i++;
    }
    this.ends[row] = to;
    this.nulls.unset(row);
  }
  set(row: number, value: Value): void {
    const text = value as string;
    const at = row === 0 ? 0 : this.ends[row - 1]!;
    const length = Buffer.byteLength(text, 'utf8');
    if (at + length > this.bytes.length) this.grow(at + length);
    Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.length).write(text, at, length, 'utf8');
    this.ends[row] = at + length;
    this.nulls.unset(row);
  }
  setNull(row: number): void {
    this.ends[row] = row === 0 ? 0 : this.ends[row - 1]!;
    this.nulls.set(row);
  }
  vector(): ColumnVector {
    return { kind: 'utf8', ends: this.ends, bytes: this.bytes, nulls: this.nulls.vector };
  }
  clear(): void {
    this.nulls.clear();
  }
  private grow(needed: number): void {
    const next = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
    next.set(this.bytes);
    this.bytes = next;
  }
}

/** Any other type: values from the column's text parser. */
class ValueBuilder implements CopyColumnBuilder {
  private readonly values: Value[];
  constructor(capacity: number) {
    this.values = new Array<Value>(capacity).fill(null);
  }
  parse(): boolean {
    return false;
  }
  set(row: number, value: Value): void {
    this.values[row] = value;
  }
  setNull(row: number): void {
    this.values[row] = null;
  }
  vector(): ColumnVector {
    return { kind: 'values', values: this.values };
  }
  clear(): void {}
}

/** The slot kind a column's values are loaded as. */
export type BuilderKind = 'int4' | 'float8' | 'bool' | 'timestamp' | 'text' | 'values';

/** A builder of `kind` for groups of up to `capacity` rows. */
export function columnBuilder(kind: BuilderKind, capacity: number): CopyColumnBuilder {
  switch (kind) {
    case 'int4': return new Int4Builder(capacity);
    case 'float8': return new Float64Builder(capacity, parsePlainFloatAscii);
    case 'timestamp': return new Float64Builder(capacity, parseIsoTimestampAscii);
    case 'bool': return new BoolBuilder(capacity);
    case 'text': return new TextBuilder(capacity);
    case 'values': return new ValueBuilder(capacity);
  }
}
