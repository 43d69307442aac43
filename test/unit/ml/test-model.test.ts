/**
 * The generated TEST CLIP model: the real export's layout, a one-token-per-word vocabulary, and
 * meaning by construction (dark pictures ↔ "a black cat"), for the fp32 and quantized variants and
 * at CLIP ViT-B/32's width (512) as well as the default 32.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { ClipEmbedder } from '../../../src/ml/inference/embed/clip-embedder.js';
import { resolveModelFiles } from '../../../src/ml/inference/model/model-files.js';
import { ClipTokenizer } from '../../../src/ml/inference/embed/tokenizer.js';
import { NEUTRAL_WORDS, TEST_COLOURS, TEST_EMBED_DIM } from '../../../src/tools/test-model/test-palette.js';
import { writeTestModel } from '../../../src/tools/test-model/write-test-model.js';
import { cleanup, dot, testModelDir } from './helpers.js';

const dir = await testModelDir({ variants: ['fp32', 'quantized'] });
const maskDir = await testModelDir({ attentionMask: true });
const wideDir = await testModelDir({ dim: 512 });
after(() => Promise.all([cleanup(dir), cleanup(maskDir), cleanup(wideDir)]));

const solid = (hex: string) => sharp({ create: { width: 64, height: 48, channels: 3, background: hex } }).png().toBuffer();

test('the generated directory has the real layout and says it is a TEST model', async () => {
  const files = await resolveModelFiles(dir);
  assert.equal(files.isTestModel, true);
  assert.equal(files.embedDim, TEST_EMBED_DIM);
  assert.match(await readFile(join(dir, 'README.md'), 'utf8'), /TEST model — not CLIP/);
  assert.equal((await resolveModelFiles(dir, 'quantized')).visionModel, join(dir, 'onnx/vision_model_quantized.onnx'));
});

test('every vocabulary word is one token, between the last two ids as BOS/EOS', async () => {
  const tok = await ClipTokenizer.fromFile(join(dir, 'tokenizer.json'));
  assert.equal(tok.eosId, tok.bosId + 1);
  for (const word of [...TEST_COLOURS.flatMap((c) => c.words), ...NEUTRAL_WORDS]) {
    assert.equal(tok.encodeOne(word).length, 3, word);
  }
});

const SWATCHES = ['#0a0a0a', '#d01818', '#1530c0', '#f0f0f0', '#20a030', '#404040', '#808080', '#f07010', '#702090'];
const QUERIES = ['a black cat', 'a red car', 'the blue sky'];

/** Every query's scores against every swatch, as embedded by the model in `modelDir`. */
async function scoresOf(modelDir: string): Promise<{ dim: number; scores: number[][] }> {
  const embedder = await ClipEmbedder.load({ modelDir, variant: 'fp32', intraOpNumThreads: 1 });
  try {
    const images = await embedder.embedImages(await Promise.all(SWATCHES.map(solid)));
    const texts = await embedder.embedTexts(QUERIES);
    const row = (b: { data: Float32Array; dim: number }, i: number) => b.data.subarray(i * b.dim, (i + 1) * b.dim);
    return { dim: texts.dim, scores: QUERIES.map((_, t) => SWATCHES.map((_, i) => dot(row(texts, t), row(images, i)))) };
  } finally {
    await embedder.close();
  }
}

/** Swatch indices from best to worst. */
const ranking = (scores: number[]) => scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0]).map(([, i]) => i);

for (const [label, modelDir] of [['input_ids only', dir], ['with attention_mask', maskDir], ['512-d', wideDir]] as const) {
  test(`meaning by construction (${label}): dark ↔ "a black cat", red ↔ "a red car"`, async () => {
    const { scores } = await scoresOf(modelDir);
    assert.equal(ranking(scores[0]!)[0], 0, 'darkest image first for "a black cat"');
    assert.equal(ranking(scores[1]!)[0], 1, 'reddest image first for "a red car"');
    assert.equal(ranking(scores[2]!)[0], 2, 'bluest image first for "the blue sky"');
    // Dark grey ranks above white for "black".
    assert.ok(scores[0]![5]! > scores[0]![3]!);
  });
}

test('the 512-d model says so and ranks every query exactly like the 32-d one', async () => {
  const config = JSON.parse(await readFile(join(wideDir, 'config.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(config['projection_dim'], 512);
  assert.equal((await resolveModelFiles(wideDir)).embedDim, 512);
  assert.match(await readFile(join(wideDir, 'README.md'), 'utf8'), /embeddings are 512 wide/);
  const narrow = await scoresOf(dir);
  const wide = await scoresOf(wideDir);
  assert.equal(narrow.dim, TEST_EMBED_DIM);
  assert.equal(wide.dim, 512);
  QUERIES.forEach((q, t) => {
    assert.deepEqual(ranking(wide.scores[t]!), ranking(narrow.scores[t]!), q);
    wide.scores[t]!.forEach((s, i) => assert.ok(Math.abs(s - narrow.scores[t]![i]!) < 1e-5, `${q} × ${SWATCHES[i]}`));
  });
});

test('widths below the colour and neutral axes are refused', async () => {
  // Refused before anything is written, so the directory is never created.
  const nowhere = join(dir, 'never-written');
  await assert.rejects(writeTestModel(nowhere, { dim: 9 }), RangeError);
  await assert.rejects(writeTestModel(nowhere, { dim: 32.5 }), RangeError);
});

test('extra words embed as exactly their given vectors (a benchmark\'s held-out queries)', async () => {
  const dim = 64;
  const vector = (seed: number) => Float32Array.from({ length: dim }, (_, j) => Math.sin(seed * 31 + j * 7));
  const wordVectors = new Map([['qvaaa', vector(1)], ['qvaab', vector(2)], ['qvzzz', vector(3)]]);
  const wordDir = await testModelDir({ dim, wordVectors });
  try {
    const embedder = await ClipEmbedder.load({ modelDir: wordDir, variant: 'fp32', intraOpNumThreads: 1 });
    try {
      const texts = await embedder.embedTexts([...wordVectors.keys(), 'a black cat']);
      [...wordVectors.values()].forEach((v, t) => {
        const norm = Math.sqrt(dot(v, v));
        const row = texts.data.subarray(t * dim, (t + 1) * dim);
        row.forEach((x, j) => assert.ok(Math.abs(x - v[j]! / norm) < 1e-6, `word ${t}, value ${j}`));
      });
      // The colour words keep their meaning: "a black cat" is not any of the extra vectors.
      const cat = texts.data.subarray(3 * dim, 4 * dim);
      assert.ok(cat.slice(TEST_COLOURS.length + 1).every((x) => x === 0));
    } finally {
      await embedder.close();
    }
  } finally {
    await cleanup(wordDir);
  }
  const nowhere = join(dir, 'never-written');
  await assert.rejects(writeTestModel(nowhere, { dim, wordVectors: new Map([['q1', vector(1)]]) }), RangeError);
  await assert.rejects(writeTestModel(nowhere, { dim, wordVectors: new Map([['black', vector(1)]]) }), RangeError);
  await assert.rejects(writeTestModel(nowhere, { dim, wordVectors: new Map([['qvaaa', new Float32Array(3)]]) }), RangeError);
});
