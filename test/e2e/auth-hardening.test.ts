/**
 * Authentication against guessing (issue 7), through pg, psql and raw protocol bytes:
 * - no role enumeration: with a password configured, an unknown role goes through the same
 *   exchange as a known one (SCRAM with a stable mock salt, md5, cleartext) and gets the same
 *   FATAL 28P01, field for field; under trust the missing role is named (28000), as PostgreSQL does;
 * - failed logins are throttled per client address (100 ms doubling), while a correct client,
 *   and a failing one from another address, are not delayed;
 * - `--auth-method password` refuses clients without TLS unless --allow-cleartext-password.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { AuthMethod } from '../../src/config/server-config.js';
import type { AuthThrottleOptions } from '../../src/server/auth-throttle.js';
import { psqlConninfo } from '../harness/psql.js';
import { rawLoginAttempt, type RawAttempt } from './raw-auth.js';
import { startTestServer, type TestServer } from './wire-server.js';

const PASSWORD = 'right-password';
/** As long as 'thanosql', so even the messages' lengths match. */
const UNKNOWN = 'intruder';
/** For the tests that are not about delays: failures answered at once. */
const NO_DELAY: AuthThrottleOptions = { baseDelayMs: 1, maxDelayMs: 1, quietMs: 60_000, maxAddresses: 100 };
const TIMEOUT_MS = 120_000;

const pgFailure = async (port: number, user: string, password: string, ssl = false): Promise<Record<string, unknown>> => {
  const client = new pg.Client({ host: '127.0.0.1', port, user, database: 'thanosql', password, ...(ssl ? { ssl: { rejectUnauthorized: false } } : {}) });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    // Every field pg exposes of the ErrorResponse (DatabaseError's own properties).
    return { ...(err as object), message: (err as Error).message };
  }
  await client.end();
  throw new Error(`${user} logged in with password ${password}`);
};

/** Replaces the role name, the one thing that may differ between the two answers. */
const anonymise = (value: unknown, user: string): unknown => JSON.parse(JSON.stringify(value ?? null).replaceAll(user, '<role>'));

/** The shape of a raw attempt: message types, auth request codes, error fields with the role anonymised. */
const rawShape = (attempt: RawAttempt, user: string) => ({
  sequence: attempt.messages.map((m) => (m.type === 'R' ? `R${m.body.readInt32BE(0)}` : m.type)),
  error: anonymise(attempt.error, user),
});

for (const method of ['scram-sha-256', 'md5', 'password'] as const satisfies readonly AuthMethod[]) {
  describe(`no role enumeration with ${method}`, { timeout: TIMEOUT_MS }, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ password: PASSWORD, authMethod: method, allowCleartextPassword: true, engineThreads: 2, authThrottle: NO_DELAY });
    });
    after(async () => {
      await server?.close();
    });

    test('pg: an unknown role and a wrong password get identical error fields', async () => {
      const wrong = await pgFailure(server.port, 'thanosql', 'wrong');
      const unknown = await pgFailure(server.port, UNKNOWN, PASSWORD);
      assert.equal(wrong.code, '28P01');
      assert.equal(unknown.message, `password authentication failed for user "${UNKNOWN}"`);
      assert.deepEqual(anonymise(unknown, UNKNOWN), anonymise(wrong, 'thanosql'));
    });

    test('psql: an unknown role and a wrong password print the same error', async () => {
      const conninfo = (user: string) => `host=127.0.0.1 port=${server.port} user=${user} dbname=thanosql sslmode=disable`;
      const wrong = await psqlConninfo(conninfo('thanosql'), 'SELECT 1', 'wrong');
      const unknown = await psqlConninfo(conninfo(UNKNOWN), 'SELECT 1', PASSWORD);
      assert.equal(wrong.status, 2);
      assert.equal(unknown.status, 2);
      assert.match(unknown.stderr, new RegExp(`FATAL: {2}password authentication failed for user "${UNKNOWN}"`));
      assert.equal(unknown.stderr.replaceAll(UNKNOWN, '<role>'), wrong.stderr.replaceAll('thanosql', '<role>'));
    });

    test('raw bytes: the same exchange and the same ErrorResponse', async () => {
      const wrong = await rawLoginAttempt(server.port, 'thanosql');
      const unknown = await rawLoginAttempt(server.port, UNKNOWN);
      assert.deepEqual(rawShape(unknown, UNKNOWN), rawShape(wrong, 'thanosql'));
      assert.equal(wrong.error?.C, '28P01');
      const expected = { 'scram-sha-256': ['R10', 'R11', 'E'], md5: ['R5', 'E'], password: ['R3', 'E'] }[method];
      assert.deepEqual(rawShape(unknown, UNKNOWN).sequence, expected);
    });

    if (method === 'scram-sha-256') {
      test('SCRAM: an unknown role has a salt like a real one, stable across connections and threads', async () => {
        // Concurrent attempts land on different engine threads.
        const [a, b] = await Promise.all([rawLoginAttempt(server.port, UNKNOWN), rawLoginAttempt(server.port, UNKNOWN)]);
        const [c, d] = await Promise.all([rawLoginAttempt(server.port, 'thanosql'), rawLoginAttempt(server.port, 'thanosql')]);
        const saltOf = (x: RawAttempt) => {
          const m = /^r=[^,]+,s=([^,]+),i=(\d+)$/.exec(x.serverFirst ?? '');
          assert.ok(m, `server-first ${x.serverFirst}`);
          return { salt: Buffer.from(m[1]!, 'base64'), iterations: Number(m[2]) };
        };
        assert.deepEqual(saltOf(a), saltOf(b));
        assert.deepEqual(saltOf(c), saltOf(d));
        assert.equal(saltOf(a).salt.length, saltOf(c).salt.length);
        assert.equal(saltOf(a).iterations, saltOf(c).iterations);
        assert.notDeepEqual(saltOf(a).salt, saltOf(c).salt);
        assert.notDeepEqual(saltOf(a).salt, saltOf(await rawLoginAttempt(server.port, 'another_unknown')).salt);
      });
    }
  });
}

