/**
 * Session plumbing through real clients (pg, postgres.js, psql) and a raw socket: startup
 * ParameterStatus, SET/SHOW, transactions and their ReadyForQuery status, empty queries,
 * extended protocol with named statements, skip-to-Sync, SSLRequest, SCRAM.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import postgres from 'postgres';
import { serialize } from 'pg-protocol';
import { RawClient } from './raw-client.js';
import { startTestServer, type TestServer } from './wire-server.js';

const run = promisify(execFile);
const PSQL = '/usr/bin/psql';
let server: TestServer;

before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

const pgClient = async (extra: Partial<pg.ClientConfig> = {}) => {
  const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', ...extra });
  await c.connect();
  return c;
};

test('startup reports PostgreSQL 15 parameters', async () => {
  const raw = await RawClient.connect(server.port, { user: 'thanosql', database: 'thanosql', client_encoding: "'utf-8'", application_name: 'probe' });
  const status = Object.fromEntries(raw.startup.filter((m) => m.name === 'parameterStatus').map((m) => [m.parameterName, m.parameterValue]));
  assert.deepEqual(Object.keys(status), ['application_name', 'client_encoding', 'DateStyle', 'default_transaction_read_only',
    'in_hot_standby', 'integer_datetimes', 'IntervalStyle', 'is_superuser', 'server_encoding', 'server_version',
    'session_authorization', 'standard_conforming_strings', 'TimeZone']);
  assert.equal(status.client_encoding, 'UTF8');
  assert.equal(status.application_name, 'probe');
  assert.equal(status.session_authorization, 'thanosql');
  assert.deepEqual(raw.startup.slice(0, 1).map((m) => m.name), ['authenticationOk']);
  assert.deepEqual(raw.startup.slice(-2).map((m) => m.name), ['backendKeyData', 'readyForQuery']);
  raw.close();
  const c = await pgClient();
  const r = await c.query('SHOW server_version');
  assert.match(String(r.rows[0].server_version), /^15\.\d+ /);
  assert.deepEqual(r.fields.map((f) => f.name), ['server_version']);
  for (const [name, value] of [['DateStyle', 'ISO, MDY'], ['client_encoding', 'UTF8'], ['TimeZone', 'Etc/UTC'],
    ['integer_datetimes', 'on'], ['standard_conforming_strings', 'on'], ['IntervalStyle', 'postgres']]) {
    const s = await c.query(`SHOW ${name}`);
    assert.equal(Object.values(s.rows[0])[0], value, name);
  }
  await c.end();
});

test('asyncpg-style quoted client_encoding is normalised, ParameterStatus follows SET', async () => {
  const raw = RawClient.connect(server.port, { user: 'thanosql', database: 'thanosql', client_encoding: "'utf-8'" });
  const c = await raw;
  c.send(serialize.query("SET application_name = 'x'; SET DateStyle TO 'ISO'"));
  const msgs = await c.until('readyForQuery');
  assert.deepEqual(msgs.filter((m) => m.name === 'parameterStatus').map((m) => [m.parameterName, m.parameterValue]), [['application_name', 'x']]);
  assert.deepEqual(msgs.filter((m) => m.name === 'commandComplete').map((m) => m.text), ['SET', 'SET']);
  c.close();
});

test('DateStyle and IntervalStyle from startup options and SET shape text output; changes are reported', async () => {
  const raw = await RawClient.connect(server.port, { user: 'thanosql', database: 'thanosql', options: '-c DateStyle=German -c IntervalStyle=iso_8601' });
  const status = Object.fromEntries(raw.startup.filter((m) => m.name === 'parameterStatus').map((m) => [m.parameterName, m.parameterValue]));
  assert.equal(status.DateStyle, 'German, DMY');
  assert.equal(status.IntervalStyle, 'iso_8601');
  raw.send(serialize.query("SELECT date '2024-07-01', interval '1 day 2 hours'; SET DateStyle = 'SQL, MDY'; SELECT date '2024-07-01'"));
  const msgs = await raw.until('readyForQuery');
  assert.deepEqual(msgs.filter((m) => m.name === 'parameterStatus').map((m) => [m.parameterName, m.parameterValue]), [['DateStyle', 'SQL, MDY']]);
  assert.deepEqual(msgs.filter((m) => m.name === 'dataRow').map((m) => m.fields), [['01.07.2024', 'P1DT2H'], ['07/01/2024']]);
  raw.close();
  // A parameter is read in the session's field order (here Bind through pg's extended protocol).
  const c = await pgClient({ options: '-c DateStyle=Postgres,DMY', types: { getTypeParser: () => (v: string) => v } } as Partial<pg.ClientConfig>);
  const r = await c.query('SELECT $1::date AS d, $1::date::text AS t', ['03/04/2024']);
  assert.deepEqual(r.rows, [{ d: '03-04-2024', t: '03-04-2024' }]);
  assert.deepEqual((await c.query("SELECT to_char($1::date, 'YYYY-MM-DD') AS iso", ['03/04/2024'])).rows, [{ iso: '2024-04-03' }]);
  await c.end();
});

test('empty queries answer EmptyQueryResponse', async () => {
  const c = await RawClient.connect(server.port);
  for (const sql of ['', ';', '-- ping']) {
    c.send(serialize.query(sql));
    const msgs = await c.until('readyForQuery');
    assert.deepEqual(msgs.map((m) => m.name), ['emptyQuery', 'readyForQuery'], JSON.stringify(sql));
  }
  c.close();
});

test('transaction status, warnings and the failed-block rules', async () => {
  const c = await RawClient.connect(server.port);
  const q = async (sql: string) => {
    c.send(serialize.query(sql));
    return c.until('readyForQuery');
  };
  let m = await q('COMMIT');
  assert.deepEqual(m.map((x) => x.name), ['notice', 'commandComplete', 'readyForQuery']);
  assert.equal(m[0]!.code, '25P01');
  m = await q('BEGIN');
  assert.equal(m.at(-1)!.status, 'T');
  m = await q('BEGIN');
  assert.equal(m[0]!.code, '25001');
  m = await q('SHOW no_such_thing');
  assert.equal(m[0]!.code, '42704');
  assert.equal(m[0]!.message, 'unrecognized configuration parameter "no_such_thing"');
  assert.equal(m.at(-1)!.status, 'E');
  m = await q('SHOW TimeZone');
  assert.equal(m[0]!.code, '25P02');
  m = await q('COMMIT');
  assert.deepEqual(m.map((x) => [x.name, x.text ?? x.status]), [['commandComplete', 'ROLLBACK'], ['readyForQuery', 'I']]);
  m = await q('START TRANSACTION; SAVEPOINT a; SHOW nope');
  assert.equal(m.at(-1)!.status, 'E');
  m = await q('ROLLBACK TO SAVEPOINT a');
  assert.deepEqual(m.map((x) => [x.name, x.text ?? x.status]), [['commandComplete', 'ROLLBACK'], ['readyForQuery', 'T']]);
  m = await q('RELEASE a; ROLLBACK');
  assert.deepEqual(m.map((x) => x.text ?? x.status), ['RELEASE', 'ROLLBACK', 'I']);
  c.close();
});

test('multi-statement query stops at the first error', async () => {
  const c = await RawClient.connect(server.port);
  c.send(serialize.query('SET application_name = a; SHOW nope; SET application_name = b'));
  const m = await c.until('readyForQuery');
  // The statements share one implicit transaction: its rollback undoes the first SET too, and
  // the client is told the restored value before the error.
  assert.deepEqual(m.map((x) => x.name), ['parameterStatus', 'commandComplete', 'parameterStatus', 'error', 'readyForQuery']);
  c.send(serialize.query('SHOW application_name'));
  const shown = await c.until('readyForQuery');
  const values = shown.filter((x) => x.name === 'dataRow').map((x) => x.fields);
  assert.equal(values.length, 1);
  assert.notDeepEqual(values[0], ['a']);
  c.close();
});

test('extended protocol: named statements, Describe, row limits, skip to Sync', async () => {
  const c = await RawClient.connect(server.port);
  c.send(
    serialize.parse({ name: 'st', text: 'SHOW ALL' }),
    serialize.describe({ type: 'S', name: 'st' }),
    serialize.bind({ statement: 'st', portal: 'p' }),
    serialize.execute({ portal: 'p', rows: 2 }),
    serialize.execute({ portal: 'p', rows: 0 }),
    serialize.sync(),
  );
  const m = await c.until('readyForQuery');
  assert.deepEqual(m.slice(0, 7).map((x) => x.name), ['parseComplete', 'parameterDescription', 'rowDescription', 'bindComplete', 'dataRow', 'dataRow', 'portalSuspended']);
  const done = m.find((x) => x.name === 'commandComplete')!;
  assert.equal(done.text, `SHOW`);
  c.send(
    serialize.parse({ name: 'bad', text: 'SHOW nope' }),
    serialize.bind({ statement: 'bad' }),
    serialize.execute({}),
    serialize.sync(),
    serialize.bind({ statement: 'st' }),
    serialize.execute({ rows: 1 }),
    serialize.sync(),
  );
  const e = await c.until('readyForQuery');
  assert.deepEqual(e.map((x) => x.name), ['error', 'readyForQuery']);
  assert.equal(e[0]!.code, '42704');
  const ok = await c.until('readyForQuery');
  assert.deepEqual(ok.map((x) => x.name), ['bindComplete', 'dataRow', 'portalSuspended', 'readyForQuery']);
  c.send(serialize.parse({ name: 'st', text: 'SHOW ALL' }), serialize.sync());
  assert.equal((await c.until('readyForQuery'))[0]!.code, '42P05');
  c.send(serialize.bind({ statement: 'missing' }), serialize.sync());
  assert.equal((await c.until('readyForQuery'))[0]!.code, '26000');
  c.close();
});

test('pg and postgres.js run SET/SHOW through both protocols', async () => {
  const c = await pgClient();
  await c.query('SET search_path TO public');
  assert.equal((await c.query({ text: 'SHOW search_path', name: 'sp' })).rows[0].search_path, 'public');
  assert.equal((await c.query({ text: 'SHOW search_path', name: 'sp' })).rows[0].search_path, 'public');
  await assert.rejects(c.query('SHOW nope'), { code: '42704' });
  await c.end();
  const sql = postgres({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', onnotice: () => {}, fetch_types: false });
  const rows = await sql`SHOW TimeZone`;
  assert.equal(rows[0]!.TimeZone, 'Etc/UTC');
  await sql.begin(async (tx) => { await tx`SET application_name = 'pj'`; });
  await sql.end();
});

test('psql: SSLRequest gets N, session statements work', async () => {
  const { stdout } = await run(PSQL, ['-X', '-A', '-t', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'thanosql', '-d', 'thanosql',
    '-c', 'SHOW DateStyle', '-c', 'BEGIN', '-c', 'COMMIT'], { env: { ...process.env, PGSSLMODE: 'prefer' } });
  assert.equal(stdout, 'ISO, MDY\nBEGIN\nCOMMIT\n');
});

test('unknown database and role are FATAL 3D000 / 28000', async () => {
  await assert.rejects(pgClient({ database: 'nope' }), { code: '3D000', message: 'database "nope" does not exist' });
  await assert.rejects(pgClient({ user: 'nobody' }), { code: '28000', message: 'role "nobody" does not exist' });
  await assert.rejects(pgClient({ options: '-c no_such=1' } as Partial<pg.ClientConfig>), { code: '42704' });
  const c = await pgClient({ options: '-c search_path=x' } as Partial<pg.ClientConfig>);
  assert.equal((await c.query('SHOW search_path')).rows[0].search_path, 'x');
  await c.end();
});

test('SCRAM-SHA-256 with pg, postgres.js and psql; wrong password is 28P01', async () => {
  const secure = await startTestServer({ password: 's3cret' });
  try {
    const base = { host: '127.0.0.1', port: secure.port, user: 'thanosql', database: 'thanosql' };
    const c = new pg.Client({ ...base, password: 's3cret' });
    await c.connect();
    assert.equal((await c.query('SHOW is_superuser')).rows[0].is_superuser, 'on');
    await c.end();
    const bad = new pg.Client({ ...base, password: 'nope' });
    await assert.rejects(bad.connect(), { code: '28P01', message: 'password authentication failed for user "thanosql"' });
    const sql = postgres({ ...base, password: 's3cret', fetch_types: false });
    assert.equal((await sql`SHOW server_encoding`)[0]!.server_encoding, 'UTF8');
    await sql.end();
    const { stdout } = await run(PSQL, ['-X', '-A', '-t', '-h', '127.0.0.1', '-p', String(secure.port), '-U', 'thanosql', '-d', 'thanosql', '-c', 'SHOW client_encoding'],
      { env: { ...process.env, PGPASSWORD: 's3cret' } });
    assert.equal(stdout, 'UTF8\n');
    await assert.rejects(run(PSQL, ['-X', '-h', '127.0.0.1', '-p', String(secure.port), '-U', 'thanosql', '-d', 'thanosql', '-c', 'SELECT 1'],
      { env: { ...process.env, PGPASSWORD: 'wrong' } }), (err: { stderr: string }) => err.stderr.includes('password authentication failed'));
  } finally {
    await secure.close();
  }
});

test('shutdown sends 57P01 to idle clients', async () => {
  const s = await startTestServer();
  const c = await RawClient.connect(s.port);
  await s.close();
  const m = await c.until('error');
  assert.equal(m.at(-1)!.code, '57P01');
});
