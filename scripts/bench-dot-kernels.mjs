#!/usr/bin/env node
// One thread scoring 25,000 × 512 unit rows against one query, three ways (ml/README.md Decisions 9):
// the hand-assembled WASM SIMD kernel the vector workers use (ml/inference/vector/wasm-dot-kernel.ts),
// simsimd's native `inner` called per row, and usearch's native `exactSearch` (top-10 included).
// Figures only. Usage: npm run build && node scripts/bench-dot-kernels.mjs [rows=25000] [runs=21]
import * as simsimd from 'simsimd';
import usearch from 'usearch';
import { DotKernel } from '../dist/src/ml/inference/vector/wasm-dot-kernel.js';

const n = Number(process.argv[2] ?? 25000);
const runs = Number(process.argv[3] ?? 21);
const dim = 512;
const rows = new Float32Array(n * dim).map(() => Math.random() - 0.5);
const query = rows.slice(0, dim);
const median = (f) => {
  f();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[runs >> 1];
};

const kernel = DotKernel.create();
const rowsAt = 64;
const queryAt = rowsAt + n * dim * 4;
const outAt = queryAt + dim * 4;
kernel.ensure(outAt + n * 4);
kernel.f32.set(rows, rowsAt / 4);
kernel.f32.set(query, queryAt / 4);
const wasm = median(() => kernel.dots(queryAt, rowsAt, n, dim * 4, outAt));
const views = Array.from({ length: n }, (_, r) => rows.subarray(r * dim, (r + 1) * dim));
const out = new Float32Array(n);
const perRow = median(() => { for (let r = 0; r < n; r++) out[r] = simsimd.inner(query, views[r]); });
const exact = median(() => usearch.exactSearch(rows, query, dim, 10, usearch.MetricKind.IP, 1));
const gbps = (ms) => ((n * dim * 4) / (ms / 1000) / 1e9).toFixed(1);
console.log(`${n} × ${dim}, one thread, medians of ${runs}:`);
console.log(`  WASM SIMD kernel   ${wasm.toFixed(2)} ms  (${gbps(wasm)} GB/s)`);
console.log(`  simsimd per row    ${perRow.toFixed(2)} ms  (${gbps(perRow)} GB/s)`);
console.log(`  usearch exactSearch ${exact.toFixed(2)} ms  (${gbps(exact)} GB/s)`);
