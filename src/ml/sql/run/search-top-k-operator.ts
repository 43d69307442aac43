/**
 * The SearchTopK operator: the k best rows of a SEARCH by one similarity without scoring on the
 * main thread. It splits the table's row groups among the pool's workers; each reads the
 * embedding chunks straight from LMDB as dense matrices and keeps a bounded heap
 * (vector-top-k-scan.ts). The main thread merges the heaps, reads the other columns of only the
 * winners' row groups, recomputes their similarities (the same arithmetic, so identical values)
 * and emits them in order.
 *
 * Visibility: the task lists exactly the row groups of the statement's snapshot (committed, or
 * staged by its own transaction), and a worker reads each by id — from its cache or from LMDB.
 * Row groups are immutable and their ids never reused, so any snapshot can be served; a group
 * a worker can no longer find (freed by a later commit, and not cached) or cannot scan (not a
 * dense float4 matrix of the model's width) makes the node run the ordinary plan
 * (`payload.fallback`: TopN over the SEARCH), which gives the same rows, as do LIMIT ALL and
 * k > SEARCH_TOP_K_MAX_K.
 *
 * Order (PostgreSQL's): DESC puts NULL similarities (no embedding, or an all-zero one) first
 * unless NULLS LAST; NaN ranks above every number; ties — equal scores, or NULL rows among
 * themselves — go to the row a sequential scan meets first (row group order, then row), as the
 * ordinary plan's stable TopN does.
 */
import { checkCancelled, type ExecContext } from '../../../execution/exec-context.js';
import { rowCount } from '../../../execution/operators/physical-limit.js';
import { inBatches, type PhysicalOperator } from '../../../execution/physical-operator.js';
import { buildOperator } from '../../../execution/physical-planner.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { Row, Value } from '../../../types/value.js';
import type { ClipRuntime } from '../models/clip-runtime.js';
import { compareScoredRows, type ScoredRow } from '../../inference/vector/scored-row-heap.js';
import type { IndexSearchTask, TopKScanGroup, TopKScanResult, TopKScanTask } from '../../inference/worker/worker-protocol.js';
import { packScanGroups } from '../../inference/worker/packed-scan-groups.js';
import { groupsByWorker } from './worker-groups.js';
import type { VectorIndexSpec } from '../../inference/vector/index-shard.js';
import type { VectorPool } from '../../inference/pool/vector-pool.js';
import { clipRuntimeOf } from '../clip-services.js';
import type { SearchIndexChoice, SearchTopKPayload } from '../plan/clip-plan-nodes.js';
import { scoreBatch } from './score-batch.js';
import { topKRowFilters, type TopKRowFilters } from './top-k-row-filters.js';
import { embedInputs } from './search-operator.js';
import { notice, noticeNullScores, noticeTestModel } from './statement-notices.js';

/** Row groups per worker task (~130k rows): a cancel stops within a fraction of a large scan. */
const GROUPS_PER_TASK = 64;
/**
 * Under a WHERE keeping a smaller fraction of the rows the index is not used: its graph search
 * would have to walk past 1/fraction times the candidates (pgvector's ef_search problem); the
 * exact scan over the kept rows costs the same whatever the filter.
 */
export const INDEX_MIN_KEPT_FRACTION = 0.1;
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
      const filters = payload.filter ? await topKRowFilters(payload.filter, table, ctx) : undefined;
      const ranked = await scanWorkers(payload, table, runtime.vectorPool, runtime.options.storeDir!, ctx, queries.subarray(
        payload.queryIndex * pool.dim, (payload.queryIndex + 1) * pool.dim), k, filters);
      if (!ranked) {
        yield* fallback.execute(ctx);
        return;
      }
      checkCancelled(ctx);
      const winners = ranked.rows.slice(offset, k);
      // One similarity and an embedding no one above reads: the workers' scores are the values
      // scoreBatch would give (dotAt over the same normalised floats), so the winners' embedding
      // chunks (4 MiB a row group) are not read; the column stays in the row as NULL.
      const workerScores = search.embeddingUnread === true && search.count === 1;
      const rows = fetchRows(payload, table, winners, ctx, workerScores ? search.embeddingIndex : undefined);
      if (ranked.sawNulls) noticeNullScores(ctx, search.similarityColumns[payload.queryIndex]!, search.embeddingColumn);
      const q = search.count;
      const scores = workerScores
        ? [winners.map((w) => w.score)]
        : await scoreBatch(rows, search.embeddingIndex, search.embeddingColumn, queries, q, pool.dim, pool, ctx.run.signal);
      yield* inBatches(rows.map((row, r): Row => [...row, ...scores.map((s) => s[r]!)]));
    },
  };
}