describe('trust authentication names a missing role', { timeout: TIMEOUT_MS }, () => {
  test('28000 role "x" does not exist, as PostgreSQL says without a password', async () => {
    const server = await startTestServer({});
    try {
      const err = await pgFailure(server.port, UNKNOWN, '');
      assert.equal(err.code, '28000');
      assert.equal(err.message, `role "${UNKNOWN}" does not exist`);
    } finally {
      await server.close();
    }
  });
});

describe('failed logins are throttled per client address', { timeout: TIMEOUT_MS }, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ password: PASSWORD, engineThreads: 2 });
  });
  after(async () => {
    await server?.close();
  });

  test('each failure waits twice as long as the last; a correct client and another address are not delayed', async () => {
    // A correct client logs in and queries over and over while the failures are being delayed.
    let failing = true;
    const correct: number[] = [];
    const correctLoop = (async () => {
      while (failing) {
        const started = Date.now();
        const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', password: PASSWORD });
        await client.connect();
        assert.equal((await client.query('SELECT 1 AS one')).rows[0].one, 1);
        await client.end();
        correct.push(Date.now() - started);
      }
    })();
    // Unknown roles and wrong passwords count alike (so the delay tells nothing either).
    const expected = [100, 200, 400, 800, 1600];
    const took: number[] = [];
    try {
      for (let i = 0; i < expected.length; i++) {
        const started = Date.now();
        const err = await pgFailure(server.port, i % 2 === 0 ? 'thanosql' : UNKNOWN, i % 2 === 0 ? 'wrong' : PASSWORD);
        took.push(Date.now() - started);
        assert.equal(err.code, '28P01');
      }
      // Another address has its own count: its first failure waits 100 ms, not the 3.2 s 127.0.0.1 is at.
      const other = await rawLoginAttempt(server.port, 'thanosql', { localAddress: '127.0.0.2' });
      assert.equal(other.error?.C, '28P01');
      assert.ok(other.ms >= 100 && other.ms < 2500, `a first failure from 127.0.0.2 took ${other.ms} ms`);
    } finally {
      failing = false;
      await correctLoop;
    }
    expected.forEach((ms, i) => assert.ok(took[i]! >= ms, `failure ${i + 1} answered after ${took[i]} ms, expected ≥ ${ms}`));
    assert.ok(took.reduce((a, b) => a + b) >= 3100, `5 failures took ${took.join('+')} ms`);
    assert.ok(correct.length >= 5, `the correct client logged in only ${correct.length} times`);
    assert.ok(Math.max(...correct) < 1500, `a correct login took up to ${Math.max(...correct)} ms (${correct.join(', ')})`);
  });
});

describe('cleartext passwords need TLS', { timeout: TIMEOUT_MS }, () => {
  let dir: string;
  let plain: TestServer;
  let withTls: TestServer;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thanosql-cleartext-'));
    const cert = join(dir, 'server.crt');
    const key = join(dir, 'server.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    plain = await startTestServer({ password: PASSWORD, authMethod: 'password', authThrottle: NO_DELAY });
    withTls = await startTestServer({ password: PASSWORD, authMethod: 'password', tlsCert: cert, tlsKey: key, authThrottle: NO_DELAY });
  });
  after(async () => {
    await plain?.close();
    await withTls?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a client without TLS is refused before it is asked for the password (pg, raw bytes)', async () => {
    const err = await pgFailure(plain.port, 'thanosql', PASSWORD);
    assert.equal(err.code, '28000');
    assert.equal(err.message, 'cleartext password authentication requires an encrypted connection');
    assert.match(String(err.hint), /sslmode=require.*--allow-cleartext-password/);
    const raw = await rawLoginAttempt(plain.port, 'thanosql');
    assert.deepEqual(raw.messages.map((m) => m.type), ['E'], 'no AuthenticationCleartextPassword was sent');
  });

  test('psql shows the message and the hint', async () => {
    const out = await psqlConninfo(`host=127.0.0.1 port=${plain.port} user=thanosql dbname=thanosql sslmode=disable`, 'SELECT 1', PASSWORD);
    assert.equal(out.status, 2);
    assert.match(out.stderr, /FATAL: {2}cleartext password authentication requires an encrypted connection/);
    assert.match(out.stderr, /HINT: {2}Connect with sslmode=require .*--allow-cleartext-password/);
  });

  test('over TLS the same server logs in (psql sslmode=require, pg with ssl)', async () => {
    const out = await psqlConninfo(`host=127.0.0.1 port=${withTls.port} user=thanosql dbname=thanosql sslmode=require`, 'SELECT 1', PASSWORD);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout, '1\n');
    const client = new pg.Client({ host: '127.0.0.1', port: withTls.port, user: 'thanosql', database: 'thanosql', password: PASSWORD, ssl: { rejectUnauthorized: false } });
    await client.connect();
    assert.equal((await client.query('SELECT 2 AS two')).rows[0].two, 2);
    await client.end();
    const plainOnTls = await pgFailure(withTls.port, 'thanosql', PASSWORD);
    assert.equal(plainOnTls.code, '28000');
  });
});
