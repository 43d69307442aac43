/**
 * A batch of images → one pixel_values buffer: each image read (path or bytes) and preprocessed
 * into its CHW slot, one after another; an image that cannot be read or decoded leaves no slot and
 * an error string instead. Runs wherever sharp may block a thread: a CLIP worker or its decode
 * thread (worker/image-decode-thread.ts), never the server's main thread.
 */
import { preprocessImage, type ImageInput } from './preprocess.js';
import type { PreprocessConfig } from './preprocess-config.js';

/** Decoded images, compact: the first `count` [3, height, width] slots of `pixels` are the valid inputs in order. */
export interface DecodedImages {
  readonly pixels: Float32Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  /** Per input: 1 when it was decoded. */
  readonly valid: Uint8Array;
  /** Per input: why it could not be decoded, or null. */
  readonly errors: (string | null)[];
}

export async function decodeImages(
  inputs: readonly ImageInput[],
  config: PreprocessConfig,
  readPath?: (path: string) => Promise<Uint8Array>,
): Promise<DecodedImages> {
  const { cropHeight: height, cropWidth: width } = config;
  const size = 3 * height * width;
  const pixels = new Float32Array(inputs.length * size);
  const valid = new Uint8Array(inputs.length);
  const errors: (string | null)[] = [];
  let count = 0;
  for (const input of inputs) {
    try {
      const source = typeof input === 'string' && readPath ? await readPath(input) : input;
      await preprocessImage(source, config, pixels.subarray(count * size, (count + 1) * size));
      valid[errors.length] = 1;
      errors.push(null);
      count++;
    } catch (err) {
      errors.push(err instanceof Error ? err.message : String(err));
    }
  }
  return { pixels, count, height, width, valid, errors };
}
