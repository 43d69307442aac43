#!/usr/bin/env node
// Benchmarks the nested top-5 SEARCH (SELECT … FROM (SEARCH IMAGE …) ORDER BY sim DESC LIMIT 5)
// over synthetic tables with the `search_top_k` rule on (workers scan LMDB, a heap each) and off
// (main-thread scoring + TopN), in the same run, through the wire (pg) with the colour TEST model
// written at each table's width (`writeTestModel(dir, { dim })`: 32-d, and 512-d = CLIP ViT-B/32's
// width, same rankings). Every width runs the SQL end to end; 512-d tables also compare the two
// scans directly: the vector workers scoring their cached rows (VectorPool 'scanTopK') against the main thread
// decoding and scoring every row (the path the old plan takes). Figures only, no assertions.
// Usage: npm run build && node scripts/bench-search.mjs [runs=15] [rows=25000,100000] [dims=32,512]
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../dist/src/main.js';
import { dotScores } from '../dist/src/ml/index.js';
import { VectorPool } from '../dist/src/ml/inference/pool/vector-pool.js';
import { packScanGroups } from '../dist/src/ml/inference/worker/packed-scan-groups.js';
import { writeTestModel } from '../dist/src/tools/index.js';
import { openStore } from '../dist/src/storage/index.js';

const runs = Number(process.argv[2] ?? 15);
const sizes = (process.argv[3] ?? '25000,100000').split(',').map(Number);
const dims = (process.argv[4] ?? '32,512').split(',').map(Number);
const dataDir = await mkdtemp(join(tmpdir(), 'bench-search-data-'));
const modelsDir = await mkdtemp(join(tmpdir(), 'bench-search-models-'));
for (const dim of dims) await writeTestModel(join(modelsDir, `test-clip-${dim}`), { dim });
const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir, log: () => {} });
const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
client.on('notice', () => {});
await client.connect();

/** One model per width: the 32-d one keeps the tutorial's name. */
const modelName = (dim) => (dim === 32 ? 'tutorial_search_clip' : `search_clip_${dim}`);
const embColumn = (dim) => `${modelName(dim)}_clipen`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const timed = async (fn) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const fill = (table, rows, dim) => `INSERT INTO ${table} SELECT i, 'img/' || i || '.jpg', ARRAY[${
  Array.from({ length: dim }, (_, j) => `(((i % 997) * ${7 * j + 3} + ${j * j}) % 41 - 20)`).join(', ')}]::real[]
  FROM generate_series(0, ${rows - 1}) AS i`;
const top5 = (table, dim) => `SELECT image_path, ${embColumn(dim)}_similarity1 FROM (
  SEARCH IMAGE text="a black cat" USING ${modelName(dim)} AS SELECT * FROM ${table})
ORDER BY ${embColumn(dim)}_similarity1 DESC LIMIT 5`;

/** The old plan's work for one query over a 512-d table, on the main thread: decode, normalise, score, top-k. */
function mainThreadTopK(store, table, columnId, query, dim) {
  const heap = [];
  for (const batch of store.scan(table, [columnId])) {
    const values = batch.columns[0];
    const n = values.length;
    const m = new Float32Array(n * dim);
    for (let r = 0; r < n; r++) {
      const v = values[r];
      let norm = 0;
      for (let k = 0; k < dim; k++) norm += v[k] * v[k];
      const s = 1 / Math.sqrt(norm);
      for (let k = 0; k < dim; k++) m[r * dim + k] = v[k] * s;
    }
    const scores = dotScores(query, 1, m, n, dim);
    heap.push(...[...scores].map((score, index) => ({ index, score })).sort((a, b) => b.score - a.score).slice(0, 5));
  }
  return heap.sort((a, b) => b.score - a.score).slice(0, 5);
}

try {
  for (const dim of dims) {
    await client.query(`BUILD MODEL ${modelName(dim)} USING clipen OPTIONS(model_path='test-clip-${dim}', overwrite=True)`);
  }
  for (const dim of dims) {
    const EMB = embColumn(dim);
    for (const rows of sizes) {
      const table = `bench_${dim}_${rows}`;
      await client.query(`CREATE TABLE ${table} (id int, image_path text, ${EMB} real[])`);
      const fillMs = await timed(() => client.query(fill(table, rows, dim)));
      {
        const sql = top5(table, dim);
        await client.query(sql); // warm: pool start, text embedding cache
        // The rule alone first: interleaved with the old plan, each of its runs follows one that
        // decoded the whole table on the engine thread (its garbage is collected in ours).
        const alone = [];
        for (let i = 0; i < runs; i++) alone.push(await timed(() => client.query(sql)));
        const on = [];
        const off = [];
        for (let i = 0; i < runs; i++) {
          await client.query("SET thanosql.disabled_optimizers = ''");
          on.push(await timed(() => client.query(sql)));
          await client.query("SET thanosql.disabled_optimizers = 'search_top_k'");
          off.push(await timed(() => client.query(sql)));
        }
        await client.query("SET thanosql.disabled_optimizers = ''");
        console.log(`${rows} rows × ${dim}-d (filled in ${(fillMs / 1000).toFixed(1)} s): nested top-5 SEARCH median ` +
          `rule on ${median(alone).toFixed(1)} ms alone; interleaved: on ${median(on).toFixed(1)} ms, off ${median(off).toFixed(1)} ms ` +
          `(${runs} runs each, load ${loadavg()[0].toFixed(1)})`);
      }
      if (dim === 32) continue;
      const storeDir = join(dataDir, 'store');
      const store = openStore(storeDir, { readOnly: true });
      const snapshot = store.snapshot();
      const t = snapshot.tables.get(table);
      const columnId = t.columns.find((c) => c.name === EMB).id;
      const query = new Float32Array(dim).fill(1 / Math.sqrt(dim));
      // The vector workers as SearchTopK drives them (each row group to the worker that owns it).
      const pool = VectorPool.open({ workers: cpus().length });
      const byWorker = new Map();
      t.rowGroups.forEach((g, ordinal) => {
        const w = pool.workerOf(g.id);
        byWorker.set(w, [...(byWorker.get(w) ?? []), { id: g.id, ordinal, rowCount: g.rowCount, hasColumn: true }]);
      });
      const tasks = [...byWorker].map(([worker, groups]) => ({ storeDir, worker, tableId: t.id, columnId, groups: packScanGroups(groups), query, k: 5 }));
      await pool.run('scanTopK', tasks);
      const workers = [];
      const main = [];
      for (let i = 0; i < runs; i++) {
        workers.push(await timed(() => pool.run('scanTopK', tasks.map((task) => ({ ...task, query: Float32Array.from(query) })))));
        main.push(await timed(async () => mainThreadTopK(store, t, columnId, query, dim)));
      }
      await pool.close();
      await store.close();
      console.log(`${rows} rows × ${dim}-d (filled in ${(fillMs / 1000).toFixed(1)} s): top-5 scan median ` +
        `(scan only) ${pool.workers} workers from their caches ${median(workers).toFixed(1)} ms, main thread decode+score ${median(main).toFixed(1)} ms (${runs} runs each)`);
    }
  }
} finally {
  await client.end();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(modelsDir, { recursive: true, force: true });
}
