#!/usr/bin/env node
// COPY FROM STDIN of bench-copy's CSV shape (256,000 rows, ~20 MB) against two builds' servers
// running at once, alternating which goes first each round, so that both see the same machine
// load; prints each round and the medians of the server process's CPU time and of the wall time.
// For a before/after of a change on a shared machine, where bench-copy's wall ratios move 2× with
// the load. Figures only, no assertions.
// Usage: node scripts/bench-copy-side-by-side.mjs <before dist dir> <after dist dir> [ROUNDS=9]
//   (a build of main elsewhere: git archive main | tar -x -C DIR; link node_modules; npx tsc -p tsconfig.json)
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';

const ROWS = 256_000;
const TICKS_PER_SECOND = 100;
const rounds = Number(process.argv[4] ?? 9);
const builds = { before: resolve(process.argv[2]), after: resolve(process.argv[3]) };

/** CPU milliseconds (user + system) a process has used so far, from /proc. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** bench-copy.mjs's rows: int, text, float8, bool, timestamp, a quoted text with doubled quotes. */
async function writeCsv(path) {
  const out = createWriteStream(path);
  out.write('id,name,price,in_stock,created_at,note\n');
  for (let id = 0; id < ROWS;) {
    let chunk = '';
    for (let i = 0; i < 1000; i++, id++) {
      const day = String(1 + (id % 28)).padStart(2, '0');
      chunk += `${id},item ${id},${(id % 997) / 7},${id % 3 === 0},2024-01-${day} 10:${String(id % 60).padStart(2, '0')}:00,"note, ""quoted"" ${id % 101}"\n`;
    }
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

const dirs = [];
const tempDir = async (prefix) => {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
};
const csvPath = join(await tempDir('copy-side-'), 'big.csv');
await writeCsv(csvPath);

const servers = {};
try {
  for (const [name, dist] of Object.entries(builds)) {
    const harness = await import(join(dist, 'test/harness/thanosql-server.js'));
    const dataDir = await tempDir(`copy-side-${name}-`);
    const server = await harness.spawnThanosql(dataDir, dataDir);
    const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: harness.THANOSQL_USER, database: harness.THANOSQL_DATABASE });
    servers[name] = { server, client, cpu: [], wall: [] };
    await client.connect();
  }
  for (let round = 1; round <= rounds; round++) {
    for (const name of round % 2 ? ['before', 'after'] : ['after', 'before']) {
      const { server, client, cpu, wall } = servers[name];
      await client.query('DROP TABLE IF EXISTS s');
      await client.query('CREATE TABLE s (id int, name text, price float8, in_stock bool, created_at timestamp, note text)');
      const cpuStart = cpuMs(server.process.pid);
      const start = performance.now();
      await pipeline(createReadStream(csvPath), client.query(copyStreams.from('COPY s FROM STDIN (FORMAT csv, HEADER)')));
      wall.push(performance.now() - start);
      cpu.push(cpuMs(server.process.pid) - cpuStart);
    }
    const last = (name) => `${name} CPU ${servers[name].cpu.at(-1)} ms, wall ${servers[name].wall.at(-1).toFixed(0)} ms`;
    console.log(`round ${round} (load average ${loadavg()[0].toFixed(1)}): ${last('before')} | ${last('after')}`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const [name, { cpu, wall }] of Object.entries(servers)) {
    console.log(`${name}: median server CPU ${median(cpu)} ms (${Math.min(...cpu)}–${Math.max(...cpu)}), median wall ${median(wall).toFixed(0)} ms`);
  }
} finally {
  for (const { client, server } of Object.values(servers)) {
    await client.end();
    await server.stop();
  }
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
}
