/**
 * Similarity kernels: dotScores against a naive product, the ORT Gemm scorer against dotScores,
 * and cosineSimilarity.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cosineSimilarity, dotScores } from '../../../src/ml/inference/vector/similarity.js';
import { createGemmScorer } from '../../../src/ml/inference/vector/similarity-gemm.js';
import { l2NormalizeRows } from '../../../src/ml/inference/embed/l2-normalize.js';
import { seededRandom } from '../../../src/tools/sample/seeded-random.js';

function randomUnitRows(n: number, dim: number, seed: number): Float32Array {
  const rng = seededRandom(seed);
  return l2NormalizeRows(Float32Array.from({ length: n * dim }, () => rng.next() - 0.5), dim);
}

test('dotScores matches a naive product, for widths not divisible by 4 too', () => {
  for (const dim of [32, 37, 512]) {
    const q = randomUnitRows(3, dim, 1);
    const m = randomUnitRows(50, dim, 2);
    const s = dotScores(q, 3, m, 50, dim);
    for (let qi = 0; qi < 3; qi++) {
      for (let r = 0; r < 50; r++) {
        let ref = 0;
        for (let j = 0; j < dim; j++) ref += q[qi * dim + j]! * m[r * dim + j]!;
        assert.ok(Math.abs(s[qi * 50 + r]! - ref) < 1e-5);
      }
    }
  }
});

test('ORT Gemm scorer agrees with dotScores', async () => {
  const dim = 64;
  const q = randomUnitRows(2, dim, 3);
  const m = randomUnitRows(100, dim, 4);
  const gemm = await createGemmScorer(dim);
  try {
    const a = dotScores(q, 2, m, 100, dim);
    const b = await gemm.score(q, 2, m, 100);
    assert.equal(b.length, 200);
    for (let i = 0; i < 200; i++) assert.ok(Math.abs(a[i]! - b[i]!) < 1e-5);
  } finally {
    await gemm.release();
  }
});

test('cosineSimilarity normalises and handles zero vectors', () => {
  assert.ok(Math.abs(cosineSimilarity(Float32Array.of(1, 0), Float32Array.of(3, 0)) - 1) < 1e-9);
  assert.equal(cosineSimilarity(Float32Array.of(0, 0), Float32Array.of(1, 0)), 0);
  assert.throws(() => cosineSimilarity(Float32Array.of(1), Float32Array.of(1, 2)), RangeError);
});