/** The table as the statement's snapshot holds it, if the workers can serve it (see the file comment). */
function visibleTable(payload: SearchTopKPayload, runtime: ClipRuntime, ctx: ExecContext, k: number): StoredTable | undefined {
  if (!runtime.options.storeDir || !Number.isFinite(k) || k > SEARCH_TOP_K_MAX_K) return undefined;
  return ctx.snapshot.getTableById(payload.table.id);
}

/**
 * The first k rows in the node's order, as (ordinal, row) with the score (null for NULL), and
 * whether any row had no embedding; or undefined if a worker could not read a group the way the
 * statement would.
 */
async function scanWorkers(
  payload: SearchTopKPayload, table: StoredTable, vectors: VectorPool, storeDir: string, ctx: ExecContext,
  query: Float32Array, k: number, filters: TopKRowFilters | undefined,
): Promise<{ rows: RankedRow[]; sawNulls: boolean } | undefined> {
  const byWorker = groupsByWorker(table, payload.embeddingColumnId, vectors, filters && ((ordinal) => filters.empty.has(ordinal)));
  const tasks: TopKScanTask[] = [];
  const base = { storeDir, tableId: table.id, columnId: payload.embeddingColumnId, k };
  const kept = filters ? filters.keptRows / Math.max(1, filters.totalRows) : 1;
  const index = kept >= INDEX_MIN_KEPT_FRACTION ? payload.index : undefined;
  const rowFilters = (groups: readonly TopKScanGroup[]) => {
    const entries = groups.flatMap((g) => { const bits = filters?.partial.get(g.ordinal); return bits ? [[g.ordinal, bits] as const] : []; });
    return entries.length > 0 ? { rowFilters: Object.fromEntries(entries) } : {};
  };
  for (const [worker, split] of byWorker) {
    const { groups } = split;
    if (index) {
      // One task per worker: its shard answers for all its groups at once.
      const task: IndexSearchTask = {
        ...base, worker, groups: split.packed, query: Float32Array.from(query), index: indexSpec(index, base, query.length, vectors),
        ...rowFilters(groups), ...(kept < 1 ? { oversample: 1 / kept } : {}),
        ...(payload.search.efSearch ? { efSearch: payload.search.efSearch } : {}),
      };
      tasks.push(task);
      continue;
    }
    for (let i = 0; i < groups.length; i += GROUPS_PER_TASK) {
      const slice = groups.slice(i, i + GROUPS_PER_TASK);
      tasks.push({ ...base, worker, groups: packScanGroups(slice), query: Float32Array.from(query), ...rowFilters(slice) });
    }
  }
  const results = await vectors.run<TopKScanResult, TopKScanTask>(index ? 'indexSearch' : 'scanTopK', tasks, { signal: ctx.run.signal });
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

function indexSpec(
  index: SearchIndexChoice, base: { storeDir: string; tableId: number; columnId: number }, dim: number, vectors: VectorPool,
): VectorIndexSpec {
  const { oid, m, efConstruction, quantization } = index;
  const { storeDir, tableId, columnId } = base;
  return { storeDir, tableId, columnId, oid, m, efConstruction, quantization, dim, shards: vectors.workers };
}

interface RankedRow {
  readonly score: number | null;
  readonly ordinal: number;
  readonly row: number;
}

/**
 * The SEARCH input's columns of the winners, reading only their row groups and decoding only their
 * rows there (variable-length chunks decode just those rows; storage's late-materialising scan).
 * The column at `skipIndex`, if given, is not read and is NULL in every row.
 */
function fetchRows(
  payload: SearchTopKPayload, table: StoredTable, winners: readonly RankedRow[], ctx: ExecContext, skipIndex?: number,
): Row[] {
  const rowsOf = new Map<number, number[]>();
  for (const w of winners) rowsOf.set(w.ordinal, [...(rowsOf.get(w.ordinal) ?? []), w.row]);
  const columnIds = payload.fetchColumnIds.filter((_, i) => i !== skipIndex);
  const fetched = new Map<string, Row>();
  for (const [ordinal, rows] of rowsOf) {
    const only: StoredTable = { ...table, rowGroups: [table.rowGroups[ordinal]!] };
    for (const batch of ctx.snapshot.scan(only, columnIds, rows)) {
      rows.forEach((row, i) => {
        const values: Value[] = batch.columns.map((column) => column[i]!);
        if (skipIndex !== undefined) values.splice(skipIndex, 0, null);
        fetched.set(`${ordinal}/${row}`, values);
      });
    }
  }
  return winners.map((w) => fetched.get(`${w.ordinal}/${w.row}`)!);
}
