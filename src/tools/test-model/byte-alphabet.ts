/**
 * GPT-2/CLIP's byte → printable character table, in vocabulary order: byte-level BPE vocabularies
 * start with these 256 characters (ids 0–255), then the same with `</w>` (ids 256–511).
 */

/** The 256 byte characters in CLIP vocabulary order. */
export function clipByteAlphabet(): string[] {
  const printable: number[] = [];
  const ranges: readonly (readonly [number, number])[] = [
    [0x21, 0x7e], // '!'..'~'
    [0xa1, 0xac], // '¡'..'¬'
    [0xae, 0xff], // '®'..'ÿ'
  ];
  for (const [lo, hi] of ranges) for (let b = lo; b <= hi; b++) printable.push(b);
  const chars = printable.map((b) => String.fromCodePoint(b));
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    if (!printable.includes(b)) chars.push(String.fromCodePoint(256 + extra++));
  }
  return chars;
}
