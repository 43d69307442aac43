/**
 * Top-k of a score array with the house's bounded heap: O(n log k) time, O(k) memory.
 *
 * @example
 * topK(Float32Array.of(0.1, 0.9, 0.5), 2); // [{ index: 1, score: 0.9 }, { index: 2, score: 0.5 }]
 */
import { BoundedHeap } from '../common/bounded-heap.js';

export interface Scored {
  readonly index: number;
  readonly score: number;
}

const byScoreThenIndex = (a: Scored, b: Scored): number => b.score - a.score || a.index - b.index;

/**
 * The k highest scores, best first; equal scores keep the lower index first. NaN scores are skipped.
 * `offset`/`length` select a slice (e.g. one query's row of a [q, n] score matrix); indexes are
 * relative to `offset`.
 */
export function topK(scores: ArrayLike<number>, k: number, offset = 0, length = scores.length - offset): Scored[] {
  const heap = new BoundedHeap<Scored>(Math.max(0, Math.min(Math.floor(k), length)), byScoreThenIndex);
  if (heap.capacity === 0) return [];
  for (let i = 0; i < length; i++) {
    const score = scores[offset + i]!;
    // A full heap takes only strictly greater scores: skip the allocation for the rest.
    if (Number.isNaN(score) || (heap.full && score <= heap.worst!.score)) continue;
    heap.offer({ index: i, score });
  }
  return heap.sorted();
}
