/**
 * CLIP image preprocessing (sharp): resize shorter side to 224 and centre-crop as Hugging Face does,
 * alpha onto white, greyscale/CMYK to sRGB, EXIF orientation, normalisation; preprocessor_config.json parsing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { preprocessImage, resizedSize } from '../../../src/ml/inference/embed/preprocess.js';
import { CLIP_PREPROCESS, parsePreprocessConfig } from '../../../src/ml/inference/embed/preprocess-config.js';

const PLANE = 224 * 224;
const { mean, std } = CLIP_PREPROCESS;
/** The normalised value of an 8-bit channel value. */
const norm = (v: number, c: number) => (v / 255 - mean[c]!) / std[c]!;
/** Pixel (x, y) of channel c in a CHW tensor. */
const at = (t: Float32Array, c: number, x: number, y: number) => t[c * PLANE + y * 224 + x]!;
const close = (a: number, b: number, tol = 0.03) => assert.ok(Math.abs(a - b) < tol, `${a} ≉ ${b}`);

test('a solid image becomes a 3×224×224 tensor of its normalised colour', async () => {
  const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 200, g: 100, b: 50 } } }).png().toBuffer();
  const t = await preprocessImage(png, CLIP_PREPROCESS);
  assert.equal(t.length, 3 * PLANE);
  [200, 100, 50].forEach((v, c) => {
    close(at(t, c, 0, 0), norm(v, c), 1e-5);
    close(at(t, c, 223, 223), norm(v, c), 1e-5);
  });
});

test('shorter side to 224, longer side scaled and truncated (Hugging Face rule)', () => {
  assert.deepEqual(resizedSize(300, 200, CLIP_PREPROCESS), [336, 224]);
  assert.deepEqual(resizedSize(200, 333, CLIP_PREPROCESS), [224, 372]);
  assert.deepEqual(resizedSize(100, 50, CLIP_PREPROCESS), [448, 224]);
});

test('centre crop keeps the middle of a wide image', async () => {
  // 600×200: left third red, middle third green, right third blue → after resize 672×224, crop 224 wide = green.
  const w = 600;
  const raw = Buffer.alloc(w * 200 * 3);
  for (let y = 0; y < 200; y++) for (let x = 0; x < w; x++) raw[(y * w + x) * 3 + Math.floor((3 * x) / w)] = 255;
  const png = await sharp(raw, { raw: { width: w, height: 200, channels: 3 } }).png().toBuffer();
  const t = await preprocessImage(png, CLIP_PREPROCESS);
  close(at(t, 1, 112, 112), norm(255, 1));
  close(at(t, 0, 112, 112), norm(0, 0));
});

test('transparent PNG pixels are flattened onto white', async () => {
  const png = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
  const t = await preprocessImage(png, CLIP_PREPROCESS);
  for (let c = 0; c < 3; c++) close(at(t, c, 100, 100), norm(255, c));
});

test('a greyscale image gives three equal channels', async () => {
  const raw = Buffer.alloc(64 * 64, 90);
  const png = await sharp(raw, { raw: { width: 64, height: 64, channels: 1 } }).toColourspace('b-w').png().toBuffer();
  assert.equal((await sharp(png).metadata()).channels, 1);
  const t = await preprocessImage(png, CLIP_PREPROCESS);
  for (let c = 0; c < 3; c++) close(at(t, c, 10, 200), norm(90, c), 0.02);
});

test('a CMYK JPEG is converted to sRGB', async () => {
  const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 220, g: 30, b: 30 } } })
    .toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
  assert.equal((await sharp(jpeg).metadata()).space, 'cmyk');
  const t = await preprocessImage(jpeg, CLIP_PREPROCESS);
  assert.ok(at(t, 0, 112, 112) > norm(180, 0), 'red stays high');
  assert.ok(at(t, 1, 112, 112) < norm(80, 1), 'green stays low');
});

test('EXIF orientation is applied before resizing and cropping', async () => {
  // 200×100 stored: left half red, right half blue. Orientation 6 (rotate 90° clockwise to display)
  // shows it 100×200 with red on top.
  const raw = Buffer.alloc(200 * 100 * 3);
  for (let y = 0; y < 100; y++) for (let x = 0; x < 200; x++) raw[(y * 200 + x) * 3 + (x < 100 ? 0 : 2)] = 255;
  const jpeg = await sharp(raw, { raw: { width: 200, height: 100, channels: 3 } })
    .jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
  assert.equal((await sharp(jpeg).metadata()).orientation, 6);
  const t = await preprocessImage(jpeg, CLIP_PREPROCESS);
  assert.ok(at(t, 0, 112, 20) > 1 && at(t, 2, 112, 20) < 0, 'top is red');
  assert.ok(at(t, 2, 112, 200) > 1 && at(t, 0, 112, 200) < 0, 'bottom is blue');
});

test('undecodable bytes reject', async () => {
  await assert.rejects(preprocessImage(Buffer.from('definitely not an image'), CLIP_PREPROCESS));
  await assert.rejects(preprocessImage('/no/such/file.jpg', CLIP_PREPROCESS));
});

test('preprocessor_config.json: new and old layouts, CLIP defaults', () => {
  const cfg = parsePreprocessConfig({ size: { shortest_edge: 224 }, crop_size: { height: 224, width: 224 }, resample: 3 });
  assert.deepEqual(cfg, CLIP_PREPROCESS);
  const old = parsePreprocessConfig({ size: 256, crop_size: 240, resample: 2, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] });
  assert.equal(old.shortestEdge, 256);
  assert.equal(old.cropWidth, 240);
  assert.equal(old.kernel, 'linear');
  assert.deepEqual(old.mean, [0.5, 0.5, 0.5]);
  assert.throws(() => parsePreprocessConfig({ image_mean: [1, 2] }), /image_mean/);
});
