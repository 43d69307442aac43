#!/usr/bin/env node
// Benchmarks loading and scanning a large CSV, with real PostgreSQL 15 as the baseline in the
// same run (fsync off there, as in the oracle; ours syncs each commit):
//   1. ThanoSQL `COPY t OPTIONS(overwrite=True) FROM "big.csv"` (reads the file twice: infer, load),
//      with the server's peak RSS growth — the file must load in bounded memory;
//   2. `COPY t FROM STDIN (FORMAT csv, HEADER)` of the same bytes through pg-copy-streams, on
//      both servers;
//   3. a full-table aggregate, and streaming every row to a `pg` client, on both servers.
// Figures only, no assertions. Usage: npm run build && node scripts/bench-copy.mjs [MB=100]
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { startServer } from '../dist/src/main.js';
import { pgAvailable, startPgCluster } from '../dist/test/harness/pg-cluster.js';

const targetMb = Number(process.argv[2] ?? 100);
const BYTES_PER_MB = 1024 * 1024;
const dataDir = await mkdtemp(join(tmpdir(), 'bench-copy-'));
const csvPath = join(dataDir, 'big.csv');

/** Writes a CSV of mixed column types until it reaches `targetMb`. */
async function writeCsv() {
  const out = createWriteStream(csvPath);
  out.write('id,name,price,in_stock,created_at,note\n');
  let bytes = 0;
  let id = 0;
  while (bytes < targetMb * BYTES_PER_MB) {
    let chunk = '';
    for (let i = 0; i < 1000; i++, id++) {
      const day = String(1 + (id % 28)).padStart(2, '0');
      chunk += `${id},item ${id},${(id % 997) / 7},${id % 3 === 0},2024-01-${day} 10:${String(id % 60).padStart(2, '0')}:00,"note, ""quoted"" ${id % 101}"\n`;
    }
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  return id;
}

const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
async function timed(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { ms: ms(start), result };
}

async function copyFromStdin(client) {
  await client.query('DROP TABLE IF EXISTS s');
  await client.query('CREATE TABLE s (id int, name text, price float8, in_stock bool, created_at timestamp, note text)');
  const sink = client.query(copyStreams.from('COPY s FROM STDIN (FORMAT csv, HEADER)'));
  await pipeline(createReadStream(csvPath), sink);
}

async function streamAll(client, table) {
  let rows = 0;
  const cursorless = new Promise((resolve, reject) => {
    const q = new pg.Query(`SELECT * FROM ${table}`);
    q.on('row', () => rows++);
    q.on('end', resolve);
    q.on('error', reject);
    client.query(q);
  });
  await cursorless;
  return rows;
}

async function suite(label, client, extra) {
  const lines = [];
  const copy = await timed(() => copyFromStdin(client));
  lines.push(`COPY FROM STDIN: ${copy.ms.toFixed(0)} ms`);
  const agg = await timed(() => client.query('SELECT count(*), sum(price), max(created_at) FROM s'));
  lines.push(`aggregate scan: ${agg.ms.toFixed(0)} ms`);
  const all = await timed(() => streamAll(client, 's'));
  lines.push(`stream all rows: ${all.ms.toFixed(0)} ms (${all.result} rows)`);
  if (extra) lines.unshift(...(await extra()));
  return { label, copy: copy.ms, agg: agg.ms, stream: all.ms, lines };
}

const rowCount = await writeCsv();
const size = (await stat(csvPath)).size / BYTES_PER_MB;
console.log(`CSV: ${size.toFixed(1)} MB, ${rowCount} rows`);

const server = await startServer({ host: '127.0.0.1', port: 0, httpPort: 0, dataDir, modelsDir: dataDir, log: () => {} });
const ours = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
await ours.connect();
const results = [];
try {
  results.push(await suite('thanosql', ours, async () => {
    const baseRss = process.memoryUsage().rss;
    const baseHeap = process.memoryUsage().heapUsed;
    let peak = baseRss;
    let peakHeap = baseHeap;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const thano = await timed(() => ours.query('COPY t OPTIONS(overwrite=True) FROM "big.csv"'));
    clearInterval(sampler);
    return [
      `ThanoSQL COPY FROM file: ${thano.ms.toFixed(0)} ms (${(size / thano.ms * 1000).toFixed(1)} MB/s, ${thano.result.rowCount} rows)`,
      `  peak growth during it: JS heap ${((peakHeap - baseHeap) / BYTES_PER_MB).toFixed(0)} MB, RSS ${((peak - baseRss) / BYTES_PER_MB).toFixed(0)} MB`
        + ` (RSS counts LMDB's memory-mapped pages) for a ${size.toFixed(0)} MB file`,
    ];
  }));
} finally {
  await ours.end();
  await server.close();
}

if (pgAvailable()) {
  const cluster = await startPgCluster();
  const theirs = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, database: 'postgres' });
  await theirs.connect();
  try {
    results.push(await suite('postgresql 15', theirs));
  } finally {
    await theirs.end();
    await cluster.stop();
  }
}

for (const r of results) console.log(`${r.label}\n  ${r.lines.join('\n  ')}`);
if (results.length === 2) {
  const [a, b] = results;
  console.log(`ratio thanosql/postgresql (lower is better): COPY ${(a.copy / b.copy).toFixed(2)}, aggregate ${(a.agg / b.agg).toFixed(2)}, stream ${(a.stream / b.stream).toFixed(2)}`);
}
await rm(dataDir, { recursive: true, force: true });
