/**
 * The int8 shadow of the exact scan (vector/i8-shadow.ts, the kernel's `dotsI8`, exact-top-k-scan.ts):
 * the kernel's int32 sums equal a plain sum at the extremes of both ranges; the proven bound holds
 * row by row; and the scan's top-k equals a brute-force float32 top-k (scores and order, ties to
 * the earlier row) on data made to defeat the shadow — near-ties closer than an int8 step,
 * duplicates, NULL and zero rows, NaN, filters, k above the rows there are.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantiseQuery, quantiseRows, shadowBound } from '../../../src/ml/inference/vector/i8-shadow.js';
import { scanExactTopK } from '../../../src/ml/inference/vector/exact-top-k-scan.js';
import { compareScoredRows, type ScoredRow } from '../../../src/ml/inference/vector/scored-row-heap.js';
import { dotAt } from '../../../src/ml/inference/vector/similarity.js';
import { VectorCache } from '../../../src/ml/inference/vector/vector-cache.js';
import { DotKernel, paddedWidthI8 } from '../../../src/ml/inference/vector/wasm-dot-kernel.js';
import { packScanGroups } from '../../../src/ml/inference/worker/packed-scan-groups.js';
import type { TopKScanTask } from '../../../src/ml/inference/worker/worker-protocol.js';
import { encodeChunk, type StoreReadView } from '../../../src/storage/index.js';
import { seededRandom } from '../../../src/tools/sample/seeded-random.js';
import { T } from '../../../src/types/sql-type.js';

type Row = Float32Array | null;

function unit(values: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let j = 0; j < values.length; j++) norm += values[j]! * values[j]!;
  return Float32Array.from(values, (x) => x / Math.sqrt(norm));
}

/** The cache's normalisation (norm in doubles, scaled floats stored as float32); undefined for no score. */
function normalised(row: Row): Float32Array | undefined {
  if (row === null) return undefined;
  let norm = 0;
  for (const x of row) norm += x * x;
  if (norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  return Float32Array.from(row, (x) => x * scale);
}

/** Brute force: every scored row's float32 exact score, sorted as the heap orders, the first k. */
function bruteTopK(groups: readonly Row[][], query: Float32Array, k: number, keep?: Record<number, Uint8Array>): ScoredRow[] {
  const all: ScoredRow[] = [];
  groups.forEach((rows, ordinal) => rows.forEach((row, r) => {
    const x = normalised(row);
    if (x === undefined || (keep?.[ordinal] && !keep[ordinal]![r])) return;
    all.push({ score: Math.fround(dotAt(query, 0, x, 0, query.length)), ordinal, row: r });
  }));
  return all.sort(compareScoredRows).slice(0, k);
}

function scan(groups: readonly Row[][], query: Float32Array, k: number, keep?: Record<number, Uint8Array>): ScoredRow[] {
  const chunks = groups.map((rows) => encodeChunk(T.float4Array, rows));
  const view = { rawChunk: (_t: number, id: number) => chunks[id] } as unknown as StoreReadView;
  const task: TopKScanTask = {
    storeDir: '', worker: 0, tableId: 1, columnId: 1, query, k, rowFilters: keep,
    groups: packScanGroups(groups.map((rows, i) => ({ id: i, ordinal: i, rowCount: rows.length, hasColumn: true }))),
  };
  const result = scanExactTopK(view, new VectorCache(64 * 1024 ** 2), task);
  assert.ok(result.ok && !result.stale);
  const kept = Array.from(result.scores, (score, i) => ({ score, ordinal: result.ordinals[i]!, row: result.rows[i]! }));
  return kept.sort(compareScoredRows);
}

describe('the int8 shadow of the exact scan', () => {
  it('dotsI8 gives the exact int32 sums, at the ends of both ranges too', () => {
    const kernel = DotKernel.create();
    const width = paddedWidthI8(512);
    const rng = seededRandom(5);
    const query = Int16Array.from({ length: width }, (_, j) => (j % 7 === 0 ? 32767 : j % 11 === 0 ? -32767 : Math.round((rng.next() - 0.5) * 60000)));
    const rows = 5;
    const values = Int8Array.from({ length: rows * width }, (_, i) => (i % width < 3 ? -127 : i % 5 === 0 ? 127 : Math.round((rng.next() - 0.5) * 254)));
    const [q, x, out] = [0, 4096, 4096 + rows * width];
    kernel.i16.set(query, q / 2);
    kernel.i8.set(values, x);
    kernel.dotsI8(q, x, rows, width, out);
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let j = 0; j < width; j++) sum += values[r * width + j]! * query[j]!;
      assert.equal(kernel.i32[out / 4 + r], sum, `row ${r}`);
    }
  });

  it('the bound holds row by row', () => {
    const rng = seededRandom(9);
    for (const dim of [32, 100, 512]) {
      const n = 300;
      const stride = dim;
      const data = new Float32Array(n * dim);
      for (let r = 0; r < n; r++) data.set(unit(Array.from({ length: dim }, () => (r % 3 === 0 ? rng.next() : rng.next() - 0.5) ** 3)), r * dim);
      const present = new Uint8Array(n).fill(1);
      const widthI8 = paddedWidthI8(dim);
      const shadow = new Int8Array(n * widthI8);
      const rows = quantiseRows(data, 0, stride, n, dim, present, shadow, 0, widthI8);
      const q = unit(Array.from({ length: dim }, () => rng.next() - 0.5));
      const query = quantiseQuery(q)!;
      for (let r = 0; r < n; r++) {
        let sum = 0;
        for (let j = 0; j < dim; j++) sum += shadow[r * widthI8 + j]! * query.values[j]!;
        const exact = Math.fround(dotAt(q, 0, data, r * dim, dim));
        const bound = shadowBound(rows, query);
        assert.ok(Math.abs(sum * rows.step[r]! * query.step - exact) <= bound, `dim ${dim} row ${r}`);
        assert.ok(bound < 0.05, `the bound is useful (${bound})`);
      }
    }
  });

  it('a query with no finite non-zero value is left to the float kernel', () => {
    assert.equal(quantiseQuery(new Float32Array(8)), undefined);
    assert.equal(quantiseQuery(Float32Array.of(1, NaN, 0)), undefined);
  });

  it('the top-k equals a brute-force float32 top-k on adversarial data', () => {
    const dim = 64;
    const rng = seededRandom(21);
    const base = unit(Array.from({ length: dim }, () => rng.next() - 0.5));
    // Near-ties: the base row moved by less than an int8 step, so the shadow cannot order them.
    const nearTie = (): Float32Array => unit(Array.from(base, (x) => x + (rng.next() - 0.5) * 1e-5));
    const groups: Row[][] = [];
    for (let g = 0; g < 4; g++) {
      groups.push(Array.from({ length: 700 + g * 13 }, (_, r) => {
        if (r % 53 === 0) return null;
        if (r % 61 === 0) return new Float32Array(dim);
        if (r % 7 === 0) return nearTie();
        if (r % 11 === 0) return Float32Array.from(base); // duplicates: exact ties across groups
        if (r === 100 && g === 2) return Float32Array.from(base, (x, j) => (j === 3 ? NaN : x));
        return unit(Array.from({ length: dim }, () => rng.next() - 0.5));
      }));
    }
    // The last query is all zeros: the float32 kernel's path (every score 0, the scan's order).
    const queries = [
      base, unit(Array.from(base, (x) => x + (rng.next() - 0.5) * 0.1)), unit(Array.from({ length: dim }, () => rng.next() - 0.5)),
      new Float32Array(dim),
    ];
    const keep: Record<number, Uint8Array> = {
      1: Uint8Array.from({ length: groups[1]!.length }, (_, r) => (r % 3 === 0 ? 1 : 0)),
      3: new Uint8Array(groups[3]!.length),
    };
    for (const [qi, query] of queries.entries()) {
      for (const k of [1, 10, 64, 65, 200, 5000]) {
        assert.deepEqual(scan(groups, query, k), bruteTopK(groups, query, k), `query ${qi}, k ${k}`);
        assert.deepEqual(scan(groups, query, k, keep), bruteTopK(groups, query, k, keep), `query ${qi}, k ${k}, filtered`);
      }
    }
  });
});
