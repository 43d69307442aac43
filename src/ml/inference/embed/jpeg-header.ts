/**
 * The facts preprocessing needs from a JPEG before decoding it — the stored width and height and
 * the EXIF orientation — read from the bytes in JavaScript. Asking sharp's `metadata()` instead
 * costs a trip through libuv's thread pool and a second header parse in libvips for every image
 * (src/ml/README.md Decision 22). Anything unusual (no frame header before the scan, a height
 * given later by a DNL marker, two EXIF blocks, an orientation outside 1–8, a damaged EXIF block)
 * gives `undefined`, and the caller asks sharp, which then also reports the errors.
 *
 * @example
 * readJpegHeader(bytes) // { width: 1080, height: 720, orientation: 6 }
 */

export interface JpegHeader {
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1–8 (1 when the file has no EXIF orientation). */
  readonly orientation: number;
}

const MARKER = 0xff;
const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP1 = 0xe1;
/** "Exif\0\0", the APP1 prefix of an EXIF block. */
const EXIF_PREFIX = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00] as const;
const ORIENTATION_TAG = 0x0112;
const TIFF_SHORT = 3;

/** Width, height and orientation of a JPEG, or undefined when the header is not the common kind. */
export function readJpegHeader(bytes: Uint8Array): JpegHeader | undefined {
  if (bytes.length < 4 || bytes[0] !== MARKER || bytes[1] !== SOI) return undefined;
  let size: { width: number; height: number } | undefined;
  let orientation: number | undefined;
  let pos = 2;
  // Segments up to the first scan: the frame header and EXIF blocks both come before it.
  while (pos + 4 <= bytes.length) {
    if (bytes[pos] !== MARKER) return undefined;
    const marker = bytes[pos + 1]!;
    if (marker === MARKER) {
      pos++; // fill byte
      continue;
    }
    if (marker === SOS) return size && { ...size, orientation: orientation ?? 1 };
    if (marker === EOI || marker === SOI) return undefined;
    const length = (bytes[pos + 2]! << 8) | bytes[pos + 3]!;
    const end = pos + 2 + length;
    if (length < 2 || end > bytes.length) return undefined;
    const body = pos + 4;
    if (marker === APP1 && hasPrefix(bytes, body, end, EXIF_PREFIX)) {
      if (orientation !== undefined) return undefined; // which block wins is libvips' business
      orientation = exifOrientation(bytes, body + EXIF_PREFIX.length, end);
      if (orientation === undefined) return undefined;
    } else if (isFrameHeader(marker)) {
      if (size || length < 8) return undefined;
      const height = (bytes[body + 1]! << 8) | bytes[body + 2]!;
      const width = (bytes[body + 3]! << 8) | bytes[body + 4]!;
      if (width === 0 || height === 0) return undefined;
      size = { width, height };
    }
    pos = end;
  }
  return undefined;
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isFrameHeader(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function hasPrefix(bytes: Uint8Array, at: number, end: number, prefix: readonly number[]): boolean {
  if (at + prefix.length > end) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

/** The orientation in IFD0 of the TIFF structure at [tiff, end): 1 if absent, undefined if damaged or out of range. */
function exifOrientation(bytes: Uint8Array, tiff: number, end: number): number | undefined {
  if (tiff + 8 > end) return undefined;
  const little = bytes[tiff] === 0x49 && bytes[tiff + 1] === 0x49;
  if (!little && !(bytes[tiff] === 0x4d && bytes[tiff + 1] === 0x4d)) return undefined;
  const u16 = (at: number) => (little ? bytes[at]! | (bytes[at + 1]! << 8) : (bytes[at]! << 8) | bytes[at + 1]!);
  const u32 = (at: number) => (little ? (u16(at) + u16(at + 2) * 0x10000) : (u16(at) * 0x10000 + u16(at + 2)));
  if (u16(tiff + 2) !== 42) return undefined;
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > end) return undefined;
  const entries = u16(ifd);
  if (ifd + 2 + entries * 12 > end) return undefined;
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (u16(entry) !== ORIENTATION_TAG) continue;
    if (u16(entry + 2) !== TIFF_SHORT || u32(entry + 4) !== 1) return undefined;
    const value = u16(entry + 8);
    return value >= 1 && value <= 8 ? value : undefined;
  }
  return 1;
}
