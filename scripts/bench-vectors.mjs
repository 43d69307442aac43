#!/usr/bin/env node
// `npm run bench`: vector search against the hardware limit, in one run on the same data (issue 8).
// Writes clustered unit 512-d tables (25k / 100k / 1M rows; scripts/lib/bench-vector-data.mjs)
// into a fresh server's store, then prints medians and ratios:
//   exact top-10 — this server through `pg` end to end (nested SEARCH, ORDER BY sim DESC LIMIT 10,
//     the text embedding cached: excluded), the workers' scan alone (VectorPool, no SQL), NumPy,
//     DuckDB, pgvector in PGlite (scripts/lib/bench-engines.mjs);
//   HNSW — CREATE INDEX time, p50 / p99 latency through pg, recall@10 against the exact answer, RSS,
//     for two query sets: in-distribution (HELD_OUT fresh draws from the table's own generator, not
//     rows of it — the ANN-benchmark practice; the TEST model embeds word i as draw i) and
//     out-of-distribution (the TEST model's colour texts, which fall outside the synthetic clusters);
//   filtered top-10 — WHERE year < 500 / 50 / 1 (50 % / 5 % / 0.1 %) against unfiltered;
//   CONVERT images/s through pg against raw ONNX Runtime with the ViT-B/32-shaped BENCHMARK model
//     (random weights; fp32 and quantized), same workers × threads and batch (scripts/lib/bench-convert.mjs),
//     and fp32 at 1 worker × 1 thread (a core free for decoding); CPU per image split into the model's
//     threads and the rest (scripts/lib/thread-cpu.mjs).
// Figures only, no assertions. The TEST model (512-d) embeds the query texts.
// Usage: npm run bench -- [--sizes=25000,100000,1000000] [--hnsw=100000] [--runs=15]
//   [--engines=numpy,duckdb,pgvector] [--engine-sizes=25000,100000] [--filtered=100000]
//   [--convert=128 (images; 0 skips)] [--convert-runs=3] [--bench-model=<dir, generated once>]
//   [--ef=64,256,1024 (hnsw.ef_search values timed after one build)] [--quantization=i8 (the index's)]
// HNSW at 1M (heavy: run it on a quiet machine, once):
//   npm run bench -- --sizes=1000000 --hnsw=1000000 --filtered= --engines=numpy --convert=0 --ef=40,100,256,512,1024
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../dist/src/main.js';
import { writeTestModel } from '../dist/src/tools/index.js';
import { VectorPool } from '../dist/src/ml/inference/pool/vector-pool.js';
import { packScanGroups } from '../dist/src/ml/inference/worker/packed-scan-groups.js';
import { openStore } from '../dist/src/storage/index.js';
import { duckdbTopK, numpyBlas, numpyTopK, pgvectorTopK } from './lib/bench-engines.mjs';
import { heldOutQueries, queryWord, writeVectorTable } from './lib/bench-vector-data.mjs';
import { decodeMsPerImage, defaultClipWorkers, ensureBenchModel, rawOrt, textTowerMs, timedConvert, writeBenchPhotos } from './lib/bench-convert.mjs';
import { cpuSnapshot, modelSplit } from './lib/thread-cpu.mjs';
import { CLIP_WORKERS_ENV } from '../dist/src/ml/inference/pool/clip-pool.js';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const list = (name, fallback) => arg(name, fallback).split(',').filter(Boolean).map((x) => (/^\d+$/.test(x) ? Number(x) : x));
const sizes = list('sizes', '25000,100000,1000000');
const hnswSizes = list('hnsw', '100000');
const filteredSizes = list('filtered', '100000');
const engines = list('engines', 'numpy,duckdb,pgvector');
const engineSizes = list('engine-sizes', '25000,100000');
const runs = Number(arg('runs', '15'));
const efSearches = list('ef', '64,256,1024');
const quantization = arg('quantization', 'i8');
const convertImages = Number(arg('convert', '128'));
const convertRuns = Number(arg('convert-runs', '3'));
const benchModelDir = arg('bench-model', join(tmpdir(), 'thanosql-bench-vit-b-32'));
const CONVERT_BATCH = 16;
const TEXT_QUERY = 'a black cat sitting on a red sofa';
const DIM = 512;
const K = 10;
const MODEL = 'bench_clip';
const EMB = `${MODEL}_clipen`;
/** Held-out in-distribution queries per HNSW table (the text-embedding cache holds 256 texts). */
const HELD_OUT = 100;
const TEXTS = ['red', 'a black cat', 'green grass', 'blue sky', 'yellow', 'white snow', 'orange', 'purple', 'gray', 'dark night'];

