/**
 * The SearchTopK operator: the k best rows of a SEARCH by one similarity without scoring on the
 * main thread. It splits the table's row groups among the pool's workers; each reads the
 * embedding chunks straight from LMDB as dense matrices and keeps a bounded heap
 * (vector-top-k-scan.ts). The main thread merges the heaps, reads the other columns of only the
 * winners' row groups, recomputes their similarities (the same arithmetic, so identical values)
 * and emits them in order.
 *
 * Visibility rule: the workers read the latest committed snapshot from disk, so the fast path
 * runs only when that is exactly what the statement sees — the transaction has no uncommitted
 * changes to the table, and its snapshot is the latest committed one (each worker re-checks the
 * version under its own read pin). Otherwise, and for LIMIT ALL or k > SEARCH_TOP_K_MAX_K, it runs
 * the ordinary plan (`payload.fallback`: TopN over the SEARCH), which gives the same rows.
 *
 * Order (PostgreSQL's): DESC puts NULL similarities (no embedding, or an all-zero one) first
 * unless NULLS LAST; NaN ranks above every number; ties — equal scores, or NULL rows among
 * themselves — go to the row a sequential scan meets first (row group order, then row), as the
 * ordinary plan's stable TopN does.
 */
import { checkCancelled, type ExecContext } from '../../execution/exec-context.js';
import { rowCount } from '../../execution/operators/physical-limit.js';
import { inBatches, type PhysicalOperator } from '../../execution/physical-operator.js';
import { buildOperator } from '../../execution/physical-planner.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { Row } from '../../types/value.js';
import type { ClipRuntime } from '../models/clip-runtime.js';
import type { ClipPool } from '../pool.js';
import { compareScoredRows, type ScoredRow } from '../scored-row-heap.js';
import type { TopKScanGroup, TopKScanTask } from '../worker/worker-protocol.js';
import { clipRuntimeOf } from './clip-services.js';
import type { SearchTopKPayload } from './clip-plan-nodes.js';
import { scoreBatch } from './score-batch.js';
import { embedInputs } from './search-operator.js';
import { notice, noticeNullScores, noticeTestModel } from './statement-notices.js';

/** Tasks per worker: several, so a cancel stops within a fraction of the scan and no worker waits on a slow one. */
const TASKS_PER_WORKER = 4;
/** Larger k (or LIMIT ALL) takes the ordinary plan: the heaps would hold most of the table anyway. */
export const SEARCH_TOP_K_MAX_K = 10_000;

export function searchTopKOperator(payload: SearchTopKPayload, columnIds: readonly number[]): PhysicalOperator {
  const fallback = buildOperator(payload.fallback);
  return {
    columnIds,
    async *execute(ctx) {
      const limit = await rowCount(payload.limit, ctx, 'LIMIT');
      const offset = await rowCount(payload.offset, ctx, 'OFFSET');
      if (limit === 0) return;
      const k = limit + offset;
      const runtime = clipRuntimeOf(ctx.run.extensions);
      const table = visibleTable(payload, runtime, ctx, k);
      if (!table) {
        yield* fallback.execute(ctx);
        return;
      }
      const search = payload.search;
      const pool = await runtime.poolFor(search.model, { signal: ctx.run.signal, notice: (m) => notice(ctx, m) });
      noticeTestModel(ctx, search.model, pool);
      const queries = await embedInputs(search, pool, ctx);
      const ranked = await scanWorkers(payload, table, pool, runtime.options.storeDir!, ctx, queries, k);
      if (!ranked) {
        yield* fallback.execute(ctx);
        return;
      }
      checkCancelled(ctx);
      const winners = ranked.rows.slice(offset, k);
      const rows = fetchRows(payload, table, winners, ctx);
      if (ranked.sawNulls) noticeNullScores(ctx, search.similarityColumns[payload.queryIndex]!, search.embeddingColumn);
      const q = search.count;
      const scores = await scoreBatch(rows, search.embeddingIndex, search.embeddingColumn, queries, q, pool.dim, pool, ctx.run.signal);
      yield* inBatches(rows.map((row, r): Row => [...row, ...scores.map((s) => s[r]!)]));
    },
  };
}

