#!/usr/bin/env node
// Wire-protocol fuzzing (issue 7) against two child-process servers — one with trust
// authentication (start-up phase, then everything after login) and one with a SCRAM password
// (the authentication exchange). Tens of thousands of connections each send malformed,
// truncated, random or mutated-valid messages: random start-up packets, bad protocol versions,
// SSLRequest / GSSENCRequest / CancelRequest variants (pipelined bytes, wrong lengths), huge
// declared lengths, mutated SASL messages, and after login random typed messages and mutated
// Query / Parse / Bind / Describe / Execute / Close / Sync / COPY sequences, sent in random
// pieces. After every batch a real client (pg) must log in and get `SELECT 1` within 5 s on
// each server, and the process must still run: else it is a crash (restarted, counted) or a hang
// (killed, restarted, counted). Every ErrorResponse the fuzz connections get is tallied by
// SQLSTATE; an XX000 (an internal error: a bug) is listed with its message.
// Usage: npm run build && node scripts/fuzz-wire.mjs [--connections 50000] [--concurrency 32] [--batch 1000] [--seed 1]
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { serialize } from 'pg-protocol';
import { startChildServer } from './lib/child-server.mjs';
import { makeRng, rngTools } from './lib/rng.mjs';

const { values: opts } = parseArgs({
  options: {
    connections: { type: 'string', default: '50000' },
    concurrency: { type: 'string', default: '32' },
    batch: { type: 'string', default: '1000' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
  },
});
const TOTAL = Number(opts.connections);
const CONCURRENCY = Number(opts.concurrency);
const BATCH = Number(opts.batch);
const SEED = Number(opts.seed);
const PASSWORD = 'fuzz-password';
/** A fuzz connection is closed after this much silence from the server. */
const SILENCE_MS = 150;
/** …and after this long in any case. */
const CONNECTION_MS = 3000;
/** The liveness probe must answer within this. */
const PROBE_MS = 5000;
const { rand, int, pick, chance, bytes } = rngTools(makeRng(SEED));

// ------------------------------------------------------------------ message builders

const int32 = (n) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n | 0);
  return b;
};
const PROTOCOL_3 = 196608;
const SSL_CODE = 80877103;
const GSSENC_CODE = 80877104;
const CANCEL_CODE = 80877102;
const untyped = (...parts) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([int32(body.length + 4), body]);
};
const typed = (code, body) => Buffer.concat([Buffer.from([code]), int32(body.length + 4), body]);
const cstr = (s) => Buffer.concat([Buffer.isBuffer(s) ? s : Buffer.from(String(s)), Buffer.from([0])]);
const startup = (params, version = PROTOCOL_3) =>
  untyped(int32(version), ...Object.entries(params).flatMap(([k, v]) => [cstr(k), cstr(v)]), Buffer.from([0]));
const sslRequest = () => untyped(int32(SSL_CODE));
const gssencRequest = () => untyped(int32(GSSENC_CODE));
const cancelRequest = (pid, secret) => untyped(int32(CANCEL_CODE), int32(pid), int32(secret));
const LOGIN = { user: 'thanosql', database: 'thanosql' };

const WEIRD_STRINGS = ['', 'x', 'thanosql', 'postgres', 'nosuch', '\u00e9\u00e8', 'a'.repeat(3000), '-c statement_timeout=1',
  "-c search_path='\\''", '--DateStyle=ISO', '-c', '\\', 'NaN', '0', '-1', 'on', 'database', 'replication'];
const PARAM_NAMES = ['user', 'database', 'options', 'application_name', 'client_encoding', 'DateStyle', 'TimeZone',
  'statement_timeout', 'replication', '_pq_.protocol_managed', 'search_path', 'extra_float_digits', 'x'.repeat(200)];
const weirdValue = () => (chance(0.15) ? bytes(int(40)) : pick(WEIRD_STRINGS));

