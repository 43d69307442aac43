/** ScoredRowHeap: the k best (score DESC, NaN first; ties by ordinal then row) against a full sort. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareScoredRows, ScoredRowHeap, type ScoredRow } from '../../../src/ml/scored-row-heap.js';

describe('ScoredRowHeap', () => {
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
      const heap = new ScoredRowHeap(k);
      for (const r of rows) heap.offer(r.score, r.ordinal, r.row);
      assert.deepEqual(heap.sorted(), [...rows].sort(compareScoredRows).slice(0, k));
    }
  });

  it('NaN ranks above every number; equal scores go to the earlier row', () => {
    const heap = new ScoredRowHeap(3);
    heap.offer(0.5, 1, 0);
    heap.offer(0.5, 0, 9);
    heap.offer(Number.NaN, 2, 2);
    heap.offer(0.5, 0, 3);
    assert.deepEqual(heap.sorted().map((r) => [r.ordinal, r.row]), [[2, 2], [0, 3], [0, 9]]);
  });
});
