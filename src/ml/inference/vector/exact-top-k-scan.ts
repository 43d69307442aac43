/**
 * A vector worker's exact top-k over some row groups of one embedding column: each group's
 * normalised rows come from the worker's cache (vector-cache.ts; filled from the store on a
 * miss), the SIMD kernel scores the whole group in float32, and only rows that could still enter
 * the top k are re-scored with `dotAt` — the arithmetic of SEARCH's ordinary plan — before they
 * are offered to the heap. So the kept scores, and the order they give (ties to the earlier row),
 * are exactly the ordinary plan's, while almost every row costs one SIMD pass.
 *
 * Why the margin is safe: for unit vectors |kernel − exact| ≤ dim · 2⁻²³ (float32 sums of at most
 * dim products, each below 1 in total by Cauchy–Schwarz); a row whose kernel score is below the
 * heap's worst exact score minus MARGIN_ULPS × that bound cannot rank above it.
 */
import { BoundedHeap } from '../../../common/bounded-heap.js';
import type { StoreReadView } from '../../../storage/index.js';
import { compareScoredRows, type ScoredRow } from './scored-row-heap.js';
import { dotAt } from './similarity.js';
import type { TopKScanResult, TopKScanTask } from '../worker/worker-protocol.js';
import type { VectorCache } from './vector-cache.js';

/** Safety factor over the float32 error bound (cheap: it only widens the re-scored band). */
const MARGIN_ULPS = 4;

export function scanExactTopK(view: StoreReadView, cache: VectorCache, task: TopKScanTask): TopKScanResult {
  const dim = task.query.length;
  const margin = MARGIN_ULPS * dim * 2 ** -23;
  const heap = new BoundedHeap<ScoredRow>(task.k, compareScoredRows);
  const nullOrdinals: number[] = [];
  const nullRows: number[] = [];
  const addNull = (ordinal: number, row: number): void => {
    if (nullOrdinals.length >= task.k) return;
    nullOrdinals.push(ordinal);
    nullRows.push(row);
  };
  const kernel = cache.kernel;
  for (const group of task.groups) {
    const keep = task.rowFilters?.[group.ordinal];
    if (!group.hasColumn) {
      for (let r = 0; r < group.rowCount && nullOrdinals.length < task.k; r++) if (!keep || keep[r]) addNull(group.ordinal, r);
      continue;
    }
    const entry = cache.group(task.tableId, task.columnId, group.id, dim, () => view.rawChunk(task.tableId, group.id, task.columnId));
    if ('unreadable' in entry) return { ok: true, stale: true, reason: entry.unreadable };
    const n = entry.rowCount;
    if (n !== group.rowCount) return { ok: true, stale: true, reason: `row group ${group.id}: ${n} rows, the catalog says ${group.rowCount}` };
    // The query goes in padded with zeros, once per group (the arena may have grown, which moves nothing).
    const memory = kernel.f32;
    memory.fill(0, cache.queryOffset / 4, cache.queryOffset / 4 + entry.stride);
    memory.set(task.query, cache.queryOffset / 4);
    kernel.dots(cache.queryOffset, entry.offset, n, entry.stride * 4, cache.scoresOffset);
    const scores = new Float32Array(kernel.memory.buffer, cache.scoresOffset, n);
    const rows = kernel.f32;
    const base = entry.offset / 4;
    for (let r = 0; r < n; r++) {
      if (keep && !keep[r]) continue;
      if (!entry.present[r]) {
        addNull(group.ordinal, r);
        continue;
      }
      // NaN passes this test on purpose (NaN ranks first): it is then scored exactly.
      if (heap.full && scores[r]! < heap.worst!.score - margin) continue;
      const score = Math.fround(dotAt(task.query, 0, rows, base + r * entry.stride, dim));
      heap.offer({ score, ordinal: group.ordinal, row: r });
    }
  }
  return scanResult(heap.unordered(), nullOrdinals, nullRows);
}

/** A worker's answer: the kept rows (any order) and the first rows without a score. */
export function scanResult(kept: readonly ScoredRow[], nullOrdinals: readonly number[], nullRows: readonly number[]): TopKScanResult {
  return {
    ok: true, stale: false,
    scores: Float64Array.from(kept, (e) => e.score),
    ordinals: Int32Array.from(kept, (e) => e.ordinal),
    rows: Int32Array.from(kept, (e) => e.row),
    nullOrdinals: Int32Array.from(nullOrdinals),
    nullRows: Int32Array.from(nullRows),
  };
}
