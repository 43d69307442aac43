#!/usr/bin/env node
// The exact top-10 through `pg` (npm run bench's query) over one table, run --runs times after a
// warm-up, for profiling the fixed cost per statement: the statement runs on an engine thread,
// so run this under `node --cpu-prof --cpu-prof-dir=DIR` (every thread writes its profile at
// exit; the engine thread's is the one with `execute` frames) and summarise with
// `node scripts/profile-summary.mjs DIR/<file>.cpuprofile`. Prints p50 / p90 and the CPU time a
// statement costs summed over every thread of the process (server, workers and the pg client: a
// figure a loaded machine distorts far less than wall time); no assertions.
// --hnsw: builds an HNSW index first (m 16, ef_construction 64) and queries it with held-out
// queries from the table's own distribution (scripts/lib/bench-vector-data.mjs; --ef=… sets
// hnsw.ef_search), printing recall@10 against the exact answer too.
// Usage: npm run build && node --cpu-prof --cpu-prof-dir=/tmp/prof scripts/profile-search.mjs [--rows=100000] [--runs=60] [--tutorial] [--hnsw [--ef=64]] [--dim=512]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../dist/src/main.js';
import { writeTestModel } from '../dist/src/tools/index.js';
import { heldOutQueries, queryWord, writeVectorTable } from './lib/bench-vector-data.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const rows = Number(arg('rows', '100000'));
const runs = Number(arg('runs', '60'));
const DIM = Number(arg('dim', '512'));
const MODEL = 'bench_clip';
const EMB = `${MODEL}_clipen`;
// --tutorial: the tutorial's nested top-5 (image_path and the similarity, plain DESC, LIMIT 5).
const hnsw = process.argv.includes('--hnsw');
const ef = arg('ef', '');
const sqlFor = (text) => process.argv.includes('--tutorial')
  ? `SELECT image_path, ${EMB}_similarity1 FROM (SEARCH IMAGE text="${text}" USING ${MODEL} AS SELECT * FROM v)
  ORDER BY ${EMB}_similarity1 DESC LIMIT 5`
  : `SELECT id, ${EMB}_similarity1 AS s FROM (SEARCH IMAGE text="${text}" USING ${MODEL}
  AS SELECT * FROM v) ORDER BY ${EMB}_similarity1 DESC NULLS LAST LIMIT 10`;
const QUERIES = 50;
const queries = heldOutQueries(rows, QUERIES, DIM);
const words = Array.from({ length: QUERIES }, (_, i) => queryWord(0, i));
const texts = hnsw ? words : ['a black cat'];

const dataDir = await mkdtemp(join(tmpdir(), 'profile-search-data-'));
const modelsDir = await mkdtemp(join(tmpdir(), 'profile-search-models-'));
const filesDir = await mkdtemp(join(tmpdir(), 'profile-search-files-'));
let server;
let client;
const start = async () => {
  server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir, log: () => {} });
  client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  client.on('notice', () => {});
  await client.connect();
};
try {
  const wordVectors = new Map(words.map((w, i) => [w, queries.subarray(i * DIM, (i + 1) * DIM)]));
  await writeTestModel(join(modelsDir, 'test-clip-512'), { dim: DIM, wordVectors });
  await start();
  await client.query(`BUILD MODEL ${MODEL} USING clipen OPTIONS(model_path='test-clip-512', overwrite=True)`);
  await client.query(`CREATE TABLE v (id int, year int, image_path text, ${EMB} real[])`);
  await client.end();
  await server.close();
  await writeVectorTable(join(dataDir, 'store'), filesDir, 'v', rows, DIM, rows);
  await start();
  await client.query('SET thanosql.exact_search = on');
  const exact = [];
  for (const text of texts) exact.push((await client.query(sqlFor(text))).rows.map((r) => r.id));
  for (let i = 0; i < 10; i++) await client.query(sqlFor(texts[i % texts.length]));
  let recall = '';
  if (hnsw) {
    const t = performance.now();
    await client.query('SET thanosql.vector_index_min_rows = 0');
    await client.query(`CREATE INDEX ON v USING hnsw (${EMB} vector_cosine_ops) WITH (m = 16, ef_construction = 64)`);
    console.log(`built in ${((performance.now() - t) / 1000).toFixed(1)} s, load ${loadavg()[0].toFixed(1)}`);
    await client.query('SET thanosql.exact_search = off');
    if (ef) await client.query(`SET hnsw.ef_search = ${ef}`);
    let found = 0;
    for (const [i, text] of texts.entries()) {
      const ids = new Set((await client.query(sqlFor(text))).rows.map((r) => r.id));
      found += exact[i].filter((id) => ids.has(id)).length;
    }
    recall = `, recall@10 ${(found / (10 * texts.length)).toFixed(3)}`;
  }
  const timed = async (label, list) => {
    const ts = [];
    const cpu = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await client.query(sqlFor(list[i % list.length]));
      ts.push(performance.now() - t);
    }
    const { user, system } = process.cpuUsage(cpu);
    ts.sort((a, b) => a - b);
    console.log(`${rows} rows, ${label}: p50 ${ts[Math.floor(runs / 2)].toFixed(2)} ms, p90 ${ts[Math.floor(runs * 0.9)].toFixed(2)} ms, `
      + `CPU ${((user + system) / 1000 / runs).toFixed(2)} ms a statement (all threads) over ${runs} runs, load ${loadavg()[0].toFixed(1)}`);
  };
  await timed(hnsw ? `in-distribution${recall}` : 'a black cat', texts);
  // The TEST model's colour texts fall outside the table's clusters (what the benchmark's text queries are).
  if (hnsw) await timed('out-of-distribution texts', ['a black cat', 'red', 'green grass', 'blue sky']);
} finally {
  await client?.end().catch(() => {});
  await server?.close();
  for (const dir of [dataDir, modelsDir, filesDir]) await rm(dir, { recursive: true, force: true });
}