const SQL = ['SELECT 1', 'SELECT $1::int', 'SELECT $1::text, $2::numeric', "SELECT repeat('x', 100)", 'BEGIN', 'COMMIT',
  'ROLLBACK', 'SAVEPOINT s', 'ROLLBACK TO s', 'SELECT * FROM fz', 'INSERT INTO fz VALUES ($1)', 'INSERT INTO fz VALUES (1)',
  'COPY fz FROM STDIN', 'COPY fz TO STDOUT', 'COPY (SELECT 1) TO STDOUT (FORMAT binary)', 'DECLARE c CURSOR FOR SELECT 1',
  'FETCH 1 FROM c', 'SELECT pg_sleep(0.01)', 'SHOW ALL', 'SET statement_timeout = 1000', 'DISCARD ALL', 'SELECT 1; SELECT 2',
  ';', '', 'SELEC', "SELECT 'unterminated", 'SELECT 1::numeric / 0', 'SELECT chr(1114112)', "SELECT '\\x00'::bytea",
  'PREPARE p AS SELECT 1', 'EXECUTE p', 'LISTEN x', 'SELECT array_agg(g) FROM generate_series(1, 100) g'];
const name = () => pick(['', 's1', 'p1', 'c', bytes(int(8)).toString('latin1')]);
const paramValue = () => (chance(0.2) ? null : chance(0.5) ? String(int(1000)) : bytes(int(16)));

/** One well-formed frontend message of a random kind. */
function validMessage() {
  switch (int(13)) {
    case 0: return serialize.query(pick(SQL));
    case 1: return serialize.parse({ name: name(), text: pick(SQL), types: chance(0.5) ? [] : [pick([0, 23, 25, 1700, 17, 999999])] });
    case 2: return serialize.bind({ portal: name(), statement: name(), values: Array.from({ length: int(3) }, paramValue), binary: chance(0.3) });
    case 3: return serialize.describe({ type: pick(['S', 'P']), name: name() });
    case 4: return serialize.execute({ portal: name(), rows: pick([0, 1, 5]) });
    case 5: return serialize.close({ type: pick(['S', 'P']), name: name() });
    case 6: return serialize.sync();
    case 7: return serialize.flush();
    case 8: return serialize.copyData(bytes(int(64)));
    case 9: return serialize.copyDone();
    case 10: return serialize.copyFail('fuzz');
    // FunctionCall ('F'): not supported, must be refused cleanly.
    case 11: return typed(0x46, Buffer.concat([int32(int(5000)), bytes(int(20))]));
    default: return cancelRequest(int(2 ** 31), int(2 ** 31));
  }
}

/** Damages a message: flips, overwrites, truncates, extends, re-lengths or splices it. */
function mutate(msg) {
  const b = Buffer.from(msg);
  switch (int(7)) {
    case 0: if (b.length) b[int(b.length)] ^= 1 << int(8); return b;
    case 1: if (b.length) b[int(b.length)] = pick([0, 0xff, 0x7f, 0x80]); return b;
    case 2: return b.subarray(0, int(b.length + 1));
    case 3: return Buffer.concat([b, bytes(1 + int(32))]);
    case 4: {
      const at = b.length > 5 && chance(0.7) ? 1 : 0;
      if (b.length >= at + 4) b.writeInt32BE(pick([0, 3, 4, 5, -1, -2147483648, 2147483647, 1 << 30, int(1 << 16), b.length - at + int(9) - 4]) | 0, at);
      return b;
    }
    case 5: {
      const at = int(b.length + 1);
      return Buffer.concat([b.subarray(0, at), bytes(int(16)), b.subarray(at)]);
    }
    default: {
      const at = int(b.length + 1);
      return Buffer.concat([b.subarray(0, at), b.subarray(int(b.length + 1))]);
    }
  }
}

// ------------------------------------------------------------------ one connection

