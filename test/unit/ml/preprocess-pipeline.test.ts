/**
 * The one-pipeline preprocessing (crop taken by libvips, normalised through a table) gives the same
 * tensor as the plain definition: rotate, resize the whole image, flatten, sRGB, then centre-crop and
 * normalise in JavaScript — bit for bit, over sizes, aspect ratios, EXIF orientations, formats,
 * tiny and huge images. Undecodable inputs still fail, and a batch reports them per input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { preprocessImage, resizedSize } from '../../../src/ml/inference/embed/preprocess.js';
import { decodeImages } from '../../../src/ml/inference/embed/decode-images.js';
import { CLIP_PREPROCESS, type PreprocessConfig } from '../../../src/ml/inference/embed/preprocess-config.js';

/** Deterministic noise (every pixel different, so any shift or rounding shows). */
function noise(width: number, height: number, channels: number, seed = 1): Buffer {
  const out = Buffer.alloc(width * height * channels);
  let s = seed;
  for (let i = 0; i < out.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    out[i] = s >>> 24;
  }
  return out;
}

const raw = (width: number, height: number, channels: 1 | 2 | 3 | 4, seed?: number) =>
  sharp(noise(width, height, channels, seed), { raw: { width, height, channels } });

/** The definition, step by step: whole resized image back in JavaScript, crop and normalise there. */
async function reference(input: Buffer, config: PreprocessConfig): Promise<Float32Array> {
  const meta = await sharp(input).metadata();
  const swap = (meta.orientation ?? 1) >= 5;
  const [rw, rh] = resizedSize(swap ? meta.height! : meta.width!, swap ? meta.width! : meta.height!, config);
  const { data, info } = await sharp(input).rotate().resize({ width: rw, height: rh, fit: 'fill', kernel: config.kernel })
    .flatten({ background: { r: 255, g: 255, b: 255 } }).toColourspace('srgb').removeAlpha().raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const { cropWidth: cw, cropHeight: ch } = config;
  const top = Math.floor((info.height - ch) / 2);
  const left = Math.floor((info.width - cw) / 2);
  const out = new Float32Array(3 * cw * ch);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < ch; y++) {
      for (let x = 0; x < cw; x++) {
        const v = data[((top + y) * info.width + left + x) * 3 + c]!;
        out[c * cw * ch + y * cw + x] = v * (config.rescaleFactor / config.std[c]!) - config.mean[c]! / config.std[c]!;
      }
    }
  }
  return out;
}

function assertSameTensor(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] !== expected[i]) assert.fail(`${what}: value ${i} is ${actual[i]}, the definition gives ${expected[i]}`);
  }
}

test('JPEGs of every shape give the definition\'s tensor exactly (shrink-on-load included)', async () => {
  const shapes: [number, number][] = [[1080, 720], [720, 1080], [1000, 225], [225, 1000], [224, 224], [449, 448], [641, 359], [3000, 2000]];
  for (const [w, h] of shapes) {
    const jpeg = await raw(w, h, 3, w * h).jpeg({ quality: 85 }).toBuffer();
    assertSameTensor(await preprocessImage(jpeg, CLIP_PREPROCESS), await reference(jpeg, CLIP_PREPROCESS), `${w}×${h} JPEG`);
  }
});

test('tiny images are upscaled as the definition does', async () => {
  for (const [w, h] of [[1, 1], [7, 5], [5, 7], [100, 3]] as [number, number][]) {
    const png = await raw(w, h, 3).png().toBuffer();
    assertSameTensor(await preprocessImage(png, CLIP_PREPROCESS), await reference(png, CLIP_PREPROCESS), `${w}×${h} PNG`);
  }
});

test('every EXIF orientation gives the tensor of the upright picture', async () => {
  for (let orientation = 1; orientation <= 8; orientation++) {
    const jpeg = await raw(500, 301, 3).jpeg({ quality: 90 }).withMetadata({ orientation }).toBuffer();
    // Turned upright losslessly, then saved without an orientation.
    const upright = await sharp(await sharp(jpeg).rotate().png().toBuffer()).png().toBuffer();
    assertSameTensor(await preprocessImage(jpeg, CLIP_PREPROCESS), await reference(upright, CLIP_PREPROCESS), `orientation ${orientation}`);
  }
});

test('alpha, greyscale, 16-bit, CMYK and WebP inputs give the definition\'s tensor exactly', async () => {
  const inputs: [string, Buffer][] = [
    ['RGBA PNG', await raw(301, 203, 4).png().toBuffer()],
    ['grey PNG', await raw(333, 250, 1).toColourspace('b-w').png().toBuffer()],
    ['grey + alpha PNG', await raw(240, 260, 2).png().toBuffer()],
    ['16-bit PNG', await raw(300, 200, 3).toColourspace('rgb16').png().toBuffer()],
    ['CMYK JPEG', await raw(300, 300, 3).toColourspace('cmyk').jpeg().toBuffer()],
    ['WebP with alpha', await raw(260, 240, 4).webp({ lossless: true }).toBuffer()],
  ];
  for (const [what, input] of inputs) {
    assertSameTensor(await preprocessImage(input, CLIP_PREPROCESS), await reference(input, CLIP_PREPROCESS), what);
  }
});

test('another crop size and shortest edge (an old-layout preprocessor_config)', async () => {
  const config: PreprocessConfig = { ...CLIP_PREPROCESS, shortestEdge: 256, cropHeight: 240, cropWidth: 240, kernel: 'linear' };
  const jpeg = await raw(800, 533, 3).jpeg().toBuffer();
  const t = await preprocessImage(jpeg, config);
  assert.equal(t.length, 3 * 240 * 240);
  assertSameTensor(t, await reference(jpeg, config), '800×533 into 240²');
});

/** A PNG whose header claims width × height (no pixel data behind it). */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([head, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
}

test('corrupt, truncated, empty and oversized inputs reject', async () => {
  const jpeg = await raw(640, 480, 3).jpeg().toBuffer();
  const cases: [string, Buffer][] = [
    ['text', Buffer.from('definitely not an image')],
    ['truncated JPEG', jpeg.subarray(0, jpeg.length >> 1)],
    ['empty', Buffer.alloc(0)],
    ['a 20000² PNG header (over the pixel limit)', pngClaiming(20000, 20000)],
  ];
  for (const [what, input] of cases) await assert.rejects(preprocessImage(input, CLIP_PREPROCESS), Error, what);
});

test('a batch decodes the good images into consecutive slots and names the bad ones', async () => {
  const good = await raw(400, 300, 3).jpeg().toBuffer();
  const other = await raw(300, 400, 3, 9).png().toBuffer();
  const bad = good.subarray(0, 200);
  const decoded = await decodeImages([good, bad, other, Buffer.from('x')], CLIP_PREPROCESS);
  assert.equal(decoded.count, 2);
  assert.deepEqual([...decoded.valid], [1, 0, 1, 0]);
  assert.equal(decoded.errors[0], null);
  assert.equal(typeof decoded.errors[1], 'string');
  assert.equal(decoded.errors[2], null);
  const size = 3 * 224 * 224;
  assertSameTensor(decoded.pixels.subarray(0, size), await reference(good, CLIP_PREPROCESS), 'slot 0');
  assertSameTensor(decoded.pixels.subarray(size, 2 * size), await reference(other, CLIP_PREPROCESS), 'slot 1');
});
