/**
 * Sessions see and signal each other, and share advisory locks, as on PostgreSQL 15: every
 * scenario runs through `pg` against a throwaway PostgreSQL 15 and against our server (whose
 * sessions sit on different engine threads), with the same assertions on both.
 * pg_stat_activity lists every backend with its state and query; pg_cancel_backend stops
 * another session's statement (57014), pg_terminate_backend ends it (57P01); advisory locks
 * block across sessions, show in pg_locks, go at COMMIT (xact) or disconnect, and a cycle of
 * waits ends with 40P01.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { pgAvailable, startPgCluster, type PgCluster } from '../harness/pg-cluster.js';
import { startTestServer, type TestServer } from './wire-server.js';

const TEST_TIMEOUT_MS = 60_000;

interface Target {
  readonly name: string;
  connect(applicationName?: string): Promise<pg.Client>;
}

type Outcome = { ok: unknown } | { code: string | undefined };

async function outcome(work: Promise<pg.QueryResult>): Promise<Outcome> {
  try {
    return { ok: (await work).rows };
  } catch (err) {
    return { code: (err as pg.DatabaseError).code };
  }
}

const pidOf = (c: pg.Client) => (c as unknown as { processID: number }).processID;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `read` until `done` holds (a state another session reaches asynchronously). */
async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await sleep(50);
  }
}

