/**
 * ClipPool (piscina workers): normalised text and image embeddings in order, unreadable images as
 * null, batches decoded ahead equal to batches alone, tasks spread evenly over the workers,
 * onProgress, cancellation (57014) without killing workers, 58P01 for a missing model, close().
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { SqlError } from '../../../src/common/sql-error.js';
import { SQLSTATE } from '../../../src/common/sqlstate.js';
import { ClipPool } from '../../../src/ml/inference/pool/clip-pool.js';
import { cleanup, dot, tempDir, testModelDir } from './helpers.js';

const dir = await testModelDir();
const pool = await ClipPool.open({ modelDir: dir, workers: 2 });
after(async () => {
  await pool.close();
  await cleanup(dir);
});

const solid = (background: string) => sharp({ create: { width: 40, height: 30, channels: 3, background } }).jpeg().toBuffer();
const norm = (v: Float32Array) => Math.sqrt(dot(v, v));

test('pool: text embeddings are L2-normalised and keep their order across batches', async () => {
  const texts = ['a black cat', 'a red car', 'green grass', 'a photo', 'blue sea'];
  const rows = await pool.embedTexts(texts, { batchSize: 2 });
  assert.equal(rows.length, texts.length);
  for (const r of rows) {
    assert.equal(r.length, pool.dim);
    assert.ok(Math.abs(norm(r) - 1) < 1e-5);
  }
  const one = await pool.embedTexts(['green grass']);
  assert.deepEqual([...rows[2]!], [...one[0]!]);
});

test('pool: image embeddings are normalised; unreadable images are null without failing the batch', async () => {
  const dataDir = await tempDir();
  try {
    const onDisk = join(dataDir, 'red.png');
    await writeFile(onDisk, await sharp({ create: { width: 20, height: 20, channels: 3, background: '#e01010' } }).png().toBuffer());
    await writeFile(join(dataDir, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    const inputs = [await solid('#050505'), onDisk, join(dataDir, 'broken.jpg'), join(dataDir, 'missing.png'), await solid('#f8f8f8')];
    const rows = await pool.embedImages(inputs, { batchSize: 2 });
    assert.equal(rows.length, 5);
    assert.equal(rows[2], null);
    assert.equal(rows[3], null);
    for (const i of [0, 1, 4]) assert.ok(Math.abs(norm(rows[i]!) - 1) < 1e-5, `row ${i}`);
    const [black, red] = await pool.embedTexts(['black', 'red']);
    assert.ok(dot(black!, rows[0]!) > dot(black!, rows[4]!));
    assert.ok(dot(red!, rows[1]!) > dot(red!, rows[0]!));
  } finally {
    await cleanup(dataDir);
  }
});

test('pool: batches decoded ahead (prefetch) give the rows one batch at a time gives; onProgress counts, and its throw stops the call', async () => {
  const dataDir = await tempDir();
  try {
    const colours = ['#050505', '#e01010', '#10e010', '#1010e0', '#f8f8f8', '#e0e010', '#808080'];
    const paths: string[] = [];
    for (const [i, c] of colours.entries()) {
      paths.push(join(dataDir, `c${i}.jpg`));
      await writeFile(paths[i]!, await solid(c));
    }
    paths.splice(3, 0, join(dataDir, 'missing.jpg'));
    const progress: number[] = [];
    const ahead = await pool.embedImages(paths, { batchSize: 2, onProgress: (done) => progress.push(done) });
    assert.deepEqual([...progress].sort((a, b) => a - b), [2, 4, 6, 8]);
    assert.equal(ahead[3], null);
    for (const [i, path] of paths.entries()) {
      const [alone] = await pool.embedImages([path]);
      assert.deepEqual(ahead[i] === null ? null : [...ahead[i]!], alone === null ? null : [...alone!], `row ${i}`);
    }
    const stop = new SqlError(SQLSTATE.QueryCanceled, 'stopped by onProgress');
    await assert.rejects(pool.embedImages(paths, { batchSize: 1, onProgress: () => { throw stop; } }), (err) => err === stop);
  } finally {
    await cleanup(dataDir);
  }
});

test('pool: a call is cut into as many tasks per worker, sizes within one (5 images at batchSize 2 on 2 workers: 2, 1, 1, 1)', async () => {
  const images = await Promise.all(['#050505', '#e01010', '#10e010', '#1010e0', '#f8f8f8'].map(solid));
  const progress: number[] = [];
  const rows = await pool.embedImages(images, { batchSize: 2, onProgress: (done) => progress.push(done) });
  assert.equal(rows.length, 5);
  assert.equal(progress.length, 4);
  assert.equal(Math.max(...progress), 5);
  const steps = progress.map((done, i) => done - (i === 0 ? 0 : progress[i - 1]!)).sort();
  assert.deepEqual(steps, [1, 1, 1, 2]);
});

test('pool: an already aborted signal rejects with 57014', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(pool.embedTexts(['red'], { signal: controller.signal }),
    (err: unknown) => err instanceof SqlError && err.code === '57014');
});

test('pool: aborting while batches are queued rejects with 57014, and the pool still works after', async () => {
  const controller = new AbortController();
  const images = await Promise.all(Array.from({ length: 24 }, () => solid('#808080')));
  const run = pool.embedImages(images, { batchSize: 1, signal: controller.signal });
  setImmediate(() => controller.abort());
  await assert.rejects(run, (err: unknown) => err instanceof SqlError && err.code === '57014');
  const rows = await pool.embedTexts(['white snow']);
  assert.equal(rows.length, 1);
});

// Regression: piscina aborted *running* tasks by terminating their worker, and a thread killed
// inside sharp/onnxruntime sometimes took the whole process down (Napi::Error → terminate).
test('pool: aborting while batches run never kills a worker; the process and pool survive', async () => {
  const images = await Promise.all(Array.from({ length: 8 }, (_, i) => solid(i % 2 ? '#202020' : '#e0e0e0')));
  const many = Array.from({ length: 400 }, (_, i) => images[i % images.length]!);
  for (let round = 0; round < 5; round++) {
    const controller = new AbortController();
    const run = pool.embedImages(many, { batchSize: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 20 + 15 * round);
    await assert.rejects(run, (err: unknown) => err instanceof SqlError && err.code === '57014');
  }
  assert.equal((await pool.embedImages(images.slice(0, 2))).filter((r) => r !== null).length, 2);
});

test('pool: empty input needs no worker', async () => {
  assert.deepEqual(await pool.embedImages([]), []);
  assert.deepEqual(await pool.embedTexts([]), []);
});

test('pool: a missing model directory fails on open with 58P01 naming the files', async () => {
  const empty = await tempDir();
  try {
    await assert.rejects(ClipPool.open({ modelDir: empty }), (err: unknown) =>
      err instanceof SqlError && err.code === '58P01' && /onnx\/vision_model\.onnx/.test(err.message) && /huggingface/.test(err.fields.hint ?? ''));
  } finally {
    await cleanup(empty);
  }
});

test('pool: close() stops the workers', async () => {
  const other = await ClipPool.open({ modelDir: dir, workers: 1 });
  assert.equal((await other.embedTexts(['red'])).length, 1);
  await other.close();
  await assert.rejects(other.embedTexts(['red']), (err: unknown) => err instanceof SqlError && err.code === '57P01');
});

test('pool: dotScores in a worker matches the JS loop, with a SharedArrayBuffer matrix', async () => {
  const texts = await pool.embedTexts(['red', 'blue', 'a black cat']);
  const dim = pool.dim;
  const matrix = new Float32Array(new SharedArrayBuffer(texts.length * dim * 4));
  texts.forEach((t, i) => matrix.set(t, i * dim));
  const scores = await pool.dotScores(texts[0]!, 1, matrix, texts.length);
  assert.equal(scores.length, 3);
  assert.ok(Math.abs(scores[0]! - 1) < 1e-5);
  texts.forEach((t, i) => assert.ok(Math.abs(scores[i]! - dot(texts[0]!, t)) < 1e-5));
});
