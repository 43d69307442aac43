#!/usr/bin/env node
// Where a CONVERT's CPU goes, thread by thread (issue 8): runs `npm run bench`'s CONVERT (the
// BENCHMARK model, 1080×720 JPEGs, batch 16, through `pg`) and raw ONNX Runtime alternately in this
// process and prints, per run, each thread's CPU ms per image read from /proc/self/task/*/stat
// (Linux only), grouped by when the thread appeared: the process's own threads (main, V8, libuv
// pool — sharp's decoding runs there), the engine and vector threads (server start), the CLIP
// workers and their decode threads (the first CONVERT). The threads that ran the model are the
// ones near raw ORT's per-image CPU; everything else is outside the model. Figures only.
// Usage: npm run build && node scripts/profile-convert.mjs [--images=64] [--runs=3]
//   [--variant=fp32|quantized] [--workers=2] [--bench-model=<dir>]
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../dist/src/main.js';
import { ensureBenchModel, rawOrt, timedConvert, writeBenchPhotos } from './lib/bench-convert.mjs';
import { cpuSnapshot, threadCpu, threadDeltas } from './lib/thread-cpu.mjs';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const images = Number(arg('images', '64'));
const runs = Number(arg('runs', '3'));
const variant = arg('variant', 'fp32');
const workers = Number(arg('workers', '2'));
const benchModelDir = arg('bench-model', join(tmpdir(), 'thanosql-bench-vit-b-32'));
const BATCH = 16;
const log = (line) => process.stderr.write(`${line}\n`);
const born = new Map();
const mark = (phase) => { for (const tid of threadCpu().keys()) if (!born.has(tid)) born.set(tid, phase); };

/** Per-thread CPU ms per image over `run()`, the wall seconds, and the run's result. */
async function measured(run) {
  const before = cpuSnapshot();
  const t = performance.now();
  await run();
  const seconds = (performance.now() - t) / 1000;
  const threads = threadDeltas(before.threads, threadCpu()).map(({ tid, ms }) => ({ tid, phase: born.get(tid) ?? 'during', ms: ms / images }));
  // The process's total keeps the CPU of threads that ended meanwhile (libvips ends some).
  return { seconds, threads, total: (cpuSnapshot().processMs - before.processMs) / images };
}

// The server's CLIP workers (ClipPool.defaultWorkers), read by its engine threads as they start.
process.env.THANOSQL_CLIP_WORKERS = String(workers);
const dataDir = await mkdtemp(join(tmpdir(), 'profile-convert-data-'));
const modelsDir = await mkdtemp(join(tmpdir(), 'profile-convert-models-'));
mark('process');
const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir, allowAbsolutePaths: true, log: () => {} });
const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
client.on('notice', () => {});
try {
  await client.connect();
  mark('server');
  await ensureBenchModel(benchModelDir, log);
  const paths = await writeBenchPhotos(dataDir, 'photos', images);
  await client.query('CREATE TABLE photos (image_path text)');
  await client.query('INSERT INTO photos SELECT unnest($1::text[])', [paths]);
  await client.query("SET thanosql.convert_result = 'summary'");
  await client.query(`BUILD MODEL m USING clipen OPTIONS(model_path='${benchModelDir}', variant='${variant}', overwrite=True)`);
  await timedConvert(client, 'm', 'photos', BATCH); // loads the model in every worker
  mark('clip');
  const raw = await rawOrt(join(benchModelDir, 'onnx', variant === 'fp32' ? 'vision_model.onnx' : 'vision_model_quantized.onnx'), workers, BATCH);
  mark('raw');
  try {
    for (let i = 0; i < runs; i++) {
      for (const [name, run] of [['raw ORT', () => raw.run(images)], ['CONVERT', () => timedConvert(client, 'm', 'photos', BATCH)]]) {
        const m = await measured(run);
        const byPhase = new Map();
        for (const x of m.threads) byPhase.set(x.phase, (byPhase.get(x.phase) ?? 0) + x.ms);
        log(`${name} run ${i + 1}: ${(images / m.seconds).toFixed(2)} img/s, ${m.total.toFixed(1)} CPU ms/image, load ${loadavg()[0].toFixed(1)}`);
        log(`  by phase born: ${[...byPhase].map(([p, ms]) => `${p} ${ms.toFixed(1)}`).join(', ')}`);
        const model = m.threads.slice(0, workers).reduce((s, x) => s + x.ms, 0);
        log(`  model (the ${workers} busiest threads) ${model.toFixed(1)}, outside it ${(m.total - model).toFixed(1)} CPU ms/image`);
        log(`  threads (ms/image): ${m.threads.filter((x) => x.ms >= 0.05).map((x) => `${x.phase}:${x.tid} ${x.ms.toFixed(2)}`).join(', ')}`);
      }
    }
  } finally {
    await raw.close();
  }
} finally {
  await client.end();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(modelsDir, { recursive: true, force: true });
}