function scenarios(target: () => Target): void {
  it('pg_stat_activity shows every session with its state and query', { timeout: TEST_TIMEOUT_MS }, async () => {
    const t = target();
    const [watcher, busy] = [await t.connect('watcher'), await t.connect('busy one')];
    try {
      const running = busy.query('SELECT pg_sleep(1.5)');
      const row = async () => (await watcher.query(
        'SELECT state, query, application_name, backend_start IS NOT NULL AS started, xact_start IS NOT NULL AS in_xact FROM pg_stat_activity WHERE pid = $1',
        [pidOf(busy)])).rows[0];
      assert.deepEqual(await until(row, (r) => r?.state === 'active'),
        { state: 'active', query: 'SELECT pg_sleep(1.5)', application_name: 'busy one', started: true, in_xact: true }, t.name);
      await running;
      await busy.query('BEGIN');
      await busy.query('SELECT 1');
      assert.deepEqual(await until(row, (r) => r?.state === 'idle in transaction'),
        { state: 'idle in transaction', query: 'SELECT 1', application_name: 'busy one', started: true, in_xact: true }, t.name);
      await busy.query('SELECT 1/0').catch(() => undefined);
      assert.equal((await until(row, (r) => r?.state === 'idle in transaction (aborted)'))?.state, 'idle in transaction (aborted)', t.name);
      await busy.query('ROLLBACK');
      const idle = await until(row, (r) => r?.state === 'idle');
      assert.deepEqual([idle?.state, idle?.in_xact], ['idle', false], t.name);
      const own = (await watcher.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = pg_backend_pid() AND state = 'active'")).rows[0].n;
      assert.equal(own, 1, `${t.name}: its own row is active`);
    } finally {
      await Promise.all([watcher.end(), busy.end()]);
    }
  });

  it('pg_cancel_backend stops another session\'s statement; pg_terminate_backend ends the session', { timeout: TEST_TIMEOUT_MS }, async () => {
    const t = target();
    const [admin, victim] = [await t.connect(), await t.connect()];
    const warnings: string[] = [];
    admin.on('notice', (n) => warnings.push(`${n.severity} ${n.message}`));
    const victimError = new Promise<pg.DatabaseError>((resolve) => victim.on('error', (e) => resolve(e as pg.DatabaseError)));
    try {
      const sleeping = outcome(victim.query('SELECT pg_sleep(30)'));
      await until(async () => (await admin.query("SELECT state FROM pg_stat_activity WHERE pid = $1", [pidOf(victim)])).rows[0]?.state, (s) => s === 'active');
      assert.deepEqual((await admin.query('SELECT pg_cancel_backend($1) AS ok', [pidOf(victim)])).rows, [{ ok: true }]);
      assert.deepEqual(await sleeping, { code: '57014' }, t.name);
      assert.deepEqual((await victim.query('SELECT 2 AS two')).rows, [{ two: 2 }], `${t.name}: the session goes on`);

      assert.deepEqual((await admin.query('SELECT pg_cancel_backend(2147483000) AS ok')).rows, [{ ok: false }]);
      assert.deepEqual(warnings, ['WARNING PID 2147483000 is not a PostgreSQL backend process'], t.name);

      assert.deepEqual((await admin.query('SELECT pg_terminate_backend($1, 5000) AS ok', [pidOf(victim)])).rows, [{ ok: true }]);
      const fatal = await victimError;
      assert.equal(fatal.code, '57P01', t.name);
      assert.equal(fatal.message, 'terminating connection due to administrator command');
      const left = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1', [pidOf(victim)]);
      assert.equal(left.rows[0].n, 0, `${t.name}: the terminated backend is gone`);
    } finally {
      await Promise.all([admin.end(), victim.end().catch(() => undefined)]);
    }
  });

  it('advisory locks block across sessions, show in pg_locks, and go at unlock, COMMIT or disconnect', { timeout: TEST_TIMEOUT_MS }, async () => {
    const t = target();
    const [a, b] = [await t.connect(), await t.connect()];
    const warnings: string[] = [];
    a.on('notice', (n) => warnings.push(`${n.severity} ${n.message}`));
    try {
      await a.query('SELECT pg_advisory_lock(42)');
      await a.query('SELECT pg_advisory_lock(42)');
      assert.deepEqual((await b.query('SELECT pg_try_advisory_lock(42) AS got, pg_try_advisory_lock_shared(42) AS shared')).rows, [{ got: false, shared: false }]);
      const waiting = outcome(b.query('SELECT pg_advisory_lock(42)'));
      const locks = await until(async () => (await a.query(
        "SELECT pid, mode, granted, classid, objid, objsubid FROM pg_locks WHERE locktype = 'advisory' ORDER BY granted DESC")).rows, (r) => r.length === 2);
      assert.deepEqual(locks, [
        { pid: pidOf(a), mode: 'ExclusiveLock', granted: true, classid: 0, objid: 42, objsubid: 1 },
        { pid: pidOf(b), mode: 'ExclusiveLock', granted: false, classid: 0, objid: 42, objsubid: 1 },
      ], t.name);
      const waitEvent = (await a.query('SELECT wait_event_type, wait_event FROM pg_stat_activity WHERE pid = $1', [pidOf(b)])).rows[0];
      assert.deepEqual(waitEvent, { wait_event_type: 'Lock', wait_event: 'advisory' }, t.name);
      // Held twice: the first unlock leaves it held.
      assert.deepEqual((await a.query('SELECT pg_advisory_unlock(42) AS ok')).rows, [{ ok: true }]);
      await sleep(200);
      assert.equal((await a.query("SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted")).rows[0].n, 1);
      assert.deepEqual((await a.query('SELECT pg_advisory_unlock(42) AS ok')).rows, [{ ok: true }]);
      assert.deepEqual(await waiting, { ok: [{ pg_advisory_lock: '' }] }, t.name);
      assert.deepEqual((await a.query('SELECT pg_advisory_unlock(42) AS ok')).rows, [{ ok: false }]);
      assert.deepEqual(warnings, ["WARNING you don't own a lock of type ExclusiveLock"], t.name);

      // Shared holds coexist; two-int keys are their own space.
      await b.query('SELECT pg_advisory_unlock_all()');
      assert.deepEqual((await a.query('SELECT pg_try_advisory_lock_shared(7) AS a')).rows, [{ a: true }]);
      assert.deepEqual((await b.query('SELECT pg_try_advisory_lock_shared(7) AS b, pg_try_advisory_lock(7) AS x, pg_try_advisory_lock(0, 7) AS pair')).rows,
        [{ b: true, x: false, pair: true }], t.name);
      await Promise.all([a.query('SELECT pg_advisory_unlock_all()'), b.query('SELECT pg_advisory_unlock_all()')]);

      // A transaction-level lock goes at COMMIT; a session's locks go when it disconnects.
      await a.query('BEGIN');
      await a.query('SELECT pg_advisory_xact_lock(9)');
      assert.deepEqual((await b.query('SELECT pg_try_advisory_lock(9) AS got')).rows, [{ got: false }]);
      await a.query('COMMIT');
      assert.deepEqual((await b.query('SELECT pg_try_advisory_lock(9) AS got')).rows, [{ got: true }], t.name);
      const c = await t.connect();
      const blocked = outcome(c.query('SELECT pg_advisory_lock(9)'));
      await sleep(200);
      await b.end();
      assert.deepEqual(await blocked, { ok: [{ pg_advisory_lock: '' }] }, `${t.name}: released at disconnect`);
      await c.end();
    } finally {
      await Promise.all([a.end(), b.end().catch(() => undefined)]);
    }
  });

  it('a cycle of advisory lock waits ends with 40P01 for one session; the other gets its lock', { timeout: TEST_TIMEOUT_MS }, async () => {
    const t = target();
    const [a, b] = [await t.connect(), await t.connect()];
    try {
      await a.query('SELECT pg_advisory_lock(1)');
      await b.query('SELECT pg_advisory_lock(2)');
      const first = outcome(a.query('SELECT pg_advisory_lock(2)'));
      await sleep(100);
      const second = outcome(b.query('SELECT pg_advisory_lock(1)'));
      // The victim's transaction fails, but its session-level lock stays until it lets go.
      const victim = await Promise.race([first.then((o) => ({ o, who: a, other: second })), second.then((o) => ({ o, who: b, other: first })),
        sleep(15_000).then(() => undefined)]);
      assert.ok(victim, `${t.name}: the deadlock was not detected`);
      assert.deepEqual(victim.o, { code: '40P01' }, t.name);
      await victim.who.query('SELECT pg_advisory_unlock_all()');
      assert.deepEqual(await victim.other, { ok: [{ pg_advisory_lock: '' }] }, `${t.name}: the survivor gets its lock`);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('a statement waiting for an advisory lock stops on statement_timeout and on cancel', { timeout: TEST_TIMEOUT_MS }, async () => {
    const t = target();
    const [a, b] = [await t.connect(), await t.connect()];
    try {
      await a.query('SELECT pg_advisory_lock(5)');
      await b.query("SET statement_timeout = '300ms'");
      const started = Date.now();
      assert.deepEqual(await outcome(b.query('SELECT pg_advisory_lock(5)')), { code: '57014' }, t.name);
      assert.ok(Date.now() - started < 5000);
      await b.query('RESET statement_timeout');
      assert.deepEqual((await b.query('SELECT pg_try_advisory_lock(5) AS got')).rows, [{ got: false }], `${t.name}: nothing left behind`);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('a wait for an advisory lock gives up with 55P03 after lock_timeout; the session goes on', { timeout: TEST_TIMEOUT_MS }, async () => {
    const t = target();
    const [a, b] = [await t.connect(), await t.connect()];
    try {
      await a.query('SELECT pg_advisory_lock(6)');
      await b.query("SET lock_timeout = '200ms'");
      const started = Date.now();
      assert.deepEqual(await outcome(b.query('SELECT pg_advisory_lock(6)')), { code: '55P03' }, t.name);
      assert.ok(Date.now() - started < 5000);
      await b.query('RESET lock_timeout');
      await a.query('SELECT pg_advisory_unlock(6)');
      assert.deepEqual((await b.query('SELECT pg_advisory_lock(6) IS NOT NULL AS got')).rows, [{ got: true }], `${t.name}: locks once free`);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });
}

describe('backend activity, signals and advisory locks', { skip: pgAvailable() ? false : 'PostgreSQL 15 is not installed' }, () => {
  let cluster: PgCluster;
  let server: TestServer;
  before(async () => {
    cluster = await startPgCluster();
    await cluster.createDatabase('activity');
    server = await startTestServer({ engineThreads: 2 });
  });
  after(async () => {
    await server?.close();
    await cluster?.stop();
  });

  const postgres = (): Target => ({
    name: 'PostgreSQL 15',
    connect: async (applicationName) => {
      const c = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, database: 'activity', ...(applicationName ? { application_name: applicationName } : {}) });
      await c.connect();
      return c;
    },
  });
  const ours = (): Target => ({
    name: 'ThanoSQL',
    connect: async (applicationName) => {
      const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', ...(applicationName ? { application_name: applicationName } : {}) });
      await c.connect();
      return c;
    },
  });
  describe('PostgreSQL 15', () => scenarios(postgres));
  describe('ThanoSQL', () => scenarios(ours));
});
