/**
 * Password authentication methods through real clients: for scram-sha-256, md5 and password
 * (cleartext, here with --allow-cleartext-password: without TLS it is refused otherwise, see
 * auth-hardening.test.ts), psql (PGPASSWORD), pg and postgres.js log in with the right password
 * and get FATAL 28P01 with a wrong one; a raw StartupMessage shows which Authentication request
 * each method sends (R 10 SASL, R 5 MD5 + 4-byte salt, R 3 cleartext).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import pg from 'pg';
import postgres from 'postgres';
import { serialize } from 'pg-protocol';
import type { AuthMethod } from '../../src/config/server-config.js';
import { psqlConninfo } from '../harness/psql.js';
import { startTestServer, type TestServer } from './wire-server.js';

const PASSWORD = 'p@ss wörd';
/** Authentication request codes (the int32 after 'R'). */
const AUTH_CODE: Readonly<Record<AuthMethod, number>> = { 'scram-sha-256': 10, md5: 5, password: 3 };
const MD5_SALT_BYTES = 4;

/** psql as `user` with `password` in PGPASSWORD, unaligned tuples-only. */
const psql = (port: number, user: string, password: string, sql: string) =>
  psqlConninfo(`host=127.0.0.1 port=${port} user=${user} dbname=thanosql`, sql, password);

/** The first message the server answers a StartupMessage with. */
function firstAuthRequest(port: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => sock.write(serialize.startup({ user: 'thanosql', database: 'thanosql' })));
    let got = Buffer.alloc(0);
    sock.on('error', reject);
    sock.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (got.length >= 5 && got.length >= 1 + got.readInt32BE(1)) {
        sock.destroy();
        resolve(got.subarray(0, 1 + got.readInt32BE(1)));
      }
    });
  });
}

const METHODS: readonly AuthMethod[] = ['scram-sha-256', 'md5', 'password'];

for (const method of METHODS) {
  describe(`auth method ${method}`, { timeout: 120_000 }, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer({ password: PASSWORD, authMethod: method, allowCleartextPassword: method === 'password' });
    });
    after(async () => {
      await server?.close();
    });

    test('sends the method\'s Authentication request', async () => {
      const msg = await firstAuthRequest(server.port);
      assert.equal(String.fromCharCode(msg[0]!), 'R');
      assert.equal(msg.readInt32BE(5), AUTH_CODE[method]);
      if (method === 'md5') assert.equal(msg.length, 9 + MD5_SALT_BYTES);
      if (method === 'scram-sha-256') assert.equal(msg.subarray(9).toString(), 'SCRAM-SHA-256\0\0');
    });

    test('psql with PGPASSWORD logs in; a wrong password is 28P01', async () => {
      const ok = await psql(server.port, 'thanosql', PASSWORD, 'SELECT 1');
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout, '1\n');
      const bad = await psql(server.port, 'thanosql', 'wrong', 'SELECT 1');
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /FATAL: {2}password authentication failed for user "thanosql"/);
    });

    test('pg logs in (as thanosql and as the postgres alias); a wrong password is 28P01', async () => {
      for (const user of ['thanosql', 'postgres']) {
        const client = new pg.Client({ host: '127.0.0.1', port: server.port, user, database: 'thanosql', password: PASSWORD });
        await client.connect();
        try {
          assert.deepEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
        } finally {
          await client.end();
        }
      }
      const bad = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', password: 'wrong' });
      await assert.rejects(bad.connect(), (err: { code?: string; message?: string }) =>
        err.code === '28P01' && err.message === 'password authentication failed for user "thanosql"');
    });

    test('postgres.js logs in; a wrong password is 28P01', async () => {
      const base = { host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', max: 1, fetch_types: false } as const;
      const sql = postgres({ ...base, password: PASSWORD });
      try {
        assert.equal((await sql`SELECT 1 AS one`)[0]!.one, 1);
      } finally {
        await sql.end();
      }
      const bad = postgres({ ...base, password: 'wrong' });
      try {
        await assert.rejects(bad`SELECT 1`, (err: { code?: string }) => err.code === '28P01');
      } finally {
        await bad.end();
      }
    });
  });
}
