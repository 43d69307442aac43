/**
 * searchIndexTopK (ml/inference/vector/index-search.ts) on its own, over a real shard and a real
 * row cache: it re-scores only the graph's best max(RESCORED_PER_ROW × k, RESCORED_EF_SHARE × ef)
 * candidates, and those must be counted among the rows the statement may return — a graph whose
 * nearest rows are all dead (a forgotten group) or filtered out by the WHERE must still answer
 * with the best rows that count, exactly scored, never with fewer rows than asked for.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeChunk, type StoreReadView } from '../../../src/storage/index.js';
import { sqlType } from '../../../src/types/sql-type.js';
import { IndexShard, type VectorIndexSpec } from '../../../src/ml/inference/vector/index-shard.js';
import { RESCORED_EF_SHARE, RESCORED_PER_ROW, searchIndexTopK } from '../../../src/ml/inference/vector/index-search.js';
import { dotAt } from '../../../src/ml/inference/vector/similarity.js';
import { VectorCache } from '../../../src/ml/inference/vector/vector-cache.js';
import { packScanGroups, type TopKScanGroup } from '../../../src/ml/inference/worker/packed-scan-groups.js';
import type { IndexSearchTask } from '../../../src/ml/inference/worker/worker-protocol.js';

const DIM = 32;
const K = 5;
const ROWS = 512;
const EF = 256;
/** Rows of group 1 near the query: more than a search re-scores. */
const NEAR = 2 * Math.max(RESCORED_PER_ROW * K, Math.ceil(RESCORED_EF_SHARE * EF));

/** Deterministic unit rows: `near` of them close to `towards` (in order of closeness), the rest random. */
function rows(seed: number, count: number, towards: Float32Array, near: number): Float32Array[] {
  let state = seed;
  const next = (): number => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: count }, (_, r) => {
    const v = Float32Array.from({ length: DIM }, (_, d) => (r < near ? towards[d]! + (0.01 + r * 0.002) * next() : next()));
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('searchIndexTopK re-scores the graph\'s best candidates that count', () => {
  const storeDir = mkdtempSync(join(tmpdir(), 'index-search-'));
  after(() => rmSync(storeDir, { recursive: true, force: true }));
  const spec: VectorIndexSpec = { storeDir, oid: 9, tableId: 1, columnId: 2, dim: DIM, m: 16, efConstruction: 64, quantization: 'i8', shards: 1 };
  const query = Float32Array.from({ length: DIM }, (_, d) => Math.cos(d));
  const unit = query.map((x) => x / Math.hypot(...query));
  // Group 1: more rows near the query than the re-scoring budget; group 2: ordinary rows.
  const crowd = rows(7, ROWS, unit, NEAR);
  const others = rows(11, ROWS, unit, 0);
  const chunks = new Map([[1, encodeChunk(sqlType('float4', { array: true }), crowd)], [2, encodeChunk(sqlType('float4', { array: true }), others)]]);
  const view = { rawChunk: (_t: number, id: number) => chunks.get(id) } as unknown as StoreReadView;
  const cache = new VectorCache(16 << 20);
  const shard = IndexShard.create(spec, 0);
  for (const id of [1, 2]) {
    const e = cache.group(spec.tableId, spec.columnId, id, DIM, () => chunks.get(id));
    assert.ok(!('unreadable' in e));
    shard.addGroup(id, cache.kernel.f32, e.offset / 4, e.stride, e.rowCount, e.present);
  }
  const task = (groups: TopKScanGroup[], extra: Partial<IndexSearchTask> = {}): IndexSearchTask => ({
    storeDir, worker: 0, tableId: spec.tableId, columnId: spec.columnId, groups: packScanGroups(groups), query, k: K, index: spec, efSearch: EF, ...extra,
  });
  /** The exact top-k of `candidates` (ordinal, row, the rows' values), as `ordinal/row` keys with their dotAt scores. */
  const exactTopK = (candidates: { ordinal: number; row: number; v: Float32Array }[]): [string, number][] => candidates
    .map(({ ordinal, row, v }): [string, number] => [`${ordinal}/${row}`, Math.fround(dotAt(query, 0, v, 0, DIM))])
    .sort((a, b) => b[1] - a[1]).slice(0, K);
  const answer = (r: ReturnType<typeof searchIndexTopK>): [string, number][] => {
    assert.ok(r.ok && !r.stale);
    return Array.from(r.scores, (s, i): [string, number] => [`${r.ordinals[i]}/${r.rows[i]}`, s]).sort((a, b) => b[1] - a[1]);
  };

  it('finds the exact top-k when both groups count', () => {
    const r = searchIndexTopK(view, cache, shard, task([{ id: 1, ordinal: 0, rowCount: ROWS, hasColumn: true }, { id: 2, ordinal: 1, rowCount: ROWS, hasColumn: true }]));
    assert.deepEqual(answer(r), exactTopK([...crowd.map((v, row) => ({ ordinal: 0, row, v })), ...others.map((v, row) => ({ ordinal: 1, row, v }))]));
  });

  it('a group the snapshot no longer lists takes none of the budget', () => {
    // Group 1's rows are the graph's nearest by far; only group 2 is listed (as after a DELETE).
    const r = searchIndexTopK(view, cache, shard, task([{ id: 2, ordinal: 0, rowCount: ROWS, hasColumn: true }]));
    assert.deepEqual(answer(r), exactTopK(others.map((v, row) => ({ ordinal: 0, row, v }))));
  });

  it('rows the WHERE drops take none of the budget', () => {
    // The WHERE drops every row of group 1 near the query: the answer is the best of the rest.
    const keep = Uint8Array.from({ length: ROWS }, (_, r) => (r < NEAR ? 0 : 1));
    const kept = keep.reduce((a, b) => a + b, 0) + ROWS;
    const r = searchIndexTopK(view, cache, shard, task(
      [{ id: 1, ordinal: 0, rowCount: ROWS, hasColumn: true }, { id: 2, ordinal: 1, rowCount: ROWS, hasColumn: true }],
      { rowFilters: { 0: keep }, oversample: (2 * ROWS) / kept },
    ));
    const expected = exactTopK([
      ...crowd.flatMap((v, row) => (keep[row] ? [{ ordinal: 0, row, v }] : [])), ...others.map((v, row) => ({ ordinal: 1, row, v })),
    ]);
    assert.deepEqual(answer(r), expected);
  });
});
