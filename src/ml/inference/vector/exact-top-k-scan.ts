/**
 * A vector worker's exact top-k over some row groups of one embedding column: each group's
 * normalised rows come from the worker's cache (vector-cache.ts; filled from the store on a
 * miss), a SIMD kernel scores the whole group approximately, and only rows whose bound says they
 * could still enter the top k are re-scored with `dotAt` — the arithmetic of SEARCH's ordinary
 * plan — before they are offered to the heap. So the kept scores, and the order they give (ties
 * to the earlier row), are exactly the ordinary plan's, while almost every row costs one SIMD pass.
 *
 * The approximate pass reads the group's int8 shadow (a quarter of the bytes; its error bound in
 * i8-shadow.ts); a query without a finite non-zero value takes the float32 kernel, where for unit
 * vectors |kernel − exact| ≤ dim · 2⁻²³ (float32 sums of at most dim products, each below 1 in
 * total by Cauchy–Schwarz), widened MARGIN_ULPS times. A row is skipped when its upper bound is
 * below the heap's worst exact score, or below the k-th best lower bound among the group's own
 * rows (those k rows are all re-scored and offered in the same pass, so they push it out).
 */
import { BoundedHeap } from '../../../common/bounded-heap.js';
import type { StoreReadView } from '../../../storage/index.js';
import { quantiseQuery, shadowBound, type ShadowQuery } from './i8-shadow.js';
import { compareScoredRows, type ScoredRow } from './scored-row-heap.js';
import { dotAt } from './similarity.js';
import { unpackScanGroups } from '../worker/packed-scan-groups.js';
import type { TopKScanGroup, TopKScanResult, TopKScanTask } from '../worker/worker-protocol.js';
import type { CachedGroup, VectorCache } from './vector-cache.js';

/** Safety factor over the float32 error bound (cheap: it only widens the re-scored band). */
const MARGIN_ULPS = 4;
/** Largest k for which a group's own k-th lower bound is tracked (an insertion costs O(k)). */
const GROUP_FLOOR_MAX_K = 64;

export function scanExactTopK(view: StoreReadView, cache: VectorCache, task: TopKScanTask): TopKScanResult {
  return scanGroupsTopK(view, cache, task, unpackScanGroups(task.groups));
}

/** `scanExactTopK` over `groups` (some of the task's: an index search scans the ones its shard lacks). */
export function scanGroupsTopK(view: StoreReadView, cache: VectorCache, task: TopKScanTask, groups: readonly TopKScanGroup[]): TopKScanResult {
  const dim = task.query.length;
  const shadowQuery = quantiseQuery(task.query);
  const heap = new BoundedHeap<ScoredRow>(task.k, compareScoredRows);
  const nullOrdinals: number[] = [];
  const nullRows: number[] = [];
  const addNull = (ordinal: number, row: number): void => {
    if (nullOrdinals.length >= task.k) return;
    nullOrdinals.push(ordinal);
    nullRows.push(row);
  };
  let bounds = new Float64Array(0);
  for (const group of groups) {
    const keep = task.rowFilters?.[group.ordinal];
    if (!group.hasColumn) {
      for (let r = 0; r < group.rowCount && nullOrdinals.length < task.k; r++) if (!keep || keep[r]) addNull(group.ordinal, r);
      continue;
    }
    const entry = cache.group(task.tableId, task.columnId, group.id, dim, () => view.rawChunk(task.tableId, group.id, task.columnId));
    if ('unreadable' in entry) return { ok: true, stale: true, reason: entry.unreadable };
    const n = entry.rowCount;
    if (n !== group.rowCount) return { ok: true, stale: true, reason: `row group ${group.id}: ${n} rows, the catalog says ${group.rowCount}` };
    if (bounds.length < n) bounds = new Float64Array(n);
    const floor = shadowQuery
      ? boundsI8(cache, entry, shadowQuery, keep, task.k, bounds)
      : boundsF32(cache, entry, task.query, bounds);
    const rows = cache.kernel.f32;
    const base = entry.offset / 4;
    for (let r = 0; r < n; r++) {
      if (keep && !keep[r]) continue;
      if (!entry.present[r]) {
        addNull(group.ordinal, r);
        continue;
      }
      // NaN passes this test on purpose (NaN ranks first): it is then scored exactly.
      if (bounds[r]! < floor || (heap.full && bounds[r]! < heap.worst!.score)) continue;
      const score = Math.fround(dotAt(task.query, 0, rows, base + r * entry.stride, dim));
      heap.offer({ score, ordinal: group.ordinal, row: r });
    }
  }
  return scanResult(heap.unordered(), nullOrdinals, nullRows);
}

/** Float32 kernel: `upper[r]` = the kernel's score + the margin; no group floor. */
function boundsF32(cache: VectorCache, entry: CachedGroup, query: Float32Array, upper: Float64Array): number {
  const kernel = cache.kernel;
  const margin = MARGIN_ULPS * query.length * 2 ** -23;
  // The query goes in padded with zeros, once per group (the arena may have grown, which moves nothing).
  kernel.f32.fill(0, cache.queryOffset / 4, cache.queryOffset / 4 + entry.stride);
  kernel.f32.set(query, cache.queryOffset / 4);
  kernel.dots(cache.queryOffset, entry.offset, entry.rowCount, entry.stride * 4, cache.scoresOffset);
  const scores = new Float32Array(kernel.memory.buffer, cache.scoresOffset, entry.rowCount);
  for (let r = 0; r < entry.rowCount; r++) upper[r] = scores[r]! + margin;
  return -Infinity;
}

/**
 * Int8 shadow: `upper[r]` = approximate score + the group's bound; returns the k-th best lower
 * bound over the group's rows that count (passing `keep`, with a score), or -Infinity.
 */
function boundsI8(
  cache: VectorCache, entry: CachedGroup, query: ShadowQuery, keep: Uint8Array | undefined, k: number, upper: Float64Array,
): number {
  const kernel = cache.kernel;
  kernel.i16.set(query.values, cache.queryI16Offset / 2);
  kernel.dotsI8(cache.queryI16Offset, entry.shadowOffset, entry.rowCount, entry.strideI8, cache.scoresOffset);
  const sums = new Int32Array(kernel.memory.buffer, cache.scoresOffset, entry.rowCount);
  const { step } = entry.shadow;
  const v = query.step;
  const bound = shadowBound(entry.shadow, query);
  // best: the k largest approximate scores so far, ascending (only when k is small enough to track).
  const best = k <= GROUP_FLOOR_MAX_K && k < entry.rowCount ? new Float64Array(k).fill(-Infinity) : undefined;
  for (let r = 0; r < entry.rowCount; r++) {
    const approx = sums[r]! * step[r]! * v;
    upper[r] = approx + bound;
    if (best === undefined || !(approx > best[0]!) || !entry.present[r] || (keep && !keep[r])) continue;
    let i = 1;
    for (; i < k && best[i]! < approx; i++) best[i - 1] = best[i]!;
    best[i - 1] = approx;
  }
  return best === undefined ? -Infinity : best[0]! - bound;
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
