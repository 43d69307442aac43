/**
 * Top-k of a score array with a bounded min-heap: O(n log k) time, O(k) memory.
 *
 * @example
 * topK(Float32Array.of(0.1, 0.9, 0.5), 2); // [{ index: 1, score: 0.9 }, { index: 2, score: 0.5 }]
 */

export interface Scored {
  readonly index: number;
  readonly score: number;
}

/**
 * The k highest scores, best first; equal scores keep the lower index first. NaN scores are skipped.
 * `offset`/`length` select a slice (e.g. one query's row of a [q, n] score matrix); indexes are
 * relative to `offset`.
 */
export function topK(scores: ArrayLike<number>, k: number, offset = 0, length = scores.length - offset): Scored[] {
  const size = Math.max(0, Math.min(Math.floor(k), length));
  if (size === 0) return [];
  // Heap root = the worst kept entry; "worse" = lower score, or same score and higher index.
  const idx = new Int32Array(size);
  const val = new Float64Array(size);
  let count = 0;
  const worse = (a: number, b: number) => val[a]! < val[b]! || (val[a] === val[b] && idx[a]! > idx[b]!);
  const swap = (a: number, b: number) => {
    const i = idx[a]!;
    idx[a] = idx[b]!;
    idx[b] = i;
    const v = val[a]!;
    val[a] = val[b]!;
    val[b] = v;
  };
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < count && worse(l, m)) m = l;
      if (r < count && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (let i = 0; i < length; i++) {
    const s = scores[offset + i]!;
    if (Number.isNaN(s)) continue;
    if (count < size) {
      idx[count] = i;
      val[count] = s;
      let c = count++;
      while (c > 0) {
        const p = (c - 1) >> 1;
        if (!worse(c, p)) break;
        swap(c, p);
        c = p;
      }
    } else if (s > val[0]!) {
      // A later index with an equal score is never better, so only strictly greater scores enter.
      idx[0] = i;
      val[0] = s;
      siftDown(0);
    }
  }
  const out: Scored[] = [];
  for (let i = 0; i < count; i++) out.push({ index: idx[i]!, score: val[i]! });
  return out.sort((a, b) => b.score - a.score || a.index - b.index);
}
