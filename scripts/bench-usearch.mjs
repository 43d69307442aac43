#!/usr/bin/env node
// usearch alone, no server (why HNSW builds were slow, issue 8): one thread adds N clustered unit
// 512-d rows (scripts/lib/bench-vector-data.mjs's distribution) to an index per quantization
// (f32 / f16 / i8) and reports rows per CPU-second (process.cpuUsage, so a loaded machine's waiting
// is left out, not its cache contention) and wall time; then recall@10 after exact re-scoring of
// ef candidates (what index-search.ts does) for two query sets: rows drawn from the data's
// clusters ("inDist", a photo's embedding) and random unit vectors ("random", like the benchmark's
// TEST-model text queries, which have nothing to do with the synthetic clusters), with CPU ms per query.
// --clusters: how many clusters the rows fall in (rows per cluster is what makes a query hard);
// --metrics=ip,cos: the graph's metric (our rows and queries are unit vectors, so both rank alike
// in float; over int8 rows, usearch's cast scales each row to 127 and truncates, so the rows'
// quantised norms differ and only the cosine divides that out).
// Usage: node scripts/bench-usearch.mjs [--n=20000] [--qs=f32,f16,i8] [--efs=10,40,64,128,256]
//   [--m=16] [--efc=64] [--queries=40] [--clusters=1000] [--metrics=ip]
import usearch from 'usearch';
import { CLUSTERS as DEFAULT_CLUSTERS, gaussianRows } from './lib/bench-vector-data.mjs';
import { makeRng } from './lib/rng.mjs';
const arg = (n, d) => process.argv.find((a) => a.startsWith(`--${n}=`))?.split('=')[1] ?? d;
const N = Number(arg('n', 20000)), DIM = 512, K = 10, Q = Number(arg('queries', 40));
const CLUSTERS = Number(arg('clusters', DEFAULT_CLUSTERS));
const rand = makeRng(7);
const rows = (count, centres) => gaussianRows(rand, count, DIM, centres, CLUSTERS);
const centres = rows(CLUSTERS);
const data = rows(N, centres);
const queries = { random: rows(Q / 2), inDist: rows(Q / 2, centres) };
const dot = (a, ao, b, bo) => { let s = 0; for (let j = 0; j < DIM; j++) s += a[ao + j] * b[bo + j]; return s; };
const truth = {};
for (const [name, qs] of Object.entries(queries)) {
  truth[name] = [];
  for (let qi = 0; qi < Q / 2; qi++) {
    const sc = new Float64Array(N); for (let i = 0; i < N; i++) sc[i] = dot(qs, qi * DIM, data, i * DIM);
    truth[name].push(new Set([...sc.keys()].sort((a, b) => sc[b] - sc[a]).slice(0, K)));
  }
}
const keys = BigUint64Array.from({ length: N }, (_, i) => BigInt(i));
const efs = arg('efs', '10,40,64,128,256').split(',').map(Number);
for (const q of arg('qs', 'f32,f16,i8').split(',')) for (const metric of arg('metrics', 'ip').split(',')) {
  const idx = new usearch.Index({ dimensions: DIM, metric: metric === 'cos' ? usearch.MetricKind.Cos : usearch.MetricKind.IP, quantization: q, connectivity: Number(arg('m', 16)), expansion_add: Number(arg('efc', 64)), expansion_search: 10, multi: false });
  const c0 = process.cpuUsage(); const t0 = performance.now();
  idx.add(keys, data, 1);
  const cpu = process.cpuUsage(c0).user / 1e6;
  let line = `${q} ${metric} n=${N} clusters=${CLUSTERS} build cpu ${cpu.toFixed(1)} s (${(N / cpu).toFixed(0)} rows/cpu-s, wall ${((performance.now() - t0) / 1000).toFixed(1)} s)`;
  for (const ef of efs) {
    for (const [name, qs] of Object.entries(queries)) {
      let hit = 0; const c1 = process.cpuUsage();
      for (let qi = 0; qi < Q / 2; qi++) {
        const qv = qs.subarray(qi * DIM, (qi + 1) * DIM);
        const found = idx.search(qv, ef, 1);
        const cand = [...found.keys].map(Number).map((i) => [i, dot(qs, qi * DIM, data, i * DIM)]).sort((a, b) => b[1] - a[1]).slice(0, K);
        for (const [i] of cand) if (truth[name][qi].has(i)) hit++;
      }
      const qcpu = process.cpuUsage(c1).user / 1e3 / (Q / 2);
      line += ` | ef${ef} ${name} ${(hit / (K * Q / 2)).toFixed(3)} ${qcpu.toFixed(2)}ms`;
    }
  }
  console.log(line);
}