/** Reads the server's answers; tallies ErrorResponses (code, message); knows when the server went quiet or closed. */
class FuzzConnection {
  constructor(port) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.buffer = Buffer.alloc(0);
    this.frames = [];
    this.errors = [];
    this.closed = false;
    this.lastData = Date.now();
    this.sslAnswers = 0;
    this.waiters = [];
    this.connected = new Promise((resolve) => this.socket.once('connect', resolve).once('error', resolve));
    this.socket.on('data', (chunk) => this.onData(chunk));
    this.socket.on('error', () => undefined);
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  onData(chunk) {
    this.lastData = Date.now();
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.sslAnswers > 0 && this.buffer.length > 0 && (this.buffer[0] === 0x4e || this.buffer[0] === 0x53)) {
        this.sslAnswers--;
        this.frames.push({ type: String.fromCharCode(this.buffer[0]), body: Buffer.alloc(0) });
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      if (this.buffer.length < 5) break;
      const length = this.buffer.readInt32BE(1);
      if (this.buffer.length < 1 + length) break;
      const frame = { type: String.fromCharCode(this.buffer[0]), body: this.buffer.subarray(5, 1 + length) };
      this.buffer = this.buffer.subarray(1 + length);
      this.frames.push(frame);
      if (frame.type === 'E') this.errors.push(errorFields(frame.body));
    }
    this.wake();
  }

  /** Writes `data` in 1–4 random pieces. */
  async send(data, expectSsl = 0) {
    if (this.closed) return;
    this.sslAnswers += expectSsl;
    let at = 0;
    const pieces = 1 + int(4);
    for (let i = 0; i < pieces && at < data.length; i++) {
      const end = i === pieces - 1 ? data.length : at + int(data.length - at + 1);
      this.socket.write(data.subarray(at, end));
      at = end;
      if (chance(0.2)) await new Promise((r) => setImmediate(r));
    }
    if (at < data.length) this.socket.write(data.subarray(at));
  }

  /** Until a frame of one of `types` arrives (true), or the server closes / times out (false). */
  waitFor(types, ms = 2000) {
    return this.waitUntil((f) => types.includes(f.type), ms);
  }

  /** Until a frame matching `pred` arrives (true), or the server closes / times out (false). */
  async waitUntil(pred, ms) {
    const deadline = Date.now() + ms;
    for (;;) {
      if (this.frames.some(pred)) return true;
      if (this.closed || Date.now() > deadline) return false;
      await new Promise((resolve) => {
        const t = setTimeout(resolve, 20);
        this.waiters.push(() => { clearTimeout(t); resolve(); });
      });
    }
  }

  /** Until the server closes, or is silent for SILENCE_MS, or CONNECTION_MS passed; then closes. */
  async settle(started) {
    for (;;) {
      if (this.closed) return 'closed';
      const now = Date.now();
      if (now - started > CONNECTION_MS) break;
      if (now - this.lastData > SILENCE_MS) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    this.socket.destroy();
    return 'silent';
  }
}

function errorFields(body) {
  const fields = {};
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const end = body.indexOf(0, at + 1);
    if (end < 0) break;
    fields[String.fromCharCode(body[at])] = body.subarray(at + 1, end).toString('utf8');
    at = end + 1;
  }
  return fields;
}

// ------------------------------------------------------------------ scenarios

