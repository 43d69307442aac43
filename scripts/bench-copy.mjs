#!/usr/bin/env node
// Benchmarks loading and reading a large CSV, with real PostgreSQL 15 as the baseline in the
// same run (fsync off there, as in the oracle, while ours syncs each commit; BENCH_PG_DURABLE=1
// runs PostgreSQL with its default fsync / synchronous_commit / full_page_writes instead, the
// same durability as ours). Our server runs as its
// own process (`node dist/src/main.js`), as PostgreSQL's backend does, so the `pg` client here
// competes with neither server's threads for its event loop.
//   1. ThanoSQL `COPY t OPTIONS(overwrite=True) FROM "big.csv"` (reads the file twice: infer, load),
//      with the server's peak RSS growth — the file must load in bounded memory;
//   2. then RUNS rounds, each alternating the two servers step by step: `COPY s FROM STDIN
//      (FORMAT csv, HEADER)` of the same bytes through pg-copy-streams, a full-table aggregate,
//      and streaming every row (`SELECT * FROM s`) to a `pg` client.
// Each step prints wall time, the server's CPU time (ours: the whole server process; theirs:
// the session's backend, pg_backend_pid()) and the client's (this process: pg's row parsing). The ratios are ours/theirs in the same round; the
// machine's load average is printed with each round, as wall times on a shared machine move
// with it. Figures only, no assertions.
// Usage: npm run build && node scripts/bench-copy.mjs [MB=100] [RUNS=3]
//   BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" passes node flags to our server
//   (a profile of the server process; written when it stops).
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { pgAvailable, startPgCluster } from '../dist/test/harness/pg-cluster.js';
import { spawnThanosql, THANOSQL_DATABASE, THANOSQL_USER } from '../dist/test/harness/thanosql-server.js';

const targetMb = Number(process.argv[2] ?? 100);
const runs = Number(process.argv[3] ?? 3);
const BYTES_PER_MB = 1024 * 1024;
const RSS_SAMPLE_MS = 50;
const dataDir = await mkdtemp(join(tmpdir(), 'bench-copy-'));
const modelsDir = await mkdtemp(join(tmpdir(), 'bench-copy-models-'));
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

/** CPU milliseconds (user + system) a process has used so far, from /proc. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const TICKS_PER_SECOND = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

function rssBytes(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]) * 1024;
}

/** Wall, server CPU and client (this process) CPU milliseconds of `fn`. */
async function timed(serverPid, fn) {
  const cpu = cpuMs(serverPid);
  const client = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = await fn();
  const used = process.cpuUsage(client);
  return {
    ms: Number(process.hrtime.bigint() - start) / 1e6, cpu: cpuMs(serverPid) - cpu, client: (used.user + used.system) / 1000, result,
  };
}

async function copyFromStdin(client) {
  await client.query('DROP TABLE IF EXISTS s');
  await client.query('CREATE TABLE s (id int, name text, price float8, in_stock bool, created_at timestamp, note text)');
  const sink = client.query(copyStreams.from('COPY s FROM STDIN (FORMAT csv, HEADER)'));
  await pipeline(createReadStream(csvPath), sink);
}

async function streamAll(client) {
  let rows = 0;
  await new Promise((resolve, reject) => {
    const q = new pg.Query('SELECT * FROM s');
    q.on('row', () => rows++);
    q.on('end', resolve);
    q.on('error', reject);
    client.query(q);
  });
  return rows;
}

const STEPS = [
  ['COPY FROM STDIN', copyFromStdin],
  ['aggregate scan', (c) => c.query('SELECT count(*), sum(price), max(created_at) FROM s')],
  ['stream all rows', streamAll],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f0 = (x) => x.toFixed(0);

const rowCount = await writeCsv();
const size = (await stat(csvPath)).size / BYTES_PER_MB;
console.log(`CSV: ${size.toFixed(1)} MB, ${rowCount} rows; ${runs} rounds`);

const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
const server = await spawnThanosql(dataDir, modelsDir, serverNodeArgs);
const ours = new pg.Client({ host: '127.0.0.1', port: server.port, user: THANOSQL_USER, database: THANOSQL_DATABASE });
await ours.connect();
const oursPid = server.process.pid;
let cluster;
let theirs;
try {
  const baseRss = rssBytes(oursPid);
  let peak = baseRss;
  const sampler = setInterval(() => { peak = Math.max(peak, rssBytes(oursPid)); }, RSS_SAMPLE_MS);
  const thano = await timed(oursPid, () => ours.query('COPY t OPTIONS(overwrite=True) FROM "big.csv"'));
  clearInterval(sampler);
  console.log(`ThanoSQL COPY FROM file: ${f0(thano.ms)} ms (${(size / thano.ms * 1000).toFixed(1)} MB/s, ${thano.result.rowCount} rows),`
    + ` server peak RSS growth ${f0((peak - baseRss) / BYTES_PER_MB)} MB (counts LMDB's memory-mapped pages) for a ${size.toFixed(0)} MB file`);

  if (!pgAvailable()) throw new Error('PostgreSQL 15 is not installed: no baseline');
  const durable = process.env.BENCH_PG_DURABLE === '1';
  cluster = await startPgCluster({ durable });
  console.log(`PostgreSQL baseline: ${durable ? 'fsync, synchronous_commit and full_page_writes on (its defaults)' : 'fsync off (the oracle\'s settings)'}`);
  theirs = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, database: 'postgres' });
  await theirs.connect();
  const theirPid = (await theirs.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;

  const ratios = Object.fromEntries(STEPS.map(([name]) => [name, { wall: [], cpu: [] }]));
  for (let round = 1; round <= runs; round++) {
    console.log(`round ${round} (load average ${loadavg().map((l) => l.toFixed(1)).join(' ')})`);
    for (const [name, step] of STEPS) {
      const a = await timed(oursPid, () => step(ours));
      const b = await timed(theirPid, () => step(theirs));
      ratios[name].wall.push(a.ms / b.ms);
      ratios[name].cpu.push(a.cpu / Math.max(b.cpu, 1));
      console.log(`  ${name}: thanosql ${f0(a.ms)} ms (server CPU ${f0(a.cpu)}, client CPU ${f0(a.client)}),`
        + ` postgresql ${f0(b.ms)} ms (backend CPU ${f0(b.cpu)}, client CPU ${f0(b.client)}) → ratio ${(a.ms / b.ms).toFixed(2)}`);
    }
  }
  console.log('median ratio thanosql/postgresql over the rounds (lower is better; wall time, and server CPU time):');
  for (const [name, r] of Object.entries(ratios)) console.log(`  ${name}: wall ${median(r.wall).toFixed(2)}, CPU ${median(r.cpu).toFixed(2)}`);
} finally {
  await ours.end();
  await server.stop();
  await theirs?.end();
  await cluster?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(modelsDir, { recursive: true, force: true });
}
