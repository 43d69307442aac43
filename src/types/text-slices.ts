/**
 * A text column's values as UTF-8 byte ranges of one buffer (a storage chunk's payload), for
 * the output path: a streamed text cell is its stored bytes verbatim, so DataRow encoding can
 * copy them without decoding a string per value and encoding it again (issue 8). Only a scan
 * asked for slices (ScanOptions.textSlices) produces them; `textSliceValue` gives the string.
 */
import type { Value } from './value.js';

export interface TextSlices {
  /** Holds every value's bytes; not modified after the slices are made. */
  readonly bytes: Uint8Array;
  /** Value r is `bytes[offsets[r], offsets[r + 1])`: rowCount + 1 offsets, ascending. */
  readonly offsets: Uint32Array;
  /** `nulls[r]` is 1 when value r is NULL (its range is empty); absent when none is. */
  readonly nulls: Uint8Array | undefined;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Value `r` as a string (or null), as the scan would have decoded it.
 * @example textSliceValue({ bytes: Buffer.from('ab'), offsets: Uint32Array.of(0, 1, 2), nulls: undefined }, 1) // 'b'
 */
export function textSliceValue(slices: TextSlices, r: number): Value {
  if (slices.nulls?.[r]) return null;
  return utf8.decode(slices.bytes.subarray(slices.offsets[r]!, slices.offsets[r + 1]!));
}

/** Every value of the slices, in order (the rows of a batch that is not encoded straight away). */
export function textSliceValues(slices: TextSlices): Value[] {
  const n = slices.offsets.length - 1;
  const out = new Array<Value>(n);
  for (let r = 0; r < n; r++) out[r] = textSliceValue(slices, r);
  return out;
}