const dataDir = await mkdtemp(join(tmpdir(), 'bench-vectors-data-'));
const modelsDir = await mkdtemp(join(tmpdir(), 'bench-vectors-models-'));
const filesDir = await mkdtemp(join(tmpdir(), 'bench-vectors-files-'));
const storeDir = join(dataDir, 'store');
const table = (n) => `v_${n}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => (x === undefined ? '—' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined ? '—' : `${(a / b).toFixed(2)}×`);
const log = (line) => process.stderr.write(`${line}\n`);

let server;
let client;
async function start() {
  server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir, allowAbsolutePaths: true, log: () => {} });
  client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  client.on('notice', () => {});
  await client.connect();
}
async function stop() {
  await client.end();
  await server.close();
}
const topK = (n, text, where = '') => `SELECT id, ${EMB}_similarity1 AS s FROM (SEARCH IMAGE text="${text}" USING ${MODEL}
  AS SELECT * FROM ${table(n)}${where}) ORDER BY ${EMB}_similarity1 DESC NULLS LAST LIMIT ${K}`;
async function timedQueries(sqls) {
  const ts = [];
  const answers = [];
  for (const sql of sqls) {
    const t = performance.now();
    answers.push((await client.query(sql)).rows);
    ts.push(performance.now() - t);
  }
  return { ts, answers };
}
const repeat = (sql) => Array.from({ length: runs }, () => sql);

const results = { exact: new Map(), scan: new Map(), engines: new Map(), hnsw: new Map(), filtered: new Map(), convert: new Map(), text: new Map() };
try {
  // Each HNSW table's held-out queries become words the TEST model embeds as exactly those vectors.
  const wordVectors = new Map();
  const heldOutWords = new Map();
  hnswSizes.forEach((n, t) => {
    const queries = heldOutQueries(n, HELD_OUT, DIM);
    const words = Array.from({ length: HELD_OUT }, (_, i) => queryWord(t, i));
    words.forEach((w, i) => wordVectors.set(w, queries.subarray(i * DIM, (i + 1) * DIM)));
    heldOutWords.set(n, words);
  });
  await writeTestModel(join(modelsDir, 'test-clip-512'), { dim: DIM, wordVectors });
  await start();
  await client.query(`BUILD MODEL ${MODEL} USING clipen OPTIONS(model_path='test-clip-512', overwrite=True)`);
  for (const n of sizes) await client.query(`CREATE TABLE ${table(n)} (id int, year int, image_path text, ${EMB} real[])`);
  await stop();
  const files = new Map();
  for (const n of sizes) {
    const t = performance.now();
    files.set(n, await writeVectorTable(storeDir, filesDir, table(n), n, DIM, n));
    log(`wrote ${n} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  await start();
  for (const n of sizes) {
    await client.query('SET thanosql.exact_search = on');
    await timedQueries(TEXTS.map((text) => topK(n, text))); // warm: row cache, text embeddings
    results.exact.set(n, median((await timedQueries(repeat(topK(n, 'a black cat')))).ts));
    log(`exact ${n}: ${ms(results.exact.get(n))} ms`);
  }
  for (const n of filteredSizes) {
    const row = { none: results.exact.get(n) };
    for (const [label, where] of [['50%', ' WHERE year < 500'], ['5%', ' WHERE year < 50'], ['0.1%', ' WHERE year < 1']]) {
      await client.query(topK(n, 'red', where));
      row[label] = median((await timedQueries(repeat(topK(n, 'a black cat', where)))).ts);
    }
    results.filtered.set(n, row);
    log(`filtered ${n}: ${JSON.stringify(row)}`);
  }
  for (const n of hnswSizes) {
    const querySets = [
      { label: 'in-distribution', texts: heldOutWords.get(n), rounds: 2 },
      { label: 'out-of-distribution', texts: TEXTS, rounds: Math.max(runs, 5) },
    ];
    await client.query('SET thanosql.exact_search = on');
    for (const set of querySets) set.exact = (await timedQueries(set.texts.map((text) => topK(n, text)))).answers;
    await client.query('SET thanosql.exact_search = off');
    await client.query('SET thanosql.vector_index_min_rows = 0');
    const t = performance.now();
    await client.query(`CREATE INDEX ${table(n)}_hnsw ON ${table(n)} USING hnsw (${EMB} vector_cosine_ops) WITH (m = 16, ef_construction = 64, quantization = '${quantization}')`);
    const buildS = (performance.now() - t) / 1000;
    const buildLoad = loadavg()[0];
    log(`hnsw ${n}: built in ${buildS.toFixed(1)} s (${(n / buildS).toFixed(0)} rows/s), load ${buildLoad.toFixed(1)}`);
    const recallOf = (set, answers) => answers.slice(0, set.texts.length).map((a, i) => {
      const found = new Set(a.map((r) => r.id));
      return set.exact[i].filter((r) => found.has(r.id)).length / set.exact[i].length;
    });
    for (const ef of efSearches) {
      await client.query(`SET hnsw.ef_search = ${ef}`);
      for (const set of querySets) {
        await timedQueries(set.texts.map((text) => topK(n, text))); // warm: shards opened, text embeddings cached
        const count = set.rounds * set.texts.length;
        const { ts, answers } = await timedQueries(Array.from({ length: count }, (_, i) => topK(n, set.texts[i % set.texts.length])));
        const recalls = recallOf(set, answers);
        const key = `${n}/${ef}/${set.label}`;
        results.hnsw.set(key, {
          n, ef, queries: set.label, buildS, buildLoad, p50: pct(ts, 0.5), p99: pct(ts, 0.99), recall: median(recalls),
          meanRecall: recalls.reduce((a, b) => a + b, 0) / recalls.length, rssMiB: process.memoryUsage().rss / 2 ** 20, load: loadavg()[0],
        });
        log(`hnsw ${n} ef_search ${ef}: ${JSON.stringify(results.hnsw.get(key))}`);
      }
    }
    await client.query('RESET hnsw.ef_search');
  }
  const rssMiB = process.memoryUsage().rss / 2 ** 20;
  if (convertImages > 0) await benchConvert();
  await stop();

  // The scan alone: the vector workers as SearchTopK drives them, without SQL, parsing or the wire.
  const store = openStore(storeDir, { readOnly: true });
  const snapshot = store.snapshot();
  await store.close();
  const vectors = VectorPool.open({ workers: cpus().length });
  try {
    for (const n of sizes) {
      const t = snapshot.tables.get(table(n));
      const columnId = t.columns.find((c) => c.name === EMB).id;
      const query = new Float32Array(DIM).fill(1 / Math.sqrt(DIM));
      const byWorker = new Map();
      t.rowGroups.forEach((g, ordinal) => {
        const w = vectors.workerOf(g.id);
        byWorker.set(w, [...(byWorker.get(w) ?? []), { id: g.id, ordinal, rowCount: g.rowCount, hasColumn: true }]);
      });
      const tasks = [...byWorker].map(([worker, groups]) => ({ storeDir, worker, tableId: t.id, columnId, groups: packScanGroups(groups), query, k: K }));
      await vectors.run('scanTopK', tasks);
      const ts = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await vectors.run('scanTopK', tasks.map((task) => ({ ...task, query: Float32Array.from(query) })));
        ts.push(performance.now() - t0);
      }
      results.scan.set(n, median(ts));
    }
  } finally {
    await vectors.close();
  }

  for (const n of sizes) {
    const row = {};
    if (engines.includes('numpy')) row.numpy = numpyTopK(files.get(n), n, DIM, runs);
    if (engines.includes('duckdb') && engineSizes.includes(n)) row.duckdb = await duckdbTopK(n, DIM, runs);
    if (engines.includes('pgvector') && engineSizes.includes(n)) row.pgvector = await pgvectorTopK(n, DIM, Math.min(runs, 5));
    results.engines.set(n, row);
    log(`engines ${n}: ${JSON.stringify(row)}`);
  }

  const out = [];
  out.push(`Machine: ${cpus().length} × ${cpus()[0].model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; medians of ${runs}; ${DIM}-d, top-${K}.`);
  if (engines.includes('numpy')) out.push(`NumPy's BLAS: ${numpyBlas()}`);
  if (sizes.length > 0) out.push('', '| exact top-10 (ms) | rows | server via pg | scan alone | NumPy | DuckDB | pgvector (PGlite) | pg ÷ NumPy | scan ÷ NumPy |');
  if (sizes.length > 0) out.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of sizes) {
    const e = results.engines.get(n);
    out.push(`| | ${n.toLocaleString('en')} | ${ms(results.exact.get(n))} | ${ms(results.scan.get(n))} | ${ms(e.numpy)} | ${ms(e.duckdb)} | ${ms(e.pgvector)} | ` +
      `${ratio(results.exact.get(n), e.numpy)} | ${ratio(results.scan.get(n), e.numpy)} |`);
  }
  if (results.hnsw.size > 0) out.push('', `| HNSW (m 16, ef_construction 64, ${quantization} graph, exact re-scoring) | rows | build (s) (rows/s, load) | ef_search | queries | p50 (ms) | p99 (ms) | recall@10 median / mean | process RSS (MiB) | load |`);
  if (results.hnsw.size > 0) out.push('|---|---:|---:|---:|---|---:|---:|---:|---:|---:|');
  for (const h of results.hnsw.values()) {
    out.push(`| | ${h.n.toLocaleString('en')} | ${h.buildS.toFixed(1)} (${(h.n / h.buildS).toFixed(0)}, ${h.buildLoad.toFixed(1)}) | ${h.ef} | ${h.queries} | ${ms(h.p50)} | ${ms(h.p99)} | ` +
      `${h.recall.toFixed(2)} / ${h.meanRecall.toFixed(2)} | ${h.rssMiB.toFixed(0)} | ${h.load.toFixed(1)} |`);
  }
  if (results.filtered.size > 0) out.push('', '| filtered exact top-10 (ms) | rows | none | 50 % | 5 % | 0.1 % | 5 % ÷ none |');
  if (results.filtered.size > 0) out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const [n, f] of results.filtered) {
    out.push(`| | ${n.toLocaleString('en')} | ${ms(f.none)} | ${ms(f['50%'])} | ${ms(f['5%'])} | ${ms(f['0.1%'])} | ${ratio(f['5%'], f.none)} |`);
  }
  if (results.convert.size > 0) {
    out.push('', `| CONVERT, ViT-B/32-shaped model (images/s; ${convertImages} JPEGs ${'1080×720'}, batch ${CONVERT_BATCH}) | workers × 1 thread | variant | raw ORT | CONVERT via pg | CONVERT ÷ raw (per run) | median ratio | CPU ms / image, model + outside it: raw, CONVERT (medians) | CPU raw ÷ CONVERT (per run) | median CPU ratio |`);
    out.push('|---|---:|---|---:|---:|---|---:|---:|---|---:|');
    for (const c of results.convert.values()) {
      const ratios = c.raw.map((r, i) => c.convert[i] / r);
      const cpuRatios = c.rawCpu.map((r, i) => r.cpuMs / c.convertCpu[i].cpuMs);
      const split = (xs) => `${median(xs.map((x) => x.modelMs)).toFixed(1)} + ${median(xs.map((x) => x.outsideMs)).toFixed(1)}`;
      out.push(`| | ${c.workers} | ${c.variant} | ${median(c.raw).toFixed(2)} | ${median(c.convert).toFixed(2)} | ${ratios.map((r) => r.toFixed(3)).join(', ')} | ${median(ratios).toFixed(3)}× | ` +
        `${split(c.rawCpu)}, ${split(c.convertCpu)} | ${cpuRatios.map((r) => r.toFixed(3)).join(', ')} | ${median(cpuRatios).toFixed(3)}× |`);
    }
    out.push('', `Load average during CONVERT: ${results.convertLoad}. Reading + decoding + preprocessing alone: ${results.decode.wallMs.toFixed(1)} ms per image on one thread ` +
      `(${results.decode.cpuMs.toFixed(1)} ms of CPU). CPU = the whole process's (server and raw workers alternate, never overlap), per thread from /proc: ` +
      '"model" = the busiest threads, one per worker (each runs ONNX Runtime with one intra-op thread), "outside" = the rest of the process\'s CPU. On saturated cores ' +
      'the CPU ratio is the throughput ratio, and it is far less disturbed by other processes than wall time. At 1 worker a core is free for decoding: ' +
      'a ratio near 1 there says decoding is hidden behind inference when it has a core of its own.');
    out.push('', `| text tower, one query "${TEXT_QUERY}" (ms, median of ${runs}) | variant | padded to 77 | real length (tokens) | padded ÷ real | max difference |`);
    out.push('|---|---|---:|---:|---:|---:|');
    for (const [variant, t] of results.text) {
      out.push(`| | ${variant} | ${ms(t.padded)} | ${ms(t.real)} (${t.tokens}) | ${(t.padded / t.real).toFixed(1)}× | ${t.maxDiff.toExponential(1)} |`);
    }
  }
  if (results.hnsw.size > 0) {
    out.push('', `HNSW queries: in-distribution = ${HELD_OUT} held-out draws from each table's own generator (same clusters, not rows of it), ` +
      `each timed twice; out-of-distribution = the TEST model's ${TEXTS.length} colour texts, outside the synthetic clusters, each timed ${Math.max(runs, 5)} times.`);
  }
  out.push('', `Server process RSS after the exact and HNSW runs: ${rssMiB.toFixed(0)} MiB (bench and server share the process).`);
  console.log(out.join('\n'));
} finally {
  await rm(dataDir, { recursive: true, force: true });
  await rm(modelsDir, { recursive: true, force: true });
  await rm(filesDir, { recursive: true, force: true });
}

