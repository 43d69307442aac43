/**
 * A vector worker's top-k through its shard of an HNSW index, for exactly the row groups of the
 * statement's snapshot that the worker owns: groups the shard covers are searched in the graph
 * (asking for ef_search candidates, as many more as the graph holds rows the snapshot does not
 * list, which are dropped, and 1/fraction as many under a WHERE keeping that fraction of the
 * rows), groups it does not cover yet are scanned exactly (exact-top-k-scan.ts). The graph's
 * best max(RESCORED_PER_ROW × k, RESCORED_EF_SHARE × ef) candidates that the snapshot lists and
 * the WHERE keeps are re-scored with the ordinary plan's arithmetic from the worker's row cache,
 * so the scores — and the order among the rows found — are exact; only which rows are found is
 * approximate (HNSW recall, and the graph's own int8 ranking of its candidates).
 */
import { BoundedHeap } from '../../../common/bounded-heap.js';
import type { StoreReadView } from '../../../storage/index.js';
import { compareScoredRows, type ScoredRow } from './scored-row-heap.js';
import { dotAt } from './similarity.js';
import type { IndexSearchTask, TopKScanGroup, TopKScanResult } from '../worker/worker-protocol.js';
import { scanGroupsTopK, scanResult } from './exact-top-k-scan.js';
import { unpackScanGroups } from '../worker/packed-scan-groups.js';
import { EF_SEARCH, type IndexShard } from './index-shard.js';
import type { VectorCache } from './vector-cache.js';

/**
 * Candidates re-scored per row asked for, in the graph's order (best first by its own distance
 * over the quantised rows). Re-scoring reads each candidate's float32 row from a random place in
 * the cache (2 KiB at 512-d): all ef_search of them cost as much as the graph walk itself, and
 * beyond the best 4 × k they did not change recall@10 (ml/README Decision 25).
 */
export const RESCORED_PER_ROW = 4;
/**
 * At least this share of ef_search is re-scored too: a larger ef_search asks for more recall, and
 * the graph's int8 order of its candidates must not undo that (`SET hnsw.ef_search` to the table's
 * size still gives the exact answer).
 */
export const RESCORED_EF_SHARE = 0.25;

export function searchIndexTopK(view: StoreReadView, cache: VectorCache, shard: IndexShard, task: IndexSearchTask): TopKScanResult {
  const covered: TopKScanGroup[] = [];
  const uncovered: TopKScanGroup[] = [];
  for (const g of unpackScanGroups(task.groups)) (g.hasColumn && shard.covers(g.id) ? covered : uncovered).push(g);
  const heap = new BoundedHeap<ScoredRow>(task.k, compareScoredRows);
  const nulls: { ordinal: number; row: number }[] = [];
  // A shard that has caught up covers every group: then there is nothing to scan exactly.
  if (uncovered.length > 0) {
    const exact = scanGroupsTopK(view, cache, task, uncovered);
    if (!exact.ok || exact.stale) return exact;
    exact.scores.forEach((score, i) => heap.offer({ score, ordinal: exact.ordinals[i]!, row: exact.rows[i]! }));
    exact.nullOrdinals.forEach((ordinal, i) => nulls.push({ ordinal, row: exact.nullRows[i]! }));
  }
  const live = new Map(covered.map((g) => [g.id, g]));
  const dim = task.query.length;
  // The graph keeps max(ef, wanted) candidates (usearch), so asking for ef of them sets ef_search.
  const ef = Math.max(task.efSearch ?? EF_SEARCH, task.k);
  const wanted = Math.ceil(ef * (task.oversample ?? 1)) + shard.rowsOutside(live);
  let rescore = Math.max(RESCORED_PER_ROW * task.k, Math.ceil(ef * RESCORED_EF_SHARE));
  for (const hit of shard.search(task.query, wanted)) {
    if (rescore === 0) break;
    const group = live.get(hit.group);
    if (!group) continue;
    const keep = task.rowFilters?.[group.ordinal];
    if (keep && !keep[hit.row]) continue;
    const entry = cache.group(task.tableId, task.columnId, group.id, dim, () => view.rawChunk(task.tableId, group.id, task.columnId));
    if ('unreadable' in entry) return { ok: true, stale: true, reason: entry.unreadable };
    const score = Math.fround(dotAt(task.query, 0, cache.kernel.f32, entry.offset / 4 + hit.row * entry.stride, dim));
    heap.offer({ score, ordinal: group.ordinal, row: hit.row });
    rescore--;
  }
  for (const group of covered) {
    const keep = task.rowFilters?.[group.ordinal];
    for (const row of shard.absentRows(group.id)) if (!keep || keep[row]) nulls.push({ ordinal: group.ordinal, row });
  }
  nulls.sort((a, b) => a.ordinal - b.ordinal || a.row - b.row);
  const firstNulls = nulls.slice(0, task.k);
  return scanResult(heap.unordered(), firstNulls.map((e) => e.ordinal), firstNulls.map((e) => e.row));
}
