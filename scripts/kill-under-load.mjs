#!/usr/bin/env node
// kill -9 under load (issue 7): N writers run acknowledged transactions against a child-process
// server — multi-row INSERTs, INSERT … SELECT, multi-statement transactions (rows plus a ledger
// row), COPY FROM STDIN (several row groups), COPY from a file and CONVERT with the TEST model,
// and inserts into one shared table (first committer wins: some get 40001) — while the server is
// SIGKILLed at random moments and restarted. After every restart it checks that nothing
// acknowledged was lost, that whatever was in flight at the kill is all there or not at all
// (never half: a transaction's rows and its ledger row together, a COPY whole, a CONVERT's
// column with every embedding or no column), that what failed with an error left nothing, and
// that no row appeared that nobody wrote.
// Usage: npm run build && node scripts/kill-under-load.mjs [--kills 30] [--writers 8] [--seed N] [--min-ms 300] [--max-ms 3000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { makeSampleData, writeTestModel } from '../dist/src/tools/index.js';
import { startChildServer } from './lib/child-server.mjs';
import { makeRng, rngTools } from './lib/rng.mjs';

const { values: opts } = parseArgs({
  options: {
    kills: { type: 'string', default: '30' },
    writers: { type: 'string', default: '8' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
    'min-ms': { type: 'string', default: '300' },
    'max-ms': { type: 'string', default: '3000' },
  },
});
const KILLS = Number(opts.kills);
const WRITERS = Number(opts.writers);
const SEED = Number(opts.seed);
const MIN_MS = Number(opts['min-ms']);
const MAX_MS = Number(opts['max-ms']);
const { int, pick, chance } = rngTools(makeRng(SEED));
/** Every transaction's rows carry its id: writer × TXID_SPACE + sequence. */
const TXID_SPACE = 10_000_000;
const SAMPLE_CSV = 'tutorial_data/unsplash_data/unsplash.csv';
const MODEL = 'kill_clip';
const EMBEDDING = `${MODEL}_clipen`;
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** One transaction a writer ran: its kind, rows per table, and what became of it. */
class Op {
  constructor(writer, seq, kind) {
    this.writer = writer;
    this.txid = writer * TXID_SPACE + seq;
    this.kind = kind;
    this.rows = 0;
    /** 'running' → 'acked' | 'failed' (an error: nothing may be left) | 'unknown' (the server died meanwhile). */
    this.state = 'running';
  }
}

const dir = await mkdtemp(join(tmpdir(), 'kill-under-load-'));
const dataDir = join(dir, 'data');
const modelsDir = join(dir, 'models');
const stats = {
  acked: 0, failed: 0, rows: 0, kills: 0, unknown: 0, unknownCommitted: 0, midCopy: 0, midConvert: 0, restartMs: [], restartCpu: [], violations: [],
  byKind: new Map(), failures: new Map(),
};
/** Every op ever started, by txid; a writer's conversion state separately. */
const ops = new Map();
const conv = Array.from({ length: WRITERS }, () => ({ acked: 'none', unknown: undefined }));
const seqs = Array.from({ length: WRITERS }, () => 0);

async function runOp(client, w, op) {
  const t = `w${w}`;
  switch (op.kind) {
    case 'insert-select':
      op.rows = 1 + int(3000);
      await client.query(`INSERT INTO ${t} SELECT $1::bigint, g, md5(g::text) FROM generate_series(1, $2::int) g`, [op.txid, op.rows]);
      return;
    case 'insert-values': {
      op.rows = 1 + int(50);
      const values = Array.from({ length: op.rows }, (_, i) => `($1, ${i}, 'v${i}')`).join(', ');
      await client.query(`INSERT INTO ${t} VALUES ${values}`, [op.txid]);
      return;
    }
    case 'transaction': {
      const a = 1 + int(500);
      const b = 1 + int(500);
      op.rows = a + b;
      await client.query('BEGIN');
      try {
        await client.query(`INSERT INTO ${t} SELECT $1::bigint, g, 'a' FROM generate_series(1, $2::int) g`, [op.txid, a]);
        await client.query(`INSERT INTO ${t} SELECT $1::bigint, g, 'b' FROM generate_series(1, $2::int) g`, [op.txid, b]);
        await client.query(`INSERT INTO ledger${w} VALUES ($1, $2)`, [op.txid, op.rows]);
        await client.query('COMMIT');
      } catch (err) {
        if (SQLSTATE.test(err.code ?? '')) await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
      return;
    }
    case 'copy': {
      op.rows = 500 + int(8000);
      const stream = client.query(copyFrom(`COPY ${t} FROM STDIN`));
      await new Promise((resolve, reject) => {
        stream.on('error', reject);
        stream.on('finish', resolve);
        let i = 0;
        const write = () => {
          while (i < op.rows) {
            let chunk = '';
            for (let k = 0; k < 500 && i < op.rows; k++, i++) chunk += `${op.txid}\t${i}\tcopy row ${i}\n`;
            if (!stream.write(chunk)) return void stream.once('drain', write);
          }
          stream.end();
        };
        write();
      });
      return;
    }
    case 'shared':
      op.rows = 1 + int(100);
      await client.query('INSERT INTO shared SELECT $1::bigint, g, \'s\' FROM generate_series(1, $2::int) g', [op.txid, op.rows]);
      return;
    case 'convert': {
      // A fresh copy of the sample (54 images), then its embeddings: both steps are acknowledged apart.
      const state = conv[w];
      state.unknown = 'copied';
      await client.query(`COPY conv${w} OPTIONS(overwrite=True) FROM "${SAMPLE_CSV}"`);
      state.acked = 'copied';
      state.unknown = 'converted';
      await client.query(`CONVERT USING ${MODEL} OPTIONS (image_col='image_path', table_name='conv${w}', batch_size=8) AS SELECT * FROM conv${w}`);
      state.acked = 'converted';
      state.unknown = undefined;
      return;
    }
    default: throw new Error(op.kind);
  }
}

const KINDS = ['insert-select', 'insert-values', 'transaction', 'copy', 'copy', 'shared', 'convert'];

/** One writer, until its connection dies with the server. */
async function writer(port, w, inflight) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  client.on('error', () => undefined);
  client.on('notice', () => undefined);
  try {
    await client.connect();
  } catch {
    return;
  }
  for (;;) {
    const op = new Op(w, ++seqs[w], chance(0.06) ? 'convert' : pick(KINDS.slice(0, -1)));
    ops.set(op.txid, op);
    inflight.set(w, op);
    try {
      await runOp(client, w, op);
      op.state = 'acked';
      stats.acked++;
      stats.rows += op.kind === 'convert' ? 54 : op.rows;
      stats.byKind.set(op.kind, (stats.byKind.get(op.kind) ?? 0) + 1);
    } catch (err) {
      if (SQLSTATE.test(err.code ?? '') && err.code !== '57P01' && err.code !== '57P02') {
        op.state = 'failed';
        stats.failed++;
        stats.failures.set(`${op.kind} ${err.code} ${err.message}`, (stats.failures.get(`${op.kind} ${err.code} ${err.message}`) ?? 0) + 1);
        if (op.kind === 'convert') conv[w].unknown = undefined;
        continue;
      }
      op.state = 'unknown';
      inflight.delete(w);
      return;
    } finally {
      if (inflight.get(w) === op && op.state !== 'running') inflight.delete(w);
    }
  }
}

const violation = (message) => {
  stats.violations.push(message);
  console.error(`!! ${message}`);
};

/** Checks the store against every op's fate; settles the ops that were in flight. */
async function verify(port) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  const found = new Map();
  const ledger = new Map();
  for (let w = 0; w < WRITERS; w++) {
    for (const r of (await client.query(`SELECT txid, count(*)::int AS n FROM w${w} GROUP BY txid`)).rows) found.set(Number(r.txid), r.n);
    for (const r of (await client.query(`SELECT txid, rows FROM ledger${w}`)).rows) ledger.set(Number(r.txid), r.rows);
  }
  for (const r of (await client.query('SELECT txid, count(*)::int AS n FROM shared GROUP BY txid')).rows) found.set(Number(r.txid), r.n);
  for (const txid of found.keys()) if (!ops.has(txid)) violation(`rows of txid ${txid}, which nobody wrote`);
  for (const op of ops.values()) {
    if (op.kind === 'convert') continue;
    const n = found.get(op.txid) ?? 0;
    const inLedger = ledger.has(op.txid);
    const whole = n === op.rows && (op.kind !== 'transaction' || inLedger);
    const none = n === 0 && !inLedger;
    if (op.state === 'acked' && !whole) violation(`acknowledged ${op.kind} ${op.txid} lost: ${n} of ${op.rows} rows, ledger ${inLedger}`);
    if (op.state === 'failed' && !none) violation(`failed ${op.kind} ${op.txid} left ${n} rows, ledger ${inLedger}`);
    if (op.state === 'unknown') {
      if (!whole && !none) violation(`in-flight ${op.kind} ${op.txid} half-visible: ${n} of ${op.rows} rows, ledger ${inLedger}`);
      stats.unknown++;
      if (whole) stats.unknownCommitted++;
      op.state = whole ? 'acked' : 'failed';
    }
  }
  for (let w = 0; w < WRITERS; w++) {
    const state = conv[w];
    if (state.acked === 'none' && !state.unknown) continue;
    const exists = (await client.query('SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = $1', [`conv${w}`])).rows[0].n > 0;
    const column = exists && (await client.query('SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
      [`conv${w}`, EMBEDDING])).rows[0].n > 0;
    let actual = 'none';
    if (exists) {
      const rows = (await client.query(`SELECT count(*)::int AS n${column ? `, count(${EMBEDDING})::int AS e` : ''} FROM conv${w}`)).rows[0];
      if (rows.n !== 54) violation(`conv${w} has ${rows.n} rows, not 54`);
      if (column && rows.e !== rows.n) violation(`conv${w}: ${rows.e} of ${rows.n} embeddings (half a CONVERT)`);
      actual = column ? 'converted' : 'copied';
    }
    const allowed = [state.acked, state.unknown].filter(Boolean);
    if (!allowed.includes(actual)) violation(`conv${w} is ${actual}; acknowledged ${state.acked}, in flight ${state.unknown ?? '-'}`);
    state.acked = actual;
    state.unknown = undefined;
  }
  await client.end();
}

