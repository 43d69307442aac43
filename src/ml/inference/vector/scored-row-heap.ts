/**
 * The order of vector top-k scans: (score, ordinal, row) triples ranked as SQL's
 * `ORDER BY score DESC` over non-NULL doubles — NaN above every number, as PostgreSQL orders it —
 * with ties going to the lower (ordinal, row), i.e. the row a sequential scan meets first, so a
 * bounded heap in this order (common/bounded-heap.ts) equals a stable sort of the scan.
 *
 * @example
 * const heap = new BoundedHeap<ScoredRow>(2, compareScoredRows);
 * heap.offer({ score: 0.3, ordinal: 0, row: 7 }); heap.offer({ score: 0.9, ordinal: 1, row: 0 });
 * heap.sorted(); // [{ score: 0.9, ordinal: 1, row: 0 }, { score: 0.3, ordinal: 0, row: 7 }]
 */

/** One scored row: `ordinal` is its row group's position in the table's scan order. */
export interface ScoredRow {
  readonly score: number;
  readonly ordinal: number;
  readonly row: number;
}

/** Negative when a ranks before b (see the file comment). */
export function compareScoredRows(a: ScoredRow, b: ScoredRow): number {
  return compareScores(b.score, a.score) || a.ordinal - b.ordinal || a.row - b.row;
}

/** Ascending order of doubles with NaN last (PostgreSQL's float8 order). */
export function compareScores(x: number, y: number): number {
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
  if (Number.isNaN(y)) return -1;
  return x < y ? -1 : x > y ? 1 : 0;
}
