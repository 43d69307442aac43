/**
 * The worker side of a top-k vector scan: reads one embedding column's raw chunks for some row
 * groups from a read-only store, views each as a dense Float32Array matrix (`readVectorMatrix`,
 * no per-row decoding), normalises and scores the rows exactly as SEARCH's `scoreBatch` does (so
 * the scores are bit-identical to the main-thread path), and keeps a bounded heap.
 * Anything it cannot read the way the statement would (another committed snapshot, a ragged
 * or non-float4 chunk, a different width) is reported as `stale`: the caller then runs the
 * ordinary path, which reads it correctly or raises the proper error.
 */
import { readVectorMatrix, type Store } from '../storage/index.js';
import { ScoredRowHeap } from './scored-row-heap.js';
import { dotScores } from './similarity.js';
import type { TopKScanResult, TopKScanTask } from './worker/worker-protocol.js';

export function scanVectorTopK(store: Store, task: TopKScanTask): TopKScanResult {
  const view = store.beginRead();
  try {
    if (view.snapshot.version !== task.snapshotVersion) {
      return stale(`catalog version ${view.snapshot.version}, the statement reads ${task.snapshotVersion}`);
    }
    const dim = task.query.length;
    const heap = new ScoredRowHeap(task.k);
    const nullOrdinals: number[] = [];
    const nullRows: number[] = [];
    const addNull = (ordinal: number, row: number): void => {
      if (nullOrdinals.length >= task.k) return;
      nullOrdinals.push(ordinal);
      nullRows.push(row);
    };
    let normalised = new Float32Array(0);
    let scores = new Float32Array(0);
    for (const group of task.groups) {
      if (!group.hasColumn) {
        for (let r = 0; r < group.rowCount && nullOrdinals.length < task.k; r++) addNull(group.ordinal, r);
        continue;
      }
      const raw = view.rawChunk(task.tableId, group.id, task.columnId);
      if (raw === undefined) return stale(`row group ${group.id} has no chunk for the embedding`);
      const m = readVectorMatrix(raw);
      if (m === undefined) return stale(`row group ${group.id}: the embeddings are not a dense float4 matrix`);
      const n = m.rowCount;
      if (n !== group.rowCount) return stale(`row group ${group.id}: ${n} rows, the catalog says ${group.rowCount}`);
      if (m.dim !== dim && !allNull(m.nulls, n)) return stale(`row group ${group.id}: embeddings of ${m.dim} values, the model gives ${dim}`);
      if (normalised.length < n * dim) normalised = new Float32Array(n * dim);
      if (scores.length < n) scores = new Float32Array(n);
      const present = normaliseRows(m.matrix, m.nulls, n, dim, normalised);
      dotScores(task.query, 1, normalised, n, dim, scores);
      for (let r = 0; r < n; r++) {
        if (present[r]) heap.offer(scores[r]!, group.ordinal, r);
        else addNull(group.ordinal, r);
      }
    }
    const kept = heap.sorted();
    return {
      ok: true, stale: false,
      scores: Float64Array.from(kept, (e) => e.score),
      ordinals: Int32Array.from(kept, (e) => e.ordinal),
      rows: Int32Array.from(kept, (e) => e.row),
      nullOrdinals: Int32Array.from(nullOrdinals),
      nullRows: Int32Array.from(nullRows),
    };
  } finally {
    view.release();
  }
}

/**
 * Writes each row scaled to unit length into `out` (same arithmetic as scoreBatch: the norm in
 * doubles, the scaled floats stored as float32); 1 where the row has a score (not NULL, not zero).
 */
function normaliseRows(matrix: Float32Array, nulls: Uint8Array | undefined, n: number, dim: number, out: Float32Array): Uint8Array {
  const present = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    if (nulls !== undefined && nulls[r] === 1) continue;
    const offset = r * dim;
    let norm = 0;
    for (let j = offset; j < offset + dim; j++) norm += matrix[j]! * matrix[j]!;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let j = offset; j < offset + dim; j++) out[j] = matrix[j]! * scale;
    present[r] = 1;
  }
  return present;
}

function allNull(nulls: Uint8Array | undefined, n: number): boolean {
  if (!nulls) return n === 0;
  for (let r = 0; r < n; r++) if (!nulls[r]) return false;
  return true;
}

function stale(reason: string): TopKScanResult {
  return { ok: true, stale: true, reason };
}
