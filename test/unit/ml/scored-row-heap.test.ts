/** BoundedHeap in the vector scans' order: the k best (score DESC, NaN first; ties by ordinal then row) against a full sort. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedHeap } from '../../../src/common/bounded-heap.js';
import { compareScoredRows, type ScoredRow } from '../../../src/ml/inference/vector/scored-row-heap.js';

describe('BoundedHeap of scored rows', () => {
  it('keeps the k best of many rows with ties, equal to a stable sort of the scan', () => {
    const rows: ScoredRow[] = [];
    let seed = 7;
    for (let ordinal = 0; ordinal < 6; ordinal++) {
      for (let row = 0; row < 300; row++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        rows.push({ score: (seed % 13) / 13, ordinal, row });
      }
    }
    rows.push({ score: Number.NaN, ordinal: 5, row: 999 });
    for (const k of [0, 1, 5, 40, 2000]) {
      const heap = new BoundedHeap<ScoredRow>(k, compareScoredRows);
      for (const r of rows) heap.offer(r);
      assert.deepEqual(heap.sorted(), [...rows].sort(compareScoredRows).slice(0, k));
    }
  });

  it('NaN ranks above every number; equal scores go to the earlier row', () => {
    const heap = new BoundedHeap<ScoredRow>(3, compareScoredRows);
    heap.offer({ score: 0.5, ordinal: 1, row: 0 });
    heap.offer({ score: 0.5, ordinal: 0, row: 9 });
    heap.offer({ score: Number.NaN, ordinal: 2, row: 2 });
    heap.offer({ score: 0.5, ordinal: 0, row: 3 });
    assert.deepEqual(heap.sorted().map((r) => [r.ordinal, r.row]), [[2, 2], [0, 3], [0, 9]]);
  });
});
