/**
 * The text tower runs on the real token length (the longest text of the batch) instead of padded to
 * 77, and that changes no embedding: on the TEST model (with and without attention_mask) and on a
 * tiny BENCHMARK-shaped model, whose text graph is CLIP's (causal attention, pooled at the first
 * EOS), so padding after the EOS is invisible only because of that structure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTestTokenizer } from '../../../src/tools/test-model/build-test-tokenizer.js';
import { ClipEmbedder } from '../../../src/ml/inference/embed/clip-embedder.js';
import { ClipSession } from '../../../src/ml/inference/embed/clip-session.js';
import { l2NormalizeRows } from '../../../src/ml/inference/embed/l2-normalize.js';
import { resolveModelFiles, type ModelVariant } from '../../../src/ml/inference/model/model-files.js';
import { ClipTokenizer } from '../../../src/ml/inference/embed/tokenizer.js';
import { writeBenchModel } from '../../../src/tools/bench-model/write-bench-model.js';
import type { BenchModelShape } from '../../../src/tools/bench-model/build-bench-graphs.js';
import { cleanup, dot, tempDir, testModelDir } from './helpers.js';

const TEXTS = ['a red car', 'green grass under a blue sky at night, seen from far away', 'x', ''];
/** fp32 rounding of a different summation order is far below this. */
const TOLERANCE = 1e-5;
const TINY: BenchModelShape = {
  vision: { width: 32, heads: 2, layers: 1, mlpWidth: 64, imageSize: 224, patchSize: 32 },
  text: { width: 64, heads: 4, layers: 2, mlpWidth: 128, vocabSize: 4096, contextLength: 77 },
  embedDim: 32,
};

async function padded77AndLongest(dir: string, variant: ModelVariant = 'fp32') {
  const files = await resolveModelFiles(dir, variant);
  const session = await ClipSession.load(files, { intraOpNumThreads: 1 });
  const tokenizer = await ClipTokenizer.fromFile(files.tokenizer);
  try {
    const longest = tokenizer.encode(TEXTS, 'longest');
    assert.ok(longest.contextLength < 77, `longest text is ${longest.contextLength} tokens`);
    const padded = await session.textEmbeds(tokenizer.encode(TEXTS, 'context'));
    const short = await session.textEmbeds(longest);
    return { session, padded, short, dynamic: session.textLengthIsDynamic };
  } finally {
    await session.release();
  }
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  assert.equal(a.length, b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

test('tokenizer: "longest" pads only to the longest text, with EOS and mask 0', () => {
  const tok = ClipTokenizer.fromJson(buildTestTokenizer(['red', 'car']).json);
  const batch = tok.encode(['red car', 'red'], 'longest');
  assert.equal(batch.contextLength, 4);
  assert.deepEqual([...batch.inputIds].map(Number), [tok.bosId, ...tok.encodeOne('red car').slice(1, 3), tok.eosId,
    tok.bosId, tok.encodeOne('red')[1]!, tok.eosId, tok.eosId]);
  assert.deepEqual([...batch.attentionMask].map(Number), [1, 1, 1, 1, 1, 1, 1, 0]);
  assert.equal(tok.encode(['red'], 'context').contextLength, 77);
});

for (const attentionMask of [false, true]) {
  test(`TEST model${attentionMask ? ' with attention_mask' : ''}: real length gives the padded embeddings`, async () => {
    const dir = await testModelDir({ attentionMask });
    try {
      const { padded, short, dynamic } = await padded77AndLongest(dir);
      assert.equal(dynamic, true);
      assert.ok(maxDiff(padded.data, short.data) <= TOLERANCE);
    } finally {
      await cleanup(dir);
    }
  });
}

test('CLIP-shaped text tower (causal, EOS pooling; tiny BENCHMARK model): real length gives the padded embeddings', async () => {
  const dir = await tempDir('ml-bench-model-');
  try {
    await writeBenchModel(dir, { shape: TINY, variants: ['fp32', 'quantized'] });
    const fp32 = await padded77AndLongest(dir);
    assert.equal(fp32.dynamic, true);
    const diff = maxDiff(fp32.padded.data, fp32.short.data);
    assert.ok(diff <= TOLERANCE, `max difference ${diff}`);
    // Not a vacuous comparison: the texts' embeddings differ from each other.
    assert.ok(maxDiff(fp32.short.data.subarray(0, 32), fp32.short.data.subarray(32, 64)) > 1e-3);
    // Dynamic int8 quantization scales by the whole activation tensor, padding included, so the
    // quantized graph differs by quantization noise only: cosine close to 1, not bit-equal.
    const q = await padded77AndLongest(dir, 'quantized');
    const a = l2NormalizeRows(Float32Array.from(q.padded.data), 32);
    const b = l2NormalizeRows(Float32Array.from(q.short.data), 32);
    for (let row = 0; row < TEXTS.length; row++) {
      const cosine = dot(a.subarray(row * 32, row * 32 + 32), b.subarray(row * 32, row * 32 + 32));
      assert.ok(cosine > 0.99, `row ${row}: cosine ${cosine}`);
    }
    // The embedder takes the real-length path and normalises what the padded run gives.
    const embedder = await ClipEmbedder.load({ modelDir: dir, variant: 'fp32', intraOpNumThreads: 1 });
    try {
      const out = await embedder.embedTexts(TEXTS);
      assert.ok(maxDiff(out.data, l2NormalizeRows(Float32Array.from(fp32.padded.data), 32)) <= TOLERANCE);
    } finally {
      await embedder.close();
    }
  } finally {
    await cleanup(dir);
  }
});