/** Start-up phase (trust server). Each returns how many fuzz messages it sent. */
const STARTUP_SCENARIOS = {
  async random(c) {
    await c.send(bytes(int(512)));
    return 1;
  },
  async mutatedStartup(c) {
    const params = { ...LOGIN };
    for (let i = int(4); i > 0; i--) params[pick(PARAM_NAMES)] = weirdValue().toString();
    await c.send(mutate(startup(params)));
    return 1;
  },
  async weirdParams(c) {
    const params = {};
    for (let i = int(chance(0.05) ? 2000 : 6); i > 0; i--) params[chance(0.8) ? pick(PARAM_NAMES) : `p${int(1e6)}`] = weirdValue().toString();
    const msg = startup(params, chance(0.8) ? PROTOCOL_3 : pick([0, 1 << 16, 2 << 16, PROTOCOL_3 + 1, 4 << 16, -1, (1234 << 16) | 5679]));
    await c.send(chance(0.1) ? msg.subarray(0, msg.length - 1) : msg);
    if (await c.waitFor(['Z', 'E'], 1000)) await c.send(serialize.query('SELECT 1'));
    return 1;
  },
  async ssl(c) {
    const first = pick([sslRequest, gssencRequest])();
    // Pipelined bytes after an SSLRequest are refused (CVE-2021-23214); others wait for the answer.
    if (chance(0.3)) {
      await c.send(Buffer.concat([first, pick([startup(LOGIN), bytes(int(64)), sslRequest(), cancelRequest(1, 2)])]), 1);
      return 2;
    }
    await c.send(chance(0.2) ? mutate(first) : first, 1);
    await c.waitFor(['N', 'S', 'E'], 1000);
    const next = pick([() => startup(LOGIN), sslRequest, gssencRequest, () => bytes(int(64)), () => mutate(startup(LOGIN))])();
    await c.send(next, next.length === 8 ? 1 : 0);
    return 2;
  },
  async cancel(c) {
    const msg = pick([
      () => cancelRequest(int(2 ** 31), int(2 ** 31)),
      () => cancelRequest(10000 + int(100), int(2 ** 31)),
      () => untyped(int32(CANCEL_CODE), int32(1)),
      () => untyped(int32(CANCEL_CODE), bytes(int(30))),
      () => cancelRequest(1, 1).subarray(0, 1 + int(15)),
    ])();
    await c.send(msg);
    return 1;
  },
  async hugeLength(c) {
    await c.send(Buffer.concat([int32(pick([2147483647, -1, -2147483648, 1 << 30, 10001, 65537, 100_000_000])), bytes(int(64))]));
    return 1;
  },
};

/** After logging in with trust. */
const SESSION_SCENARIOS = {
  async validSequence(c) {
    const n = 1 + int(30);
    await c.send(Buffer.concat(Array.from({ length: n }, validMessage)));
    return n;
  },
  async mutatedSequence(c) {
    const n = 1 + int(30);
    await c.send(Buffer.concat(Array.from({ length: n }, () => (chance(0.5) ? mutate(validMessage()) : validMessage()))));
    return n;
  },
  async flood(c) {
    // Thousands of pipelined messages at once: the queue's back-pressure (pause, resume) under load.
    const n = 500 + int(2500);
    const cycle = pick([() => serialize.query('SELECT 1'), () => Buffer.concat([serialize.parse({ text: 'SELECT $1::int' }),
      serialize.bind({ values: [String(int(100))] }), serialize.execute({}), serialize.sync()]), () => serialize.sync(), () => serialize.flush()]);
    await c.send(Buffer.concat(Array.from({ length: n }, cycle)));
    return n;
  },
  async copyFlood(c) {
    await c.send(serialize.query('COPY fz FROM STDIN'));
    await c.waitFor(['G', 'E'], 1000);
    const n = 1000 + int(3000);
    const data = Array.from({ length: n }, (_, i) => serialize.copyData(Buffer.from(`${i}\n`)));
    await c.send(Buffer.concat([...data, chance(0.9) ? serialize.copyDone() : mutate(serialize.copyDone())]));
    return n + 2;
  },
  async randomTyped(c) {
    const n = 1 + int(8);
    await c.send(Buffer.concat(Array.from({ length: n }, () => typed(int(256), bytes(int(64))))));
    return n;
  },
  async hugeTyped(c) {
    const code = pick([0x51, 0x50, 0x42, 0x64, 0x70, int(256)]);
    await c.send(Buffer.concat([Buffer.from([code]), int32(pick([2147483647, 1 << 30, (1 << 30) + 1, -5, 3])), bytes(int(128))]));
    return 1;
  },
  async copyIn(c) {
    await c.send(serialize.query(pick(['COPY fz FROM STDIN', 'COPY fz FROM STDIN (FORMAT csv)', 'COPY fz FROM STDIN (FORMAT binary)'])));
    await c.waitFor(['G', 'E'], 1000);
    const n = 1 + int(10);
    const msgs = Array.from({ length: n }, () => pick([
      () => serialize.copyData(Buffer.from(`${int(1000)}\n`)),
      () => serialize.copyData(bytes(int(100))),
      () => mutate(serialize.copyData(Buffer.from('1\n2\n'))),
      () => serialize.copyDone(), () => serialize.copyFail('x'), () => serialize.sync(), validMessage,
    ])());
    await c.send(Buffer.concat(msgs));
    return n + 1;
  },
};

