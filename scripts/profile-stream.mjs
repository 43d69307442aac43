#!/usr/bin/env node
// Streams `SELECT * FROM s` (bench-copy.mjs's 256,000-row table at 20 MB) to a `pg` client from
// our server running as its own process, for profiling and for comparing builds on a shared
// machine: each server given with --server=PATH/main.js (default: this checkout's dist) gets
// the same data directory, and the rounds alternate between them so that both see the same
// load. Prints per round wall, server CPU and client CPU, then the medians; no assertions.
// --prof=DIR runs the servers under `node --cpu-prof --cpu-prof-dir=DIR` (every thread writes
// its profile at exit; summarise with scripts/profile-summary.mjs).
// Usage: npm run build && node scripts/profile-stream.mjs [--mb=20] [--rounds=5] [--server=A/main.js --server=B/main.js] [--prof=DIR]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { freePort } from '../dist/test/harness/free-port.js';
import { MAIN_JS, THANOSQL_DATABASE, THANOSQL_USER } from '../dist/test/harness/thanosql-server.js';

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const servers = process.argv.filter((a) => a.startsWith('--server=')).map((a) => a.slice('--server='.length));
if (servers.length === 0) servers.push(MAIN_JS);
const targetMb = Number(arg('mb', '20'));
const rounds = Number(arg('rounds', '5'));
const profDir = arg('prof', '');
const SQL = arg('sql', 'SELECT * FROM s');
const BYTES_PER_MB = 1024 * 1024;
const TICKS_PER_SECOND = 100;

/** bench-copy.mjs's CSV rows, generated in memory. */
function* csvChunks() {
  yield 'id,name,price,in_stock,created_at,note\n';
  let bytes = 0;
  for (let id = 0; bytes < targetMb * BYTES_PER_MB;) {
    let chunk = '';
    for (let i = 0; i < 1000; i++, id++) {
      const day = String(1 + (id % 28)).padStart(2, '0');
      chunk += `${id},item ${id},${(id % 997) / 7},${id % 3 === 0},2024-01-${day} 10:${String(id % 60).padStart(2, '0')}:00,"note, ""quoted"" ${id % 101}"\n`;
    }
    bytes += Buffer.byteLength(chunk);
    yield chunk;
  }
}

function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function start(mainJs, dataDir, modelsDir, profile = false) {
  const port = await freePort();
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, mainJs, '--host', '127.0.0.1', '--port', String(port),
    '--data-dir', dataDir, '--models-dir', modelsDir, '--http-port', '0'], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; ; i++) {
    const client = new pg.Client({ host: '127.0.0.1', port, user: THANOSQL_USER, database: THANOSQL_DATABASE });
    try {
      await client.connect();
      return { child, client };
    } catch (err) {
      if (i > 300) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function stop({ child, client }) {
  await client.end();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

async function stream(client) {
  let rows = 0;
  await new Promise((resolve, reject) => {
    const q = new pg.Query(SQL);
    q.on('row', () => rows++);
    q.on('end', resolve);
    q.on('error', reject);
    client.query(q);
  });
  return rows;
}

const dirs = await Promise.all(servers.map(() => mkdtemp(join(tmpdir(), 'profile-stream-'))));
const modelsDir = await mkdtemp(join(tmpdir(), 'profile-stream-models-'));
const running = [];
try {
  for (let i = 0; i < servers.length; i++) {
    let s = await start(servers[i], dirs[i], modelsDir);
    await s.client.query('CREATE TABLE s (id int, name text, price float8, in_stock bool, created_at timestamp, note text)');
    await pipeline(Readable.from(csvChunks()), s.client.query(copyStreams.from('COPY s FROM STDIN (FORMAT csv, HEADER)')));
    if (profDir) {
      // The profile holds only the streams: the load ran in a server without it.
      await stop(s);
      s = await start(servers[i], dirs[i], modelsDir, true);
    }
    running.push(s);
    await stream(s.client); // warm-up
  }
  const results = servers.map(() => ({ wall: [], cpu: [], client: [] }));
  for (let round = 1; round <= rounds; round++) {
    const line = [];
    for (let i = 0; i < servers.length; i++) {
      const { child, client } = running[i];
      const cpu0 = cpuMs(child.pid);
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const rows = await stream(client);
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const c = process.cpuUsage(c0);
      const r = { wall, cpu: cpuMs(child.pid) - cpu0, client: (c.user + c.system) / 1000 };
      for (const k of Object.keys(r)) results[i][k].push(r[k]);
      line.push(`#${i}: ${rows} rows ${r.wall.toFixed(0)} ms, server CPU ${r.cpu.toFixed(0)}, client CPU ${r.client.toFixed(0)}`);
    }
    console.log(`round ${round} (load ${loadavg().map((l) => l.toFixed(1)).join(' ')}): ${line.join('; ')}`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  servers.forEach((s, i) => console.log(`#${i} ${s}: median wall ${median(results[i].wall).toFixed(0)} ms, server CPU ${median(results[i].cpu).toFixed(0)} ms, client CPU ${median(results[i].client).toFixed(0)} ms`));
} finally {
  for (const s of running) await stop(s);
  for (const d of [...dirs, modelsDir]) await rm(d, { recursive: true, force: true });
}