/**
 * CONVERT through pg against raw ORT, alternating, `convertRuns` times per variant (the server and
 * client of this script): at the default worker count (issue 8's bar), then fp32 at one worker
 * × one thread, where a core is left free for decoding (whether decoding hides behind inference).
 */
async function benchConvert() {
  await ensureBenchModel(benchModelDir, log);
  const paths = await writeBenchPhotos(dataDir, 'bench-photos', convertImages);
  await client.query('CREATE TABLE bench_photos (image_path text)');
  await client.query(`INSERT INTO bench_photos SELECT unnest($1::text[])`, [paths]);
  const loads = [];
  results.decode = await decodeMsPerImage(dataDir, paths);
  const lines = [{ workers: defaultClipWorkers(), variants: ['fp32', 'quantized'] }, { workers: 1, variants: ['fp32'] }];
  for (const line of lines) {
    if (line.workers !== defaultClipWorkers()) {
      // The engine threads read THANOSQL_CLIP_WORKERS as they start, so the server restarts.
      await stop();
      process.env[CLIP_WORKERS_ENV] = String(line.workers);
      await start();
    }
    try {
      await client.query("SET thanosql.convert_result = 'summary'");
      for (const variant of line.variants) await benchConvertLine(variant, line.workers, loads);
    } finally {
      delete process.env[CLIP_WORKERS_ENV];
    }
  }
  results.convertLoad = loads.join(', ');
}

