#!/usr/bin/env node
// One vector worker's side of an HNSW query, no server and no threads (issue 8): builds one
// shard (ml/inference/vector/index-shard.ts) over --rows clustered 512-d rows (the benchmark's
// generator, scripts/lib/bench-vector-data.mjs) held in a VectorCache as a worker holds them, then
// answers held-out queries from the same generator with `searchIndexTopK` — the function a worker
// runs per task — and reports per query: CPU ms of the whole worker step, CPU ms of usearch's
// `search` alone (asked for the same number of results), and recall@10 against the exact scan
// (`scanExactTopK` over the same cache). CPU time (process.cpuUsage), so a loaded machine's waiting
// is left out, not its cache contention; state the load average with any figure.
// --clusters sets how many clusters the rows fall in (the benchmark's 1,000 by default): what makes
// a query hard is how many rows share its cluster, so 100,000 rows in 200 clusters ask what a
// 500,000-row shard of the benchmark's 1M table asks, at a fifth of the build. --rescore=R,…
// also reports recall when only the R best of the graph's results (by its own distance) are
// re-scored (0 = all, what searchIndexTopK does).
// Usage: npm run build && node scripts/bench-shard-search.mjs [--rows=100000] [--clusters=1000]
//   [--qs=i8,f16,f32] [--efs=40,64,100,160,256] [--rescore=0] [--queries=100] [--m=16] [--efc=64]
//   [--keep=DIR] (saves each built shard under DIR and opens it instead of building on the next run)
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { encodeChunk } from '../dist/src/storage/index.js';
import { VectorCache } from '../dist/src/ml/inference/vector/vector-cache.js';
import { IndexShard } from '../dist/src/ml/inference/vector/index-shard.js';
import { searchIndexTopK } from '../dist/src/ml/inference/vector/index-search.js';
import { scanExactTopK } from '../dist/src/ml/inference/vector/exact-top-k-scan.js';
import { packScanGroups } from '../dist/src/ml/inference/worker/packed-scan-groups.js';
import { dotAt } from '../dist/src/ml/inference/vector/similarity.js';
import { gaussianRows } from './lib/bench-vector-data.mjs';
import { makeRng } from './lib/rng.mjs';

const arg = (n, d) => process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d;
const ROWS = Number(arg('rows', 100000));
const DIM = 512;
const K = 10;
const GROUP_ROWS = 2048;
const QUERIES = Number(arg('queries', 100));
const SEED = ROWS;
const CLUSTERS = Number(arg('clusters', 1000));

// The table's rows exactly as writeVectorTable draws them (its centres first, then the rows).
const rand = makeRng(SEED);
const centres = gaussianRows(rand, CLUSTERS, DIM);
const chunks = new Map();
const groups = [];
for (let start = 0, id = 1; start < ROWS; start += GROUP_ROWS, id++) {
  const n = Math.min(GROUP_ROWS, ROWS - start);
  const rows = gaussianRows(rand, n, DIM, centres, CLUSTERS);
  chunks.set(id, encodeChunk({ id: 'float4', array: true }, Array.from({ length: n }, (_, r) => rows.subarray(r * DIM, (r + 1) * DIM))));
  groups.push({ id, ordinal: groups.length, rowCount: n, hasColumn: true });
}
// Held-out queries as heldOutQueries draws them: the same centres, another random stream.
const queries = gaussianRows(makeRng((SEED ^ 0x9e3779b9) >>> 0), QUERIES, DIM, centres, CLUSTERS);
const view = { rawChunk: (_table, groupId) => chunks.get(groupId) };
const cache = new VectorCache(4 * ROWS * DIM * 2 + (64 << 20));
const base = { storeDir: '/nonexistent', worker: 0, tableId: 1, columnId: 1, groups: packScanGroups(groups), k: K };
const queryAt = (i) => queries.slice(i * DIM, (i + 1) * DIM);
const exact = Array.from({ length: QUERIES }, (_, i) => {
  const r = scanExactTopK(view, cache, { ...base, query: queryAt(i) });
  return new Set(Array.from(r.ordinals, (o, j) => `${o}/${r.rows[j]}`));
});
const cpuMs = (f) => {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
};

for (const quantization of arg('qs', 'i8').split(',')) {
  const keep = arg('keep', '');
  const spec = { storeDir: keep ? join(keep, `${ROWS}-${CLUSTERS}-${quantization}`) : '/nonexistent', oid: 1, tableId: 1, columnId: 1, dim: DIM, m: Number(arg('m', 16)),
    efConstruction: Number(arg('efc', 64)), quantization, shards: 1 };
  const shard = keep ? IndexShard.open(spec, 0) : IndexShard.create(spec, 0);
  const t0 = performance.now();
  const buildCpu = cpuMs(() => {
    for (const g of groups) {
      const e = cache.group(1, 1, g.id, DIM, () => chunks.get(g.id));
      shard.addGroup(g.id, cache.kernel.f32, e.offset / 4, e.stride, e.rowCount, e.present);
    }
  });
  if (keep && shard.dirty) {
    mkdirSync(spec.storeDir, { recursive: true });
    shard.save();
  }
  console.log(`${quantization} ${ROWS} rows in ${CLUSTERS} clusters: built in ${(buildCpu / 1000).toFixed(1)} s CPU (${((performance.now() - t0) / 1000).toFixed(1)} s wall), load ${loadavg()[0].toFixed(1)}`);
  for (const ef of arg('efs', '40,64,100,160,256').split(',').map(Number)) {
    let found = 0;
    let worker = 0;
    let usearch = 0;
    // Two passes, so neither finds the other's graph nodes warm in the CPU's caches.
    for (let i = 0; i < QUERIES; i++) {
      const query = queryAt(i);
      usearch += cpuMs(() => shard.index.search(query, ef, 1));
    }
    for (let i = 0; i < QUERIES; i++) {
      const task = { ...base, query: queryAt(i), index: spec, efSearch: ef };
      let r;
      worker += cpuMs(() => { r = searchIndexTopK(view, cache, shard, task); });
      for (let j = 0; j < r.ordinals.length; j++) if (exact[i].has(`${r.ordinals[j]}/${r.rows[j]}`)) found++;
    }
    let line = '';
    for (const R of arg('rescore', '').split(',').filter(Boolean).map(Number)) {
      let hits = 0;
      for (let i = 0; i < QUERIES; i++) {
        const query = queryAt(i);
        const found = shard.search(query, ef);
        const kept = (R > 0 ? found.slice(0, R) : found).map((h) => {
          const e = cache.group(1, 1, h.group, DIM, () => chunks.get(h.group));
          return { key: `${h.group - 1}/${h.row}`, score: dotAt(query, 0, cache.kernel.f32, e.offset / 4 + h.row * e.stride, DIM) };
        }).sort((a, b) => b.score - a.score).slice(0, K);
        for (const h of kept) if (exact[i].has(h.key)) hits++;
      }
      line += `, rescoring ${R || 'all'}: ${(hits / (K * QUERIES)).toFixed(3)}`;
    }
    console.log(`  ef ${String(ef).padStart(4)}: recall@10 ${(found / (K * QUERIES)).toFixed(3)}, worker step ${(worker / QUERIES).toFixed(3)} ms CPU, usearch search ${(usearch / QUERIES).toFixed(3)} ms CPU${line} (load ${loadavg()[0].toFixed(1)})`);
  }
}