async function setup(port) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  for (let w = 0; w < WRITERS; w++) {
    await client.query(`CREATE TABLE w${w} (txid bigint, i int, payload text)`);
    await client.query(`CREATE TABLE ledger${w} (txid bigint, rows int)`);
  }
  await client.query('CREATE TABLE shared (txid bigint, i int, payload text)');
  await client.query(`BUILD MODEL ${MODEL} USING clipen OPTIONS(model_path='test-clip', overwrite=True)`);
  await client.end();
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const started = performance.now();
let server;
try {
  await makeSampleData(dataDir);
  await writeTestModel(join(modelsDir, 'test-clip'));
  const start = async () => {
    const s = await startChildServer({ dataDir, modelsDir, extraArgs: ['--offline'] });
    stats.restartMs.push(s.startMs);
    stats.restartCpu.push(s.startCpuSeconds);
    return s;
  };
  server = await start();
  stats.restartMs.length = 0;
  stats.restartCpu.length = 0;
  await setup(server.port);
  console.log(`seed ${SEED}: ${WRITERS} writers, ${KILLS} kills ${MIN_MS}–${MAX_MS} ms apart`);
  for (let kill = 1; kill <= KILLS; kill++) {
    const inflight = new Map();
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(server.port, w, inflight));
    await sleep(MIN_MS + int(MAX_MS - MIN_MS));
    const mid = [...inflight.values()];
    if (mid.some((op) => op.kind === 'copy')) stats.midCopy++;
    if (mid.some((op) => op.kind === 'convert')) stats.midConvert++;
    await server.kill();
    stats.kills++;
    await Promise.all(writers);
    server = await start();
    await verify(server.port);
    if (kill % 5 === 0) console.log(`  ${kill} kills: ${stats.acked} acknowledged, ${stats.rows} rows, ${stats.violations.length} violations`);
  }
} finally {
  await server?.stop();
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n| kills survived | transactions acknowledged | rows acknowledged | in flight at a kill (found committed) | kills mid-COPY | kills mid-CONVERT | failed with an error (left nothing) | restart p50 / max ms | restart CPU p50 s | violations | seconds |`);
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  console.log(`| ${stats.kills} | ${stats.acked} | ${stats.rows} | ${stats.unknown} (${stats.unknownCommitted}) | ${stats.midCopy} | ${stats.midConvert} | ${stats.failed} | `
    + `${stats.restartMs.length ? `${pct(stats.restartMs, 0.5).toFixed(0)} / ${Math.max(...stats.restartMs).toFixed(0)}` : '-'} | `
    + `${stats.restartCpu.length ? pct(stats.restartCpu, 0.5).toFixed(2) : '-'} | ${stats.violations.length} | ${seconds.toFixed(0)} |`);
  console.log(`acknowledged by kind: ${[...stats.byKind].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [what, n] of stats.failures) console.log(`failed ×${n}: ${what}`);
  for (const v of stats.violations) console.log(`violation: ${v}`);
  await rm(dir, { recursive: true, force: true });
}
