/**
 * Image → CLIP pixel_values, as CLIPImageProcessor does it: EXIF orientation applied, alpha flattened
 * onto white, any colour space (greyscale, CMYK, 16-bit) to 8-bit sRGB RGB, shorter side resized to
 * `shortestEdge` with a cubic kernel, centre crop, rescale and mean/std normalisation, CHW float32.
 * One sharp pipeline per image does everything up to the crop (JPEGs shrink on load inside it, see
 * src/ml/README.md Decisions 2 and 22); only the 224×224 crop comes back to JavaScript.
 *
 * @example
 * const pixels = await preprocessImage('photo.jpg', CLIP_PREPROCESS); // Float32Array(3*224*224)
 */
import sharp from 'sharp';
import { readJpegHeader } from './jpeg-header.js';
import type { PreprocessConfig } from './preprocess-config.js';

/** A file path or the encoded bytes of an image (JPEG, PNG, WebP, GIF, TIFF, AVIF…). */
export type ImageInput = string | Uint8Array;

/** Flattening onto white (PIL's convert('RGB') would expose whatever colour transparent pixels hold). */
const ALPHA_BACKGROUND = { r: 255, g: 255, b: 255 };

/** Refuse decompression bombs; CLIP needs 224×224 anyway. */
const MAX_INPUT_PIXELS = 16384 * 16384;

/** Returns one image as CHW float32 [3, cropHeight, cropWidth]. Throws if the image cannot be decoded. */
export async function preprocessImage(input: ImageInput, config: PreprocessConfig, out?: Float32Array): Promise<Float32Array> {
  const source = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const image = sharp(source, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
  const meta = await imageFacts(image, source);
  // EXIF orientations 5–8 swap width and height.
  const rotated = meta.orientation >= 5;
  const [rw, rh] = resizedSize(rotated ? meta.height : meta.width, rotated ? meta.width : meta.height, config);
  const crop = centreCrop(rw, rh, config);
  let pipeline = image.rotate().resize({ width: rw, height: rh, fit: 'fill', kernel: config.kernel });
  if (meta.hasAlpha) pipeline = pipeline.flatten({ background: ALPHA_BACKGROUND });
  // The crop is taken by libvips, after the resize: it computes only the kept columns.
  const { data, info } = await pipeline
    .extract(crop)
    .toColourspace('srgb')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
  return toNormalisedChw(data, info.width, info.height, config, out);
}

/** Stored size, EXIF orientation and alpha: from the JPEG header in JavaScript when it is the common kind, else from sharp. */
async function imageFacts(image: ReturnType<typeof sharp>, source: string | Buffer): Promise<{ width: number; height: number; orientation: number; hasAlpha: boolean }> {
  const jpeg = typeof source === 'string' ? undefined : readJpegHeader(source);
  if (jpeg) return { ...jpeg, hasAlpha: false };
  const meta = await image.metadata();
  if (!meta.width || !meta.height) throw new Error('image has no dimensions');
  return { width: meta.width, height: meta.height, orientation: meta.orientation ?? 1, hasAlpha: meta.hasAlpha === true };
}

/**
 * Hugging Face's get_resize_output_image_size: the shorter side becomes `shortestEdge`, the longer one
 * is scaled and truncated; an image smaller than the crop is upscaled the same way.
 */
export function resizedSize(width: number, height: number, config: PreprocessConfig): [number, number] {
  if (config.shortestEdge === 0) return [Math.max(width, config.cropWidth), Math.max(height, config.cropHeight)];
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  const scaledLong = Math.max(config.shortestEdge, Math.trunc((config.shortestEdge * long) / short));
  return width <= height ? [config.shortestEdge, scaledLong] : [scaledLong, config.shortestEdge];
}

/** Hugging Face's center_crop of a width × height image: the offsets round down. */
export function centreCrop(width: number, height: number, config: PreprocessConfig): { left: number; top: number; width: number; height: number } {
  const cw = config.cropWidth;
  const ch = config.cropHeight;
  if (width < cw || height < ch) throw new Error(`resized image ${width}x${height} is smaller than the ${cw}x${ch} crop`);
  return { left: Math.floor((width - cw) / 2), top: Math.floor((height - ch) / 2), width: cw, height: ch };
}

/**
 * Centre-crops interleaved RGB bytes and writes normalised planes (R, G, B) into a float array. Each
 * channel's 256 possible values are normalised once into a table, so a pixel costs three look-ups.
 */
export function toNormalisedChw(
  rgb: Uint8Array,
  width: number,
  height: number,
  config: PreprocessConfig,
  out: Float32Array = new Float32Array(3 * config.cropHeight * config.cropWidth),
): Float32Array {
  const { left, top, width: cw, height: ch } = centreCrop(width, height, config);
  const plane = cw * ch;
  const table = normalisationTable(config);
  for (let y = 0; y < ch; y++) {
    let src = ((top + y) * width + left) * 3;
    let dst = y * cw;
    for (let x = 0; x < cw; x++, src += 3, dst++) {
      out[dst] = table[rgb[src]!]!;
      out[dst + plane] = table[256 + rgb[src + 1]!]!;
      out[dst + 2 * plane] = table[512 + rgb[src + 2]!]!;
    }
  }
  return out;
}

const tables = new WeakMap<PreprocessConfig, Float32Array>();

/** (v × rescale − mean) / std for every byte value v of each channel, computed as the loop used to. */
function normalisationTable(config: PreprocessConfig): Float32Array {
  let table = tables.get(config);
  if (table) return table;
  table = new Float32Array(3 * 256);
  for (let c = 0; c < 3; c++) {
    const scale = config.rescaleFactor / config.std[c]!;
    const shift = config.mean[c]! / config.std[c]!;
    for (let v = 0; v < 256; v++) table[c * 256 + v] = v * scale - shift;
  }
  tables.set(config, table);
  return table;
}
