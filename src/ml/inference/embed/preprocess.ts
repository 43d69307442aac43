/**
 * Image → CLIP pixel_values, as CLIPImageProcessor does it: EXIF orientation applied, alpha flattened
 * onto white, any colour space (greyscale, CMYK, 16-bit) to 8-bit sRGB RGB, shorter side resized to
 * `shortestEdge` with a cubic kernel, centre crop, rescale and mean/std normalisation, CHW float32.
 *
 * @example
 * const pixels = await preprocessImage('photo.jpg', CLIP_PREPROCESS); // Float32Array(3*224*224)
 */
import sharp from 'sharp';
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
  const options = { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS } as const;
  const meta = await sharp(source, options).metadata();
  if (!meta.width || !meta.height) throw new Error('image has no dimensions');
  // EXIF orientations 5–8 swap width and height.
  const rotated = (meta.orientation ?? 1) >= 5;
  const width = rotated ? meta.height : meta.width;
  const height = rotated ? meta.width : meta.height;
  const [rw, rh] = resizedSize(width, height, config);
  const { data, info } = await sharp(source, options)
    .rotate()
    .resize({ width: rw, height: rh, fit: 'fill', kernel: config.kernel })
    .flatten({ background: ALPHA_BACKGROUND })
    .toColourspace('srgb')
    .removeAlpha()
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
  return toNormalisedChw(data, info.width, info.height, config, out);
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

/** Centre-crops interleaved RGB bytes and writes normalised planes (R, G, B) into a float array. */
export function toNormalisedChw(
  rgb: Uint8Array,
  width: number,
  height: number,
  config: PreprocessConfig,
  out: Float32Array = new Float32Array(3 * config.cropHeight * config.cropWidth),
): Float32Array {
  const cw = config.cropWidth;
  const ch = config.cropHeight;
  if (width < cw || height < ch) throw new Error(`resized image ${width}x${height} is smaller than the ${cw}x${ch} crop`);
  const top = Math.floor((height - ch) / 2);
  const left = Math.floor((width - cw) / 2);
  const plane = cw * ch;
  for (let c = 0; c < 3; c++) {
    const scale = config.rescaleFactor / config.std[c]!;
    const shift = config.mean[c]! / config.std[c]!;
    for (let y = 0; y < ch; y++) {
      let src = ((top + y) * width + left) * 3 + c;
      let dst = c * plane + y * cw;
      for (let x = 0; x < cw; x++, src += 3) out[dst++] = rgb[src]! * scale - shift;
    }
  }
  return out;
}