/** The table as the statement's snapshot holds it, if the workers will read exactly that (see the file comment). */
function visibleTable(payload: SearchTopKPayload, runtime: ClipRuntime, ctx: ExecContext, k: number): StoredTable | undefined {
  if (!runtime.options.storeDir || !Number.isFinite(k) || k > SEARCH_TOP_K_MAX_K) return undefined;
  const snapshot = ctx.snapshot;
  const table = snapshot.getTableById(payload.table.id);
  if (!table) return undefined;
  if (snapshot.hasOwnChanges(table.id) || snapshot.baseVersion !== runtime.options.store.snapshot().version) return undefined;
  return table;
}

/**
 * The first k rows in the node's order, as (ordinal, row) with the score (null for NULL), and
 * whether any row had no embedding; or undefined if a worker saw another snapshot or a chunk it cannot read as a matrix.
 */
async function scanWorkers(
  payload: SearchTopKPayload, table: StoredTable, pool: ClipPool, storeDir: string, ctx: ExecContext,
  queries: Float32Array, k: number,
): Promise<{ rows: RankedRow[]; sawNulls: boolean } | undefined> {
  const dim = pool.dim;
  const query = queries.slice(payload.queryIndex * dim, (payload.queryIndex + 1) * dim);
  const groups: TopKScanGroup[] = [];
  table.rowGroups.forEach((g, ordinal) => {
    if (g.rowCount > 0) groups.push({ id: g.id, ordinal, rowCount: g.rowCount, hasColumn: g.columnIds.includes(payload.embeddingColumnId) });
  });
  const perTask = Math.max(1, Math.ceil(groups.length / (pool.workers * TASKS_PER_WORKER)));
  const tasks: TopKScanTask[] = [];
  for (let i = 0; i < groups.length; i += perTask) {
    tasks.push({
      storeDir, snapshotVersion: ctx.snapshot.baseVersion, tableId: table.id, columnId: payload.embeddingColumnId,
      groups: groups.slice(i, i + perTask), query, k,
    });
  }
  const results = await pool.scanTopK(tasks, { signal: ctx.run.signal });
  const scored: ScoredRow[] = [];
  const nulls: RankedRow[] = [];
  for (const r of results) {
    if (!r.ok || r.stale) return undefined;
    r.scores.forEach((score, i) => scored.push({ score, ordinal: r.ordinals[i]!, row: r.rows[i]! }));
    r.nullOrdinals.forEach((ordinal, i) => nulls.push({ score: null, ordinal, row: r.nullRows[i]! }));
  }
  scored.sort(compareScoredRows);
  nulls.sort((a, b) => a.ordinal - b.ordinal || a.row - b.row);
  const best = scored.slice(0, k);
  const rows = (payload.nullsFirst ? [...nulls.slice(0, k), ...best] : [...best, ...nulls.slice(0, k)]).slice(0, k);
  return { rows, sawNulls: nulls.length > 0 };
}

interface RankedRow {
  readonly score: number | null;
  readonly ordinal: number;
  readonly row: number;
}

/** The SEARCH input's columns of the winners, reading only their row groups. */
function fetchRows(payload: SearchTopKPayload, table: StoredTable, winners: readonly RankedRow[], ctx: ExecContext): Row[] {
  const ordinals = [...new Set(winners.map((w) => w.ordinal))].sort((a, b) => a - b);
  const only: StoredTable = { ...table, rowGroups: ordinals.map((o) => table.rowGroups[o]!) };
  const batches = [...ctx.snapshot.scan(only, payload.fetchColumnIds)];
  const byOrdinal = new Map(ordinals.map((o, i) => [o, batches[i]!]));
  return winners.map((w) => byOrdinal.get(w.ordinal)!.columns.map((column) => column[w.row]!));
}
