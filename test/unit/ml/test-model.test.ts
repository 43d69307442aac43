/**
 * The generated TEST CLIP model: the real export's layout, a one-token-per-word vocabulary, and
 * meaning by construction (dark pictures ↔ "a black cat"), for the fp32 and quantized variants.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { ClipEmbedder } from '../../../src/ml/clip-embedder.js';
import { resolveModelFiles } from '../../../src/ml/model-files.js';
import { ClipTokenizer } from '../../../src/ml/tokenizer.js';
import { NEUTRAL_WORDS, TEST_COLOURS, TEST_EMBED_DIM } from '../../../src/ml/test-model/test-palette.js';
import { cleanup, dot, testModelDir } from './helpers.js';

const dir = await testModelDir({ variants: ['fp32', 'quantized'] });
const maskDir = await testModelDir({ attentionMask: true });
after(() => Promise.all([cleanup(dir), cleanup(maskDir)]));

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

for (const [label, modelDir] of [['input_ids only', dir], ['with attention_mask', maskDir]] as const) {
  test(`meaning by construction (${label}): dark ↔ "a black cat", red ↔ "a red car"`, async () => {
    const embedder = await ClipEmbedder.load({ modelDir, variant: 'fp32', intraOpNumThreads: 1 });
    try {
      const names = ['#0a0a0a', '#d01818', '#1530c0', '#f0f0f0', '#20a030', '#404040'];
      const images = await embedder.embedImages(await Promise.all(names.map(solid)));
      const texts = await embedder.embedTexts(['a black cat', 'a red car', 'the blue sky']);
      const row = (b: { data: Float32Array; dim: number }, i: number) => b.data.subarray(i * b.dim, (i + 1) * b.dim);
      const best = (t: number) => {
        const scores = names.map((_, i) => dot(row(texts, t), row(images, i)));
        return scores.indexOf(Math.max(...scores));
      };
      assert.equal(best(0), 0, 'darkest image first for "a black cat"');
      assert.equal(best(1), 1, 'reddest image first for "a red car"');
      assert.equal(best(2), 2, 'bluest image first for "the blue sky"');
      // Dark grey ranks above white for "black".
      assert.ok(dot(row(texts, 0), row(images, 5)) > dot(row(texts, 0), row(images, 3)));
    } finally {
      await embedder.close();
    }
  });
}
