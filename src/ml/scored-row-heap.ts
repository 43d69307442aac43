/**
 * A bounded heap of (score, ordinal, row) for vector top-k scans: keeps the k best rows seen,
 * O(log k) per offer. "Better" is SQL's `ORDER BY score DESC` over non-NULL doubles — NaN above
 * every number, as PostgreSQL orders it — with ties going to the lower (ordinal, row), i.e. the
 * row a sequential scan meets first, so the result equals a stable sort of the scan.
 *
 * @example
 * const heap = new ScoredRowHeap(2);
 * heap.offer(0.3, 0, 7); heap.offer(0.9, 1, 0); heap.offer(0.5, 0, 2);
 * heap.sorted(); // [{ score: 0.9, ordinal: 1, row: 0 }, { score: 0.5, ordinal: 0, row: 2 }]
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
function compareScores(x: number, y: number): number {
  if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
  if (Number.isNaN(y)) return -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

export class ScoredRowHeap {
  // Root = the worst kept row (the first to be dropped).
  private readonly scores: Float64Array;
  private readonly ordinals: Int32Array;
  private readonly rows: Int32Array;
  private count = 0;

  constructor(readonly capacity: number) {
    this.scores = new Float64Array(capacity);
    this.ordinals = new Int32Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  offer(score: number, ordinal: number, row: number): void {
    if (this.capacity === 0) return;
    if (this.count < this.capacity) {
      let i = this.count++;
      this.set(i, score, ordinal, row);
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    // Only a strictly better row replaces the root (scan order makes equal rows later ones).
    if (this.rank(score, ordinal, row, 0) >= 0) return;
    this.set(0, score, ordinal, row);
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < this.count && this.worse(l, top)) top = l;
      if (r < this.count && this.worse(r, top)) top = r;
      if (top === i) return;
      this.swap(i, top);
      i = top;
    }
  }

  /** The kept rows, best first. */
  sorted(): ScoredRow[] {
    const out: ScoredRow[] = [];
    for (let i = 0; i < this.count; i++) out.push({ score: this.scores[i]!, ordinal: this.ordinals[i]!, row: this.rows[i]! });
    return out.sort(compareScoredRows);
  }

  private rank(score: number, ordinal: number, row: number, j: number): number {
    return compareScores(this.scores[j]!, score) || ordinal - this.ordinals[j]! || row - this.rows[j]!;
  }

  /** True when slot i ranks after slot j. */
  private worse(i: number, j: number): boolean {
    return this.rank(this.scores[i]!, this.ordinals[i]!, this.rows[i]!, j) > 0;
  }

  private set(i: number, score: number, ordinal: number, row: number): void {
    this.scores[i] = score;
    this.ordinals[i] = ordinal;
    this.rows[i] = row;
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i]!;
    const o = this.ordinals[i]!;
    const r = this.rows[i]!;
    this.set(i, this.scores[j]!, this.ordinals[j]!, this.rows[j]!);
    this.set(j, s, o, r);
  }
}
