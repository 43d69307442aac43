/**
 * TLS through real clients: a self-signed certificate made with the openssl binary, then psql
 * (sslmode=require / prefer / disable, channel_binding=require), pg and postgres.js over TLS,
 * fallback and refusal against a server without a certificate, --require-tls, and the guard
 * against plain-text bytes sent after an SSLRequest.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import pg from 'pg';
import postgres from 'postgres';
import type { StartOptions } from '../../src/main.js';
import { psqlConninfo as psql } from '../harness/psql.js';
import { startTestServer, type TestServer } from './wire-server.js';

const PASSWORD = 'tls-secret';
const SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

const conninfo = (port: number, extra: string) => `host=127.0.0.1 port=${port} user=thanosql dbname=thanosql ${extra}`;

describe('TLS', { timeout: 120_000 }, () => {
  let dir: string;
  let cert: string;
  let key: string;
  const servers: TestServer[] = [];
  let tlsServer: TestServer;
  let plainServer: TestServer;
  let requireServer: TestServer;

  const start = async (opts: StartOptions) => {
    const s = await startTestServer(opts);
    servers.push(s);
    return s;
  };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thanosql-tls-'));
    cert = join(dir, 'server.crt');
    key = join(dir, 'server.key');
    // An EC key is quick to make; its ecdsa-with-SHA256 signature selects SHA-256 for channel binding.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    tlsServer = await start({ tlsCert: cert, tlsKey: key, password: PASSWORD });
    plainServer = await start({});
    requireServer = await start({ tlsCert: cert, tlsKey: key, requireTls: true });
  });
  after(async () => {
    for (const s of servers) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('psql sslmode=require connects over TLS with SCRAM', async () => {
    const out = await psql(conninfo(tlsServer.port, 'sslmode=require'), 'SELECT 1', PASSWORD);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout, '1\n');
    const info = await psql(conninfo(tlsServer.port, 'sslmode=require'), '\\conninfo', PASSWORD);
    assert.match(info.stdout, /SSL connection \(protocol: TLSv1\.[23]/);
  });

  test('psql channel_binding=require uses SCRAM-SHA-256-PLUS', async () => {
    const out = await psql(conninfo(tlsServer.port, 'sslmode=require channel_binding=require'), 'SELECT 2', PASSWORD);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout, '2\n');
  });

  test('psql over TLS with a wrong password gets 28P01', async () => {
    const out = await psql(conninfo(tlsServer.port, 'sslmode=require'), 'SELECT 1', 'nope');
    assert.equal(out.status, 2);
    assert.match(out.stderr, /password authentication failed for user "thanosql"/);
  });

  test('psql sslmode=prefer against a server without TLS falls back to plain text', async () => {
    const out = await psql(conninfo(plainServer.port, 'sslmode=prefer'), '\\conninfo');
    assert.equal(out.status, 0, out.stderr);
    assert.doesNotMatch(out.stdout, /SSL connection/);
    assert.equal((await psql(conninfo(plainServer.port, 'sslmode=prefer'), 'SELECT 3')).stdout, '3\n');
  });

  test('psql sslmode=require against a server without TLS fails', async () => {
    const out = await psql(conninfo(plainServer.port, 'sslmode=require'), 'SELECT 1');
    assert.equal(out.status, 2);
    assert.match(out.stderr, /server does not support SSL, but SSL was required/);
  });

  test('--require-tls refuses plain text with 28000 and accepts TLS', async () => {
    const plain = await psql(conninfo(requireServer.port, 'sslmode=disable'), 'SELECT 1');
    assert.equal(plain.status, 2);
    assert.match(plain.stderr, /no pg_hba\.conf entry for host "127\.0\.0\.1", user "thanosql", database "thanosql", no encryption/);
    const secure = await psql(conninfo(requireServer.port, 'sslmode=require'), 'SELECT 4');
    assert.equal(secure.status, 0, secure.stderr);
    assert.equal(secure.stdout, '4\n');
    // prefer tries TLS first, so it works too.
    assert.equal((await psql(conninfo(requireServer.port, 'sslmode=prefer'), 'SELECT 5')).stdout, '5\n');
  });

  test('pg with ssl { rejectUnauthorized: false } (SCRAM, then SCRAM-PLUS)', async () => {
    for (const enableChannelBinding of [false, true]) {
      const client = new pg.Client({
        host: '127.0.0.1', port: tlsServer.port, user: 'thanosql', database: 'thanosql', password: PASSWORD,
        ssl: { rejectUnauthorized: false }, enableChannelBinding,
      });
      await client.connect();
      try {
        const stream = (client as unknown as { connection: { stream: unknown } }).connection.stream;
        assert.ok(stream instanceof TLSSocket, 'pg is connected over TLS');
        const r = await client.query('SELECT 1 AS one');
        assert.deepEqual(r.rows, [{ one: 1 }]);
      } finally {
        await client.end();
      }
    }
  });

  test('pg with ssl and a wrong password gets 28P01', async () => {
    const client = new pg.Client({
      host: '127.0.0.1', port: tlsServer.port, user: 'thanosql', database: 'thanosql', password: 'wrong', ssl: { rejectUnauthorized: false },
    });
    await assert.rejects(client.connect(), (err: { code?: string }) => err.code === '28P01');
  });

  test("postgres.js with ssl: 'require'", async () => {
    const sql = postgres({ host: '127.0.0.1', port: tlsServer.port, user: 'thanosql', database: 'thanosql', password: PASSWORD, ssl: 'require', max: 1, fetch_types: false });
    try {
      const rows = await sql`SELECT 1 AS one`;
      assert.equal(rows[0]!.one, 1);
    } finally {
      await sql.end();
    }
  });

  test('postgres.js with ssl { rejectUnauthorized: false } to a --require-tls server', async () => {
    const sql = postgres({ host: '127.0.0.1', port: requireServer.port, user: 'thanosql', database: 'thanosql', ssl: { rejectUnauthorized: false }, max: 1, fetch_types: false });
    try {
      assert.equal((await sql`SELECT 6 AS n`)[0]!.n, 6);
    } finally {
      await sql.end();
    }
  });

  test('plain-text bytes sent right after an SSLRequest are refused (08P01)', async () => {
    const reply = await new Promise<Buffer>((resolve, reject) => {
      const sock = connect(tlsServer.port, '127.0.0.1');
      const chunks: Buffer[] = [];
      sock.on('data', (d: Buffer) => chunks.push(d));
      sock.on('error', reject);
      sock.on('close', () => resolve(Buffer.concat(chunks)));
      // SSLRequest and a startup packet in one write: a man in the middle could have injected it.
      sock.write(Buffer.concat([SSL_REQUEST, Buffer.from([0, 0, 0, 8, 0, 3, 0, 0])]));
    });
    assert.equal(String.fromCharCode(reply[0]!), 'E');
    assert.match(reply.toString('latin1'), /08P01.*received unencrypted data after SSL request/s);
  });

  test('a failed TLS handshake closes only that connection', async () => {
    const sock = connect(tlsServer.port, '127.0.0.1');
    const closed = new Promise<void>((resolve) => sock.on('close', () => resolve()));
    sock.on('error', () => {});
    sock.once('data', (d: Buffer) => {
      assert.equal(String.fromCharCode(d[0]!), 'S');
      sock.write(Buffer.from('this is not a TLS ClientHello\n'));
    });
    sock.write(SSL_REQUEST);
    await closed;
    const out = await psql(conninfo(tlsServer.port, 'sslmode=require'), 'SELECT 7', PASSWORD);
    assert.equal(out.stdout, '7\n', out.stderr);
  });

  test('an idle TLS client gets FATAL 57P01 at shutdown', async () => {
    const s = await start({ tlsCert: cert, tlsKey: key });
    const client = new pg.Client({ host: '127.0.0.1', port: s.port, user: 'thanosql', database: 'thanosql', ssl: { rejectUnauthorized: false } });
    await client.connect();
    const error = new Promise<Error & { code?: string }>((resolve) => client.on('error', (err: Error & { code?: string }) => resolve(err)));
    await s.close();
    assert.equal((await error).code, '57P01');
  });

  test('a second SSLRequest inside TLS is answered N; GSSENCRequest is always N', async () => {
    const sock = connect(tlsServer.port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
    const byte = (s: Socket, data: Buffer) => new Promise<string>((resolve) => {
      s.once('data', (d: Buffer) => resolve(String.fromCharCode(d[0]!)));
      s.write(data);
    });
    assert.equal(await byte(sock, Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x30])), 'N');
    assert.equal(await byte(sock, SSL_REQUEST), 'S');
    const secure = tlsConnect({ socket: sock, rejectUnauthorized: false });
    await new Promise<void>((resolve) => secure.once('secureConnect', resolve));
    assert.equal(await byte(secure, SSL_REQUEST), 'N');
    secure.destroy();
  });
});
