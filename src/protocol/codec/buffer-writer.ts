/**
 * A growing byte buffer for building backend messages without string concatenation: ints,
 * C strings and length-prefixed frames written in place, the frame length patched at the end.
 */
import { LENGTH_FIELD_SIZE } from './message-codes.js';

const INITIAL_CAPACITY = 1024;
/** UTF-8 bytes one UTF-16 code unit can need (a surrogate pair is 4 bytes for 2 units). */
const MAX_UTF8_PER_UNIT = 3;
/** Strings up to this many units are written without measuring first (bounded over-reserve). */
const SHORT_STRING_CHARS = 4096;
/**
 * Strings up to this many units are copied by a JavaScript loop while they are ASCII: for short
 * cells that beats a call into Buffer#write (a native call per cell was ~40 % of a streamed
 * row's encoding, 2026-12-07); longer ones go to Buffer#write, which is faster per byte.
 */
const ASCII_LOOP_CHARS = 64;
const FIRST_NON_ASCII = 0x80;

/**
 * A big-endian int32 (a length word, known to fit) by byte stores: Buffer#writeInt32BE checks its
 * arguments on every call, ~7 % of a streamed row's encoding (2026-12-08, issue 8).
 */
function putInt32(buf: Buffer, at: number, value: number): void {
  buf[at] = value >>> 24;
  buf[at + 1] = value >>> 16;
  buf[at + 2] = value >>> 8;
  buf[at + 3] = value;
}

/** Appends big-endian values to a Buffer that doubles as needed. */
export class BufferWriter {
  private buf: Buffer;
  private pos = 0;
  private frameStart = -1;

  constructor(capacity = INITIAL_CAPACITY) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Starts a typed frame; `endFrame` patches its length. Frames do not nest. */
  startFrame(code: number): this {
    this.byte(code);
    this.frameStart = this.pos;
    return this.int32(0);
  }

  endFrame(): this {
    putInt32(this.buf, this.frameStart, this.pos - this.frameStart);
    this.frameStart = -1;
    return this;
  }

  byte(value: number): this {
    this.ensure(1);
    this.buf[this.pos++] = value;
    return this;
  }

  int16(value: number): this {
    this.ensure(2);
    if (value !== (value << 16) >> 16) this.buf.writeInt16BE(value, this.pos); // throws ERR_OUT_OF_RANGE
    this.buf[this.pos] = value >> 8;
    this.buf[this.pos + 1] = value;
    this.pos += 2;
    return this;
  }

  int32(value: number): this {
    this.ensure(LENGTH_FIELD_SIZE);
    if (value !== (value | 0)) this.buf.writeInt32BE(value, this.pos); // throws ERR_OUT_OF_RANGE
    putInt32(this.buf, this.pos, value);
    this.pos += 4;
    return this;
  }

  /** A NUL-terminated UTF-8 string. */
  cstring(value: string): this {
    const len = Buffer.byteLength(value);
    this.ensure(len + 1);
    this.buf.write(value, this.pos, 'utf8');
    this.pos += len;
    this.buf[this.pos++] = 0;
    return this;
  }

  /** UTF-8 bytes prefixed with their byte length (DataRow cells). */
  lengthPrefixedString(value: string): this {
    const n = value.length;
    if (n <= ASCII_LOOP_CHARS) {
      this.ensure(LENGTH_FIELD_SIZE + MAX_UTF8_PER_UNIT * n);
      const buf = this.buf;
      const start = this.pos + LENGTH_FIELD_SIZE;
      let i = 0;
      for (; i < n; i++) {
        const code = value.charCodeAt(i);
        if (code >= FIRST_NON_ASCII) break;
        buf[start + i] = code;
      }
      // Not ASCII after all: Buffer#write encodes the whole string (lone surrogates → U+FFFD).
      const written = i === n ? n : buf.write(value, start, 'utf8');
      putInt32(buf, this.pos, written);
      this.pos = start + written;
      return this;
    }
    if (n <= SHORT_STRING_CHARS) {
      // Room for the worst case (3 bytes per UTF-16 unit), then one pass: write, then patch the length.
      this.ensure(LENGTH_FIELD_SIZE + MAX_UTF8_PER_UNIT * value.length);
      const written = this.buf.write(value, this.pos + LENGTH_FIELD_SIZE, 'utf8');
      putInt32(this.buf, this.pos, written);
      this.pos += LENGTH_FIELD_SIZE + written;
      return this;
    }
    const len = Buffer.byteLength(value);
    this.ensure(len + 4);
    this.buf.writeInt32BE(len, this.pos);
    this.pos += 4;
    this.buf.write(value, this.pos, 'utf8');
    this.pos += len;
    return this;
  }

  /**
   * A length-prefixed cell of at most `maxBytes` bytes written in place: returns the buffer and
   * the offset its bytes start at (valid until the next write); `endCell` with the count written
   * sets the length word. For text forms written as bytes without building a string first.
   * @example const at = w.beginCell(26); w.endCell(writeIsoTimestampAscii(µs, w.target, at));
   */
  beginCell(maxBytes: number): number {
    this.ensure(LENGTH_FIELD_SIZE + maxBytes);
    return this.pos + LENGTH_FIELD_SIZE;
  }

  /** The buffer `beginCell` reserved room in. */
  get target(): Buffer {
    return this.buf;
  }

  /** Closes the cell `beginCell` opened, holding `written` bytes. */
  endCell(written: number): this {
    putInt32(this.buf, this.pos, written);
    this.pos += LENGTH_FIELD_SIZE + written;
    return this;
  }

  /**
   * `source[start, end)` prefixed with its byte length (a DataRow cell whose text form is bytes
   * already, e.g. a text value as stored): short ranges by a loop, like short strings.
   */
  lengthPrefixedRange(source: Uint8Array, start: number, end: number): this {
    const n = end - start;
    this.ensure(LENGTH_FIELD_SIZE + n);
    const buf = this.buf;
    putInt32(buf, this.pos, n);
    const at = this.pos + LENGTH_FIELD_SIZE;
    if (n <= ASCII_LOOP_CHARS) for (let i = 0; i < n; i++) buf[at + i] = source[start + i]!;
    else buf.set(source.subarray(start, end), at);
    this.pos = at + n;
    return this;
  }

  bytes(value: Uint8Array): this {
    this.ensure(value.length);
    this.buf.set(value, this.pos);
    this.pos += value.length;
    return this;
  }

  get length(): number {
    return this.pos;
  }

  /** Drops what was written after `length` (a DataRow whose cell failed to encode). */
  truncate(length: number): this {
    this.pos = Math.min(this.pos, length);
    this.frameStart = -1;
    return this;
  }

  /** The bytes written so far; a view, valid until the next write. */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** A copy of the bytes written so far, then empties the writer for reuse. */
  flush(): Buffer {
    const out = Buffer.from(this.view());
    this.pos = 0;
    return out;
  }
}
