/**
 * readJpegHeader agrees with libvips (sharp's metadata) on width, height and EXIF orientation for
 * the JPEGs sharp writes — baseline, progressive, CMYK, with and without EXIF and ICC profiles — and
 * gives up (undefined, so sharp is asked) on anything else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { readJpegHeader } from '../../../src/ml/inference/embed/jpeg-header.js';

const image = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 10, g: 120, b: 200 } } });

async function assertAgrees(jpeg: Buffer, what: string): Promise<void> {
  const meta = await sharp(jpeg).metadata();
  assert.deepEqual(readJpegHeader(jpeg), { width: meta.width, height: meta.height, orientation: meta.orientation ?? 1 }, what);
}

test('size and orientation agree with libvips', async () => {
  for (let orientation = 1; orientation <= 8; orientation++) {
    await assertAgrees(await image(321, 123).jpeg().withMetadata({ orientation }).toBuffer(), `orientation ${orientation}`);
  }
  await assertAgrees(await image(1080, 720).jpeg().toBuffer(), 'no EXIF');
  await assertAgrees(await image(640, 480).jpeg({ progressive: true }).withMetadata({ orientation: 3 }).toBuffer(), 'progressive');
  await assertAgrees(await image(64, 65).toColourspace('cmyk').jpeg().toBuffer(), 'CMYK');
  await assertAgrees(await image(99, 100).jpeg({ mozjpeg: true }).withIccProfile('p3').withMetadata({ orientation: 8 }).toBuffer(), 'ICC profile');
  await assertAgrees(await image(40000, 2).jpeg().toBuffer(), 'wider than 32767');
});

test('an EXIF block without an orientation means 1', async () => {
  const jpeg = await image(50, 40).jpeg().withExif({ IFD0: { Copyright: 'test' } }).toBuffer();
  await assertAgrees(jpeg, 'EXIF without orientation');
  assert.equal(readJpegHeader(jpeg)?.orientation, 1);
});

test('non-JPEGs and damaged headers give undefined', async () => {
  const jpeg = await image(300, 200).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  assert.equal(readJpegHeader(await image(30, 20).png().toBuffer()), undefined, 'PNG');
  assert.equal(readJpegHeader(Buffer.from('not an image at all')), undefined, 'text');
  assert.equal(readJpegHeader(jpeg.subarray(0, 20)), undefined, 'cut inside the header');
  assert.equal(readJpegHeader(new Uint8Array(0)), undefined, 'empty');
  // An orientation of 9 is out of range: libvips decides what it means.
  const tag = findOrientationValue(jpeg);
  const odd = Buffer.from(jpeg);
  odd[tag] = odd[tag + 1] = 0;
  odd[tag + (odd[tag - 8] === 0x12 ? 0 : 1)] = 9; // the low byte, in either byte order
  assert.equal(readJpegHeader(odd), undefined, 'orientation 9');
});

/** Where the orientation entry's value starts (the tag 0x0112 in either byte order, then 8 bytes on). */
function findOrientationValue(jpeg: Buffer): number {
  for (let i = 0; i < jpeg.length - 12; i++) {
    const le = jpeg[i] === 0x12 && jpeg[i + 1] === 0x01 && jpeg[i + 2] === 3 && jpeg[i + 3] === 0;
    const be = jpeg[i] === 0x01 && jpeg[i + 1] === 0x12 && jpeg[i + 2] === 0 && jpeg[i + 3] === 3;
    if (le || be) return i + 8;
  }
  throw new Error('no orientation entry');
}
