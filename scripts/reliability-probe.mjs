#!/usr/bin/env node
// Reliability figures for the README (issue 7), through `pg` against a fresh server running as a
// child process (so its CPU is measured apart from the clients', and a crash is seen as one):
//  1. For each of the nasty statements, run it in one session while a probe session
//     sends `SELECT 1` every 20 ms; report the probe's p50/p99/max latency, how the statement
//     ended (SQLSTATE), and how long its CancelRequest took to land (cancel sent after 1 s).
//  2. 100 clients each run a mixed workload (point query, small aggregate, insert) for N seconds;
//     report operations/s, p50/p99, the server's CPU use (/proc: user+sys / wall; > 1 = both cores),
//     and how many INSERTs lost a first-committer-wins race (40001: all insert into one table).
// Figures only, no assertions. Usage: npm run build && node scripts/reliability-probe.mjs [seconds=10] [clients=100]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import pg from 'pg';
import { startChildServer } from './lib/child-server.mjs';

const seconds = Number(process.argv[2] ?? 10);
const clientCount = Number(process.argv[3] ?? 100);
const dir = await mkdtemp(join(tmpdir(), 'reliability-'));
const startChild = () => startChildServer({ dataDir: join(dir, 'data'), modelsDir: join(dir, 'models') });

let server = await startChild();

const NASTY = [
  ["lpad 1e9", "SELECT length(lpad('x', 1000000000, 'ab'))"],
  ["repeat 1e9", "SELECT length(repeat('x', 1000000000))"],
  ['generate_series 1e9 LIMIT 5', 'SELECT generate_series(1, 1000000000) LIMIT 5'],
  ['LIKE backtracking', "SELECT repeat('a', 3000) LIKE '%a%a%a%a%b'"],
  ['regex backtracking', "SELECT repeat('a', 34) || '!' ~ '^(a+)+$'"],
  ['100,000 nested parentheses', `SELECT ${'('.repeat(100000)}1${')'.repeat(100000)}`],
  ['IN with 1,000,000 literals', `SELECT 1 WHERE 1 IN (${Array.from({ length: 1_000_000 }, (_, i) => i + 2).join(',')})`],
  ['VALUES with 200,000 rows', `SELECT count(*) FROM (VALUES ${Array.from({ length: 200_000 }, (_, i) => `(${i})`).join(',')}) v(x)`],
  ['cross join count 1e10', 'SELECT count(*) FROM generate_series(1, 100000) a, generate_series(1, 100000) b'],
  ['5,000 UNIONs', Array.from({ length: 5001 }, (_, i) => `SELECT ${i}`).join(' UNION ')],
  ['100,000-deep jsonb', `SELECT '${'['.repeat(100000)}${']'.repeat(100000)}'::jsonb`],
  ['chr(1114112)', 'SELECT chr(1114112)'],
];

const newClient = async () => {
  const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  c.on('error', () => {});
  await c.connect();
  return c;
};
const pct = (xs, p) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]);
const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

function sendCancel(c) {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1', () => {
      const msg = Buffer.alloc(16);
      msg.writeInt32BE(16, 0);
      msg.writeInt32BE(80877102, 4);
      msg.writeInt32BE(c.processID, 8);
      msg.writeInt32BE(c.secretKey, 12);
      socket.end(msg);
    });
    socket.on('close', resolve);
    socket.on('error', resolve);
  });
}

try {
  console.log(`| statement | outcome | total ms | cancel landed after ms | probe p50 | probe p99 | probe max | probes |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  for (const [name, sql] of NASTY) {
    const busy = await newClient();
    const probe = await newClient();
    const latencies = [];
    let done = false;
    const started = Date.now();
    let cancelAt = 0;
    const run = busy.query(sql).then(() => 'ok', (e) => e.code ?? e.message).finally(() => { done = true; });
    const cancelTimer = setTimeout(() => { cancelAt = Date.now(); void sendCancel(busy); }, 1000);
    while (!done) {
      const t = performance.now();
      await probe.query('SELECT 1');
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
    clearTimeout(cancelTimer);
    let outcome = await run;
    const ended = Date.now();
    if (!server.alive()) {
      outcome = `SERVER DIED (${server.child.exitCode ?? server.child.signalCode})`;
      server = await startChild();
    }
    console.log(`| ${name} | ${outcome} | ${ended - started} | ${cancelAt ? ended - cancelAt : '(ended before)'} | ${f(pct(latencies, 0.5))} | ${f(pct(latencies, 0.99))} | ${f(Math.max(...latencies))} | ${latencies.length} |`);
    await busy.end().catch(() => {});
    await probe.end().catch(() => {});
  }

  const setup = await newClient();
  await setup.query('CREATE TABLE load (id int, v text)');
  await setup.query("INSERT INTO load SELECT g, 'row ' || g FROM generate_series(1, 10000) g");
  await setup.end();
  const clients = await Promise.all(Array.from({ length: clientCount }, newClient));
  const latencies = [];
  let ops = 0;
  let conflicts = 0;
  const cpu0 = server.cpuSeconds();
  const wall0 = performance.now();
  const until = Date.now() + seconds * 1000;
  await Promise.all(clients.map(async (c, i) => {
    for (let n = 0; Date.now() < until; n++) {
      const t = performance.now();
      if (n % 3 === 0) await c.query('SELECT v FROM load WHERE id = $1', [(i * 97 + n) % 10000]);
      else if (n % 3 === 1) await c.query('SELECT count(*), max(id) FROM load WHERE id < $1', [(n * 31) % 10000]);
      // Concurrent writers to one table: first committer wins, the others get 40001 (counted, not fatal).
      else await c.query('INSERT INTO load VALUES ($1, $2)', [100000 + i * 100000 + n, 'x']).catch((err) => {
        if (err.code !== '40001') throw err;
        conflicts++;
      });
      latencies.push(performance.now() - t);
      ops++;
    }
  }));
  const wall = (performance.now() - wall0) / 1000;
  const cpu = server.cpuSeconds() - cpu0;
  console.log(`\n${clientCount} clients, ${seconds} s: ${(ops / wall).toFixed(0)} operations/s, p50 ${f(pct(latencies, 0.5))} ms, `
    + `p99 ${f(pct(latencies, 0.99))} ms; server CPU ${(cpu / wall).toFixed(2)} cores; ${conflicts} INSERTs answered 40001 (first committer wins)`);
  await Promise.all(clients.map((c) => c.end()));
} finally {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
}
