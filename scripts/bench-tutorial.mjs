#!/usr/bin/env node
// Benchmarks the tutorial end to end through the wire (pg): CONVERT throughput (images/s) on
// the built-in sample data with the colour TEST model, and the latency of the tutorial's nested
// top-5 search (SELECT … FROM (SEARCH IMAGE …) ORDER BY sim DESC LIMIT 5). Figures only, no
// assertions. The TEST model is tiny, so images/s here measures decoding + preprocessing + the
// pool, not CLIP's vision tower.
// Usage: npm run build && node scripts/bench-tutorial.mjs [sample-images=540] [search-runs=20]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startServer } from '../dist/src/main.js';
import { makeSampleData, writeTestModel } from '../dist/src/tools/index.js';

const images = Number(process.argv[2] ?? 540);
const runs = Number(process.argv[3] ?? 20);
const dataDir = await mkdtemp(join(tmpdir(), 'bench-tutorial-data-'));
const modelsDir = await mkdtemp(join(tmpdir(), 'bench-tutorial-models-'));
await makeSampleData(dataDir, images);
await writeTestModel(join(modelsDir, 'test-clip'));
const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir, log: () => {} });
const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
client.on('notice', () => {});
await client.connect();

const time = async (sql) => {
  const start = process.hrtime.bigint();
  const res = await client.query(sql);
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, rows: res.rows.length };
};
const convert = (batch) => `CONVERT USING tutorial_search_clip OPTIONS (image_col="image_path", table_name="unsplash_data", batch_size=${batch}) AS SELECT * FROM unsplash_data`;
const top5 = `SELECT image_path, tutorial_search_clip_clipen_similarity1 FROM (
  SEARCH IMAGE text="a black cat" USING tutorial_search_clip AS SELECT * FROM unsplash_data)
ORDER BY tutorial_search_clip_clipen_similarity1 DESC LIMIT 5`;

try {
  await client.query("BUILD MODEL tutorial_search_clip USING clipen OPTIONS(model_path='test-clip', overwrite=True)");
  await client.query('COPY unsplash_data OPTIONS(overwrite=True) FROM "tutorial_data/unsplash_data/unsplash.csv"');
  const cold = await time(convert(16));
  console.log(`CONVERT ${images} images, cold pool, batch_size=16: ${cold.ms.toFixed(0)} ms (${(images / cold.ms * 1000).toFixed(1)} images/s)`);
  for (const batch of [16, 128]) {
    const warm = await time(convert(batch));
    console.log(`CONVERT ${images} images, warm pool, batch_size=${batch}: ${warm.ms.toFixed(0)} ms (${(images / warm.ms * 1000).toFixed(1)} images/s)`);
  }
  const latencies = [];
  for (let i = 0; i < runs; i++) latencies.push((await time(top5)).ms);
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(`nested top-5 SEARCH over ${images} rows, ${runs} runs: median ${pct(0.5)} ms, p90 ${pct(0.9)} ms, min ${latencies[0].toFixed(1)} ms`);
} finally {
  await client.end();
  await server.close();
  await rm(dataDir, { recursive: true, force: true });
  await rm(modelsDir, { recursive: true, force: true });
}
