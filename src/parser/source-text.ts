/**
 * One text handed to PostgreSQL's grammar and how its offsets map back to what the client sent.
 * libpg-query reports node locations as UTF-8 byte offsets into the text it parsed; errors
 * carry 1-based character positions into the *whole* query string (PostgreSQL's `position`).
 * The parsed text may differ from the original only by same-length stand-ins (a nested
 * ThanoSQL query replaced by a placeholder), so slicing the original by the same offsets
 * gives what the user wrote.
 */
export class SourceText {
  /** charOffsets[i] = UTF-8 byte offset of UTF-16 index i (built on first need; absent for ASCII). */
  private charOffsets: Uint32Array | undefined;
  private readonly ascii: boolean;

  constructor(
    /** The text given to libpg-query. */
    readonly text: string,
    /** Offset of `text` in the whole query string (UTF-16 units). */
    readonly base = 0,
    /** What the client wrote at the same offsets (differs from `text` only by stand-ins). */
    readonly original = text,
  ) {
    // eslint-disable-next-line no-control-regex
    this.ascii = !/[^\x00-\x7f]/.test(text);
  }

  /** The UTF-16 index in `text` of a UTF-8 byte offset. */
  indexOf(byteOffset: number): number {
    if (this.ascii) return byteOffset;
    const offsets = this.offsets();
    // The first index at or after the offset (a surrogate pair's halves share one offset).
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid]! < byteOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** PostgreSQL's 1-based error position in the whole query string for a node location. */
  position(byteOffset: number | undefined): number | undefined {
    if (byteOffset === undefined || byteOffset < 0) return undefined;
    return this.base + this.indexOf(byteOffset) + 1;
  }

  /** The UTF-16 index of a 0-based code-point index (libpg-query's error cursor). */
  indexOfCodePoint(codePoint: number): number {
    if (this.ascii) return codePoint;
    let index = 0;
    for (let n = 0; n < codePoint && index < this.text.length; n++) {
      index += this.text.codePointAt(index)! > 0xffff ? 2 : 1;
    }
    return index;
  }

  private offsets(): Uint32Array {
    if (this.charOffsets) return this.charOffsets;
    const offsets = new Uint32Array(this.text.length + 1);
    let bytes = 0;
    for (let i = 0; i < this.text.length; i++) {
      offsets[i] = bytes;
      const c = this.text.charCodeAt(i);
      if (c < 0x80) bytes += 1;
      else if (c < 0x800) bytes += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < this.text.length) {
        // A surrogate pair is one 4-byte character; its low half shares the offset.
        offsets[++i] = bytes;
        bytes += 4;
      } else bytes += 3;
    }
    offsets[this.text.length] = bytes;
    this.charOffsets = offsets;
    return offsets;
  }
}