/** The SCRAM exchange, damaged at one step (password server). */
const AUTH_SCENARIOS = {
  async sasl(c) {
    await c.send(startup({ user: pick(['thanosql', 'postgres', 'intruder', '']), database: 'thanosql' }));
    if (!(await c.waitFor(['R', 'E'], 1000))) return 1;
    const nonce = bytes(18).toString('base64');
    const first = serialize.sendSASLInitialResponseMessage(pick(['SCRAM-SHA-256', 'SCRAM-SHA-256', 'SCRAM-SHA-256-PLUS', 'x']),
      pick([`n,,n=*,r=${nonce}`, `y,,n=*,r=${nonce}`, `p=tls-server-end-point,,n=*,r=${nonce}`, 'n,,', '', `n,,r=${nonce}`]));
    const damageFirst = chance(0.4);
    await c.send(damageFirst ? mutate(first) : first);
    const isServerFirst = (f) => f.type === 'R' && f.body.length > 4 && f.body.readInt32BE(0) === 11;
    if (damageFirst) return 2;
    await c.waitUntil((f) => isServerFirst(f) || f.type === 'E', 1000);
    const serverFirst = c.frames.find(isServerFirst);
    const serverNonce = serverFirst ? /r=([^,]+)/.exec(serverFirst.body.subarray(4).toString())?.[1] ?? nonce : nonce;
    const final = serialize.sendSCRAMClientFinalMessage(pick([`c=biws,r=${serverNonce},p=${bytes(32).toString('base64')}`,
      `c=biws,r=${serverNonce}`, `c=eSws,r=${serverNonce},p=AAAA`, `r=${serverNonce},p=`, bytes(int(50)).toString('latin1')]));
    await c.send(chance(0.5) ? mutate(final) : final);
    return 3;
  },
  async passwordGarbage(c) {
    await c.send(startup(LOGIN));
    await c.waitFor(['R'], 1000);
    const n = 1 + int(3);
    await c.send(Buffer.concat(Array.from({ length: n }, () => pick([
      () => typed(0x70, bytes(int(100))), () => mutate(serialize.password('x')), () => typed(0x70, Buffer.alloc(0)),
      () => Buffer.concat([Buffer.from([0x70]), int32(pick([70000, 1 << 30, -1]))]), validMessage,
    ])())));
    return n;
  },
};

// ------------------------------------------------------------------ servers and liveness

const dir = await mkdtemp(join(tmpdir(), 'fuzz-wire-'));
const servers = {
  trust: { extraArgs: [], password: undefined },
  scram: { extraArgs: ['--password', PASSWORD], password: PASSWORD },
};
const totals = { connections: 0, messages: 0, crashes: [], hangs: [], closedByServer: 0, silent: 0, codes: new Map(), internal: new Map() };

async function start(key) {
  const s = servers[key];
  s.server = await startChildServer({ dataDir: join(dir, key, 'data'), modelsDir: join(dir, 'models'), extraArgs: s.extraArgs });
  s.outputSeen = 0;
  const c = new pg.Client({ host: '127.0.0.1', port: s.server.port, user: 'thanosql', database: 'thanosql', password: s.password });
  await c.connect();
  await c.query('CREATE TABLE IF NOT EXISTS fz (a int)');
  await c.end();
}

/** A real client logs in and gets SELECT 1 within PROBE_MS. */
async function probe(key) {
  const s = servers[key];
  const c = new pg.Client({ host: '127.0.0.1', port: s.server.port, user: 'thanosql', database: 'thanosql', password: s.password,
    connectionTimeoutMillis: PROBE_MS });
  c.on('error', () => undefined);
  const work = (async () => {
    await c.connect();
    const r = await c.query('SELECT 1 AS one');
    // The table the fuzz connections write into still reads.
    if (key === 'trust') await c.query('SELECT count(*) FROM fz');
    await c.end();
    return r.rows[0].one === 1;
  })().catch(() => false);
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(false), PROBE_MS); });
  const ok = await Promise.race([work, timeout]);
  clearTimeout(timer);
  if (!ok) c.connection?.stream?.destroy();
  return ok;
}

