/**
 * A call's inputs are cut into worker tasks so the workers finish together
 * (ml/inference/pool/even-batches.ts): never larger than batchSize, every input once and in
 * order, a multiple of the lanes when there are more tasks than lanes, sizes within one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cutBatches, evenBatches } from '../../../src/ml/inference/pool/even-batches.js';

describe('even batches', () => {
  it('spreads the last round over every lane instead of leaving one lane a whole batch more', () => {
    assert.deepEqual(evenBatches(80, 16, 2), [14, 14, 13, 13, 13, 13]);
    assert.deepEqual(evenBatches(17, 16, 2), [9, 8]);
    assert.deepEqual(evenBatches(100, 16, 2), [13, 13, 13, 13, 12, 12, 12, 12]);
  });

  it('keeps full batches when they already divide evenly, and one task per lane or fewer as asked', () => {
    assert.deepEqual(evenBatches(64, 16, 2), [16, 16, 16, 16]);
    assert.deepEqual(evenBatches(10, 16, 2), [10]);
    assert.deepEqual(evenBatches(1, 1, 2), [1]);
    assert.deepEqual(evenBatches(3, 1, 2), [1, 1, 1]);
    assert.deepEqual(evenBatches(0, 16, 2), []);
    assert.deepEqual(evenBatches(5, 2, 1), [2, 2, 1]);
  });

  it('holds its invariants over many shapes', () => {
    for (let items = 1; items <= 200; items++) {
      for (const batch of [1, 2, 3, 7, 16, 64]) {
        for (const lanes of [1, 2, 3, 4]) {
          const sizes = evenBatches(items, batch, lanes);
          const at = `${items} items, batch ${batch}, ${lanes} lanes`;
          assert.equal(sizes.reduce((a, b) => a + b, 0), items, at);
          assert.ok(sizes.every((n) => n >= 1 && n <= batch), at);
          assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, at);
          const plain = Math.ceil(items / batch);
          if (plain > lanes) assert.ok(sizes.length % lanes === 0 || sizes.length === items, at);
          else assert.equal(sizes.length, plain, at);
        }
      }
    }
  });

  it('cuts the inputs in order', () => {
    const items = Array.from({ length: 7 }, (_, i) => `p${i}`);
    assert.deepEqual(cutBatches(items, evenBatches(7, 2, 2)), [['p0', 'p1'], ['p2', 'p3'], ['p4', 'p5'], ['p6']]);
  });
});