/** One variant at `workers` CLIP workers × 1 thread against raw ORT with as many workers. */
async function benchConvertLine(variant, workers, loads) {
  const model = `bench_vit${variant === 'fp32' ? '' : '_q'}`;
  const warm = `warm_${model}_${workers}`;
  await client.query(`BUILD MODEL ${model} USING clipen OPTIONS(model_path='${benchModelDir}', variant='${variant}', overwrite=True)`);
  await client.query(`CREATE TABLE ${warm} AS SELECT image_path FROM bench_photos LIMIT ${CONVERT_BATCH * workers}`);
  await timedConvert(client, model, warm, CONVERT_BATCH); // loads the model in every worker
  const raw = await rawOrt(join(benchModelDir, 'onnx', variant === 'fp32' ? 'vision_model.onnx' : 'vision_model_quantized.onnx'), workers, CONVERT_BATCH);
  const row = { workers, variant, raw: [], convert: [], rawCpu: [], convertCpu: [] };
  /** Seconds of `run()`, and the process's CPU ms per image meanwhile, split into the model's and the rest. */
  const timed = async (run) => {
    const before = cpuSnapshot();
    const seconds = await run();
    const { modelMs, outsideMs } = modelSplit(before, cpuSnapshot(), workers, convertImages);
    return { seconds, cpuMs: modelMs + outsideMs, modelMs, outsideMs };
  };
  try {
    for (let i = 0; i < convertRuns; i++) {
      const r = await timed(() => raw.run(convertImages));
      const c = await timed(() => timedConvert(client, model, 'bench_photos', CONVERT_BATCH));
      row.raw.push(convertImages / r.seconds);
      row.convert.push(convertImages / c.seconds);
      row.rawCpu.push(r);
      row.convertCpu.push(c);
      loads.push(loadavg()[0].toFixed(1));
      log(`convert ${variant} × ${workers} run ${i + 1}: raw ${row.raw[i].toFixed(2)} img/s (CPU ms/image ${r.modelMs.toFixed(1)} model + ${r.outsideMs.toFixed(1)}), ` +
        `CONVERT ${row.convert[i].toFixed(2)} img/s (${c.modelMs.toFixed(1)} model + ${c.outsideMs.toFixed(1)}), load ${loads.at(-1)}`);
    }
  } finally {
    await raw.close();
  }
  results.convert.set(`${variant}/${workers}`, row);
  if (workers === defaultClipWorkers()) {
    results.text.set(variant, await textTowerMs(benchModelDir, variant, TEXT_QUERY, runs));
    log(`text tower ${variant}: ${JSON.stringify(results.text.get(variant))}`);
  }
}
