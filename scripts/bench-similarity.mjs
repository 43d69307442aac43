#!/usr/bin/env node
// Benchmarks scoring normalised query embeddings against an [n, 512] matrix: the unrolled JS loop
// (src/ml/inference/vector/similarity.ts) vs an ONNX Runtime Gemm (src/ml/inference/vector/similarity-gemm.ts) on this thread and
// through a pool worker with a SharedArrayBuffer matrix (ClipPool.dotScores).
// Usage: npm run build && node scripts/bench-similarity.mjs [n ...]
import { dotScores } from '../dist/src/ml/inference/vector/similarity.js';
import { createGemmScorer } from '../dist/src/ml/inference/vector/similarity-gemm.js';
import { l2NormalizeRows } from '../dist/src/ml/inference/embed/l2-normalize.js';
import { ClipPool } from '../dist/src/ml/inference/pool/clip-pool.js';
import { writeTestModel } from '../dist/src/tools/test-model/write-test-model.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIM = 512;
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ns = sizes.length > 0 ? sizes : [1_000, 25_000, 100_000];

/** Deterministic pseudo-random unit rows (mulberry32). */
function randomRows(n, seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const m = Float32Array.from({ length: n * DIM }, next);
  return l2NormalizeRows(m, DIM);
}

/** Median milliseconds of `runs` calls after `warm` warm-up calls. */
async function time(fn, runs = 15, warm = 3) {
  for (let i = 0; i < warm; i++) await fn();
  const t = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return t.sort((a, b) => a - b)[t.length >> 1];
}

// The pool needs a model to open; the TEST model is enough (dotScores does not use it).
const modelDir = await mkdtemp(join(tmpdir(), 'bench-model-'));
await writeTestModel(modelDir);
const pool = await ClipPool.open({ modelDir });
const gemm1 = await createGemmScorer(DIM, 1);
const gemm2 = await createGemmScorer(DIM, 2);
console.log(`node ${process.version}, dim ${DIM}; median ms per call`);
console.log('n\tq\tjs-loop\tort-gemm(1t)\tort-gemm(2t)\tpool-worker');
for (const n of ns) {
  const matrix = randomRows(n, 1);
  const shared = new Float32Array(new SharedArrayBuffer(matrix.byteLength));
  shared.set(matrix);
  for (const q of [1, 8]) {
    const queries = randomRows(q, 2);
    const out = new Float32Array(q * n);
    const js = await time(() => dotScores(queries, q, matrix, n, DIM, out));
    const g1 = await time(() => gemm1.score(queries, q, matrix, n));
    const g2 = await time(() => gemm2.score(queries, q, matrix, n));
    const pw = await time(() => pool.dotScores(queries, q, shared, n));
    const a = dotScores(queries, q, matrix, n, DIM);
    const b = await gemm1.score(queries, q, matrix, n);
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    if (maxDiff > 1e-4) throw new Error(`js and gemm disagree by ${maxDiff}`);
    console.log(`${n}\t${q}\t${js.toFixed(2)}\t${g1.toFixed(2)}\t\t${g2.toFixed(2)}\t\t${pw.toFixed(2)}`);
  }
}
await gemm1.release();
await gemm2.release();
await pool.close();
await rm(modelDir, { recursive: true, force: true });