/** After a batch: the process runs and answers, else count a crash or hang and restart. */
async function check(key, batch) {
  const s = servers[key];
  const out = s.server.output().slice(s.outputSeen);
  s.outputSeen = s.server.output().length;
  for (const m of out.matchAll(/internal error: ([^\n]*)/g)) totals.internal.set(m[1], (totals.internal.get(m[1]) ?? 0) + 1);
  if (await probe(key)) return;
  const what = { server: key, batch, output: s.server.output().slice(-2000) };
  if (s.server.alive()) {
    totals.hangs.push(what);
    await s.server.kill();
  } else {
    totals.crashes.push({ ...what, exit: s.server.child.exitCode ?? s.server.child.signalCode });
  }
  console.error(`!! ${key} ${s.server.alive() ? 'hang' : 'crash'} after batch ${batch}; restarting`);
  await start(key);
}

// ------------------------------------------------------------------ the run

async function fuzzOne() {
  const onAuth = chance(0.2);
  const key = onAuth ? 'scram' : 'trust';
  const c = new FuzzConnection(servers[key].server.port);
  const started = Date.now();
  await c.connected;
  let messages = 0;
  if (onAuth) {
    messages = await AUTH_SCENARIOS[pick(Object.keys(AUTH_SCENARIOS))](c);
  } else if (chance(0.45)) {
    messages = await STARTUP_SCENARIOS[pick(Object.keys(STARTUP_SCENARIOS))](c);
  } else {
    await c.send(startup(LOGIN));
    // Floods are heavy: one session connection in ten.
    const scenario = chance(0.1) ? pick(['flood', 'copyFlood']) : pick(Object.keys(SESSION_SCENARIOS).filter((k) => !/lood/.test(k)));
    if (await c.waitFor(['Z'], 2000)) messages = await SESSION_SCENARIOS[scenario](c);
  }
  const end = await c.settle(started);
  totals.connections++;
  totals.messages += messages;
  if (end === 'closed') totals.closedByServer++;
  else totals.silent++;
  for (const e of c.errors) {
    totals.codes.set(e.C, (totals.codes.get(e.C) ?? 0) + 1);
    if (e.C === 'XX000') totals.internal.set(`(client saw) ${e.M}`, (totals.internal.get(`(client saw) ${e.M}`) ?? 0) + 1);
  }
}

const t0 = performance.now();
try {
  await start('trust');
  await start('scram');
  console.log(`seed ${SEED}: ${TOTAL} connections, ${CONCURRENCY} at a time, liveness checked every ${BATCH}`);
  for (let done = 0, batch = 1; done < TOTAL; batch++) {
    const size = Math.min(BATCH, TOTAL - done);
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < size) {
        next++;
        await fuzzOne();
      }
    }));
    done += size;
    await check('trust', batch);
    await check('scram', batch);
    if (batch % 10 === 0) console.log(`  ${done} connections, ${totals.messages} messages, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
} finally {
  const seconds = (performance.now() - t0) / 1000;
  console.log(`\n| connections | messages fuzzed | crashes | hangs | XX000 / internal errors | closed by the server | left silent | seconds |`);
  console.log(`|---|---|---|---|---|---|---|---|`);
  const internalCount = [...totals.internal.values()].reduce((a, b) => a + b, 0);
  console.log(`| ${totals.connections} | ${totals.messages} | ${totals.crashes.length} | ${totals.hangs.length} | ${internalCount} | ${totals.closedByServer} | ${totals.silent} | ${seconds.toFixed(0)} |`);
  console.log(`\nSQLSTATEs answered: ${[...totals.codes].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
  for (const [message, n] of totals.internal) console.log(`internal error ×${n}: ${message}`);
  for (const c of totals.crashes) console.log(`crash (${c.server}, batch ${c.batch}, exit ${c.exit}):\n${c.output}`);
  for (const h of totals.hangs) console.log(`hang (${h.server}, batch ${h.batch}):\n${h.output}`);
  for (const s of Object.values(servers)) await s.server?.stop();
  await rm(dir, { recursive: true, force: true });
}
