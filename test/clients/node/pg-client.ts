/**
 * node-postgres (`pg` 8, plus pg-cursor and pg-copy-streams) through the shared scenarios of
 * test/clients/scenarios.md: simple protocol without parameters, unnamed extended statements
 * without parameter types with them, named statements with `name`, text results parsed by OID.
 */
import { connect as netConnect } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import pg from 'pg';
import { authRequest } from './auth-request.js';
import {
  CANCEL_AFTER_MS, CANCEL_LIMIT_MS, DATABASE, ERROR_CASES, HOST, LONG_QUERY, PASSWORD, PAW_QUERY, PAW_STEPS, PAW_TABLE, POOL_RELEASE_SCRIPT,
  PORT, SCRAM_PORT, USER,
  Failure, check, expectEqual, md5Port, runScenarios,
} from './scenario-runner.js';

const CLIENT = 'pg';
const AUTH_SASL = 10;
const AUTH_MD5 = 5;
const CANCEL_REQUEST_CODE = 80877102;

async function connect(port = PORT, password?: string): Promise<pg.Client> {
  const client = new pg.Client({ host: HOST, port, user: USER, database: DATABASE, password, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return client;
}

async function withClient<T>(fn: (c: pg.Client) => Promise<T>, port?: number, password?: string): Promise<T> {
  const client = await connect(port, password);
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const one = async (c: pg.Client, sql: string, values?: unknown[]) => Object.values((await c.query(sql, values)).rows[0] ?? {})[0];

async function expectCode(promise: Promise<unknown>, code: string, what: string): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expectEqual((err as { code?: string }).code, code, `${what}: e.code`);
    return;
  }
  throw new Failure(`${what}: no error`);
}

/** Sends a CancelRequest for `target` on a new socket, as pg's own cancel does. */
function sendCancel(target: pg.Client): void {
  const { processID, secretKey } = target as unknown as { processID: number; secretKey: number };
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  packet.writeInt32BE(processID, 8);
  packet.writeInt32BE(secretKey, 12);
  const socket = netConnect(PORT, HOST, () => socket.end(packet));
  socket.on('error', () => undefined);
}

const ROUNDTRIP_TABLE = 'CREATE TABLE rt (id integer, i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, num numeric(12,2), b boolean, t text, vc varchar(20), bin bytea, d date, ts timestamp, tstz timestamptz, j json)';
const ROUNDTRIP_COLUMNS = 'i2, i4, i8, f4, f8, num, b, t, vc, bin, d, ts, tstz, j';
const JSON_VALUE = { a: [1, 2, null], b: 'x' };

await runScenarios(CLIENT, [
  ['connect-trust', () => withClient(async (c) => expectEqual(await one(c, 'SELECT 1'), 1, 'SELECT 1'))],
  ['connect-scram', async () => {
    expectEqual(await authRequest(HOST, SCRAM_PORT, USER, DATABASE), AUTH_SASL, 'authentication request (10 = SASL)');
    await withClient(async (c) => expectEqual(await one(c, 'SELECT 1'), 1, 'SELECT 1'), SCRAM_PORT, PASSWORD);
  }],
  ['connect-md5', async () => {
    const port = md5Port();
    expectEqual(await authRequest(HOST, port, USER, DATABASE), AUTH_MD5, 'authentication request (5 = md5)');
    await withClient(async (c) => expectEqual(await one(c, 'SELECT 1'), 1, 'SELECT 1'), port, PASSWORD);
  }],
  ['auth-wrong-password', () => expectCode(connect(SCRAM_PORT, `${PASSWORD}-wrong`).then((c) => c.end()), '28P01', 'wrong password')],
  ['version-schema', () => withClient(async (c) => {
    const version = String(await one(c, 'SELECT version()'));
    check(/^PostgreSQL \d+\.\d+/.test(version), `version() = ${version}`);
    expectEqual(await one(c, 'SELECT current_schema()'), 'public', 'current_schema()');
  })],
  ['crud-params', () => withClient(async (c) => {
    await c.query('CREATE TABLE crud (id integer PRIMARY KEY, name text, score double precision)');
    for (const row of [[1, 'ann', 1.5], [2, 'bob', 2.5], [3, 'cy', null]]) {
      expectEqual((await c.query('INSERT INTO crud (id, name, score) VALUES ($1, $2, $3)', row)).rowCount, 1, 'INSERT rowCount');
    }
    expectEqual((await c.query('SELECT name, score FROM crud WHERE id = $1', [2])).rows, [{ name: 'bob', score: 2.5 }], 'SELECT with a parameter');
    expectEqual((await c.query('UPDATE crud SET score = score + $1 WHERE id >= $2', [1, 2])).rowCount, 2, 'UPDATE rowCount');
    expectEqual((await c.query('DELETE FROM crud WHERE name = $1', ['ann'])).rowCount, 1, 'DELETE rowCount');
    expectEqual((await c.query('SELECT id, score FROM crud ORDER BY id')).rows, [{ id: 2, score: 3.5 }, { id: 3, score: null }], 'rows after UPDATE/DELETE');
  })],
  ['prepared-repeat', () => withClient(async (c) => {
    for (let i = 0; i < 7; i++) {
      const result = await c.query({ name: 'add_one', text: 'SELECT $1::integer + 1 AS n', values: [i] });
      expectEqual(result.rows, [{ n: i + 1 }], `named statement run #${i + 1}`);
    }
  })],
  ['prepared-after-writes', () => withClient(async (c) => {
    await c.query(PAW_TABLE);
    // One Parse of 'paw_sums'; every later run only Binds and Executes it.
    const run = async () => Object.values((await c.query({ name: 'paw_sums', text: PAW_QUERY, values: [0] })).rows[0] ?? {});
    for (const [write, n, s] of PAW_STEPS) {
      await c.query(write);
      expectEqual(await run(), [n, s], `named statement after ${write}`);
    }
  })],
  ['types-roundtrip', () => withClient(async (c) => {
    await c.query(ROUNDTRIP_TABLE);
    const values = [-32768, 2147483647, '9007199254740993', 1.5, 0.1, '12345.67', true, 'h\u00e9llo\ttab', 'abc', Buffer.from([0, 1, 255]),
      '2024-02-29', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05.123456+00', JSON.stringify(JSON_VALUE)];
    const placeholders = values.map((_, i) => `$${i + 2}`).join(', ');
    await c.query(`INSERT INTO rt (id, ${ROUNDTRIP_COLUMNS}) VALUES ($1, ${placeholders})`, [1, ...values]);
    await c.query(`INSERT INTO rt (id, ${ROUNDTRIP_COLUMNS}) VALUES ($1, ${placeholders})`, [2, ...values.map(() => null)]);
    const rows = (await c.query(`SELECT ${ROUNDTRIP_COLUMNS} FROM rt ORDER BY id`)).rows as Record<string, unknown>[];
    const got = rows[0]!;
    const want: Record<string, unknown> = {
      i2: -32768, i4: 2147483647, i8: '9007199254740993', f4: 1.5, f8: 0.1, num: '12345.67', b: true, t: 'h\u00e9llo\ttab', vc: 'abc',
      bin: '0001ff', d: new Date(2024, 1, 29).toISOString(), ts: new Date(2024, 0, 2, 3, 4, 5, 123).toISOString(),
      tstz: '2024-01-02T03:04:05.123Z', j: JSON_VALUE,
    };
    const shown = (v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v instanceof Date ? v.toISOString() : v);
    const problems = Object.entries(want).filter(([k, v]) => JSON.stringify(shown(got[k])) !== JSON.stringify(v))
      .map(([k, v]) => `${k}: sent ${JSON.stringify(v)}, got ${JSON.stringify(shown(got[k]))}`);
    problems.push(...Object.entries(rows[1]!).filter(([, v]) => v !== null).map(([k, v]) => `${k}: NULL came back as ${JSON.stringify(v)}`));
    check(problems.length === 0, problems.join('; '));
  })],
  ['types-real-array', () => withClient(async (c) => {
    await c.query('CREATE TABLE ra (id integer, v real[])');
    await c.query('INSERT INTO ra VALUES ($1, $2)', [1, [1.5, -2.25, 0]]);
    await c.query('INSERT INTO ra VALUES ($1, $2)', [2, null]);
    await c.query("INSERT INTO ra VALUES (3, '{0.5,NULL}')");
    expectEqual((await c.query('SELECT v FROM ra ORDER BY id')).rows.map((r) => r.v), [[1.5, -2.25, 0], null, [0.5, null]], 'real[] values');
  })],
  ['txn-commit-rollback', () => withClient(async (c) => {
    await c.query('CREATE TABLE tx (id integer)');
    await c.query('BEGIN');
    await c.query('INSERT INTO tx VALUES ($1)', [1]);
    await c.query('ROLLBACK');
    await c.query('BEGIN');
    await c.query('INSERT INTO tx VALUES ($1)', [2]);
    await c.query('COMMIT');
    await c.query('BEGIN');
    await expectCode(c.query('SELECT * FROM no_such_table'), '42P01', 'error in transaction');
    await expectCode(c.query('SELECT 1'), '25P02', 'statement after the error');
    await c.query('ROLLBACK');
    expectEqual((await c.query('SELECT id FROM tx ORDER BY id')).rows, [{ id: 2 }], 'rows after rollback/commit');
  })],
  ['txn-savepoint', () => withClient(async (c) => {
    await c.query('CREATE TABLE sp (id integer)');
    for (const sql of ['BEGIN', 'INSERT INTO sp VALUES (1)', 'SAVEPOINT s1', 'INSERT INTO sp VALUES (2)', 'ROLLBACK TO SAVEPOINT s1',
      'SAVEPOINT s2', 'INSERT INTO sp VALUES (3)', 'RELEASE SAVEPOINT s2', 'COMMIT']) await c.query(sql);
    expectEqual((await c.query('SELECT id FROM sp ORDER BY id')).rows, [{ id: 1 }, { id: 3 }], 'rows after savepoints');
  })],
  ['cursor-fetch', () => withClient(async (c) => {
    const { default: Cursor } = await import('pg-cursor').catch(() => { throw new Failure('npm package pg-cursor not installed'); });
    const cursor = c.query(new Cursor<{ g: number }>('SELECT g FROM generate_series(1, $1::integer) AS g', [10]));
    expectEqual((await cursor.read(3)).map((r) => r.g), [1, 2, 3], 'first read(3)');
    expectEqual((await cursor.read(100)).map((r) => r.g), [4, 5, 6, 7, 8, 9, 10], 'read(100)');
    await cursor.close();
    expectEqual(await one(c, 'SELECT 1'), 1, 'connection usable after the cursor');
  })],
  ['copy-in', () => withClient(async (c) => {
    const copy = await import('pg-copy-streams').catch(() => { throw new Failure('npm package pg-copy-streams not installed'); });
    await c.query('CREATE TABLE cp (id integer, name text)');
    await pipeline(Readable.from(['1\tone\n2\t', '\\N\n']), c.query(copy.from('COPY cp (id, name) FROM STDIN')));
    await pipeline(Readable.from(['3,"three, 3"\n4,\n']), c.query(copy.from('COPY cp FROM STDIN WITH (FORMAT csv)')));
    expectEqual((await c.query('SELECT id, name FROM cp ORDER BY id')).rows,
      [{ id: 1, name: 'one' }, { id: 2, name: null }, { id: 3, name: 'three, 3' }, { id: 4, name: null }], 'rows after COPY FROM');
  })],
  ['copy-out', () => withClient(async (c) => {
    const copy = await import('pg-copy-streams').catch(() => { throw new Failure('npm package pg-copy-streams not installed'); });
    await c.query('CREATE TABLE co (id integer, name text)');
    await c.query("INSERT INTO co VALUES (1, 'a'), (2, NULL)");
    const collect = async (sql: string) => {
      let text = '';
      await pipeline(c.query(copy.to(sql)), new Writable({ write(chunk: Buffer, _enc, done) { text += chunk.toString(); done(); } }));
      return text;
    };
    expectEqual(await collect('COPY co TO STDOUT'), '1\ta\n2\t\\N\n', 'COPY TO STDOUT');
    expectEqual(await collect('COPY (SELECT id, name FROM co ORDER BY id) TO STDOUT WITH (FORMAT csv, HEADER)'), 'id,name\n1,a\n2,\n', 'COPY (query) csv');
  })],
  ['cancel', () => withClient(async (c) => {
    const started = Date.now();
    const timer = setTimeout(() => sendCancel(c), CANCEL_AFTER_MS);
    try {
      await expectCode(c.query(LONG_QUERY), '57014', 'cancelled query');
    } finally {
      clearTimeout(timer);
    }
    check(Date.now() - started < CANCEL_LIMIT_MS, 'cancel took longer than 10 s');
    expectEqual(await one(c, 'SELECT 1'), 1, 'connection usable after cancel');
  })],
  ['errors-sqlstate', () => withClient(async (c) => {
    await c.query('CREATE TABLE errt (id integer NOT NULL, name text)');
    const problems: string[] = [];
    for (const [sql, code] of ERROR_CASES) {
      await expectCode(c.query(sql), code, sql).catch((err: Error) => problems.push(err.message));
    }
    await expectCode(c.query('SELECT $1::integer', ['abc']), '22P02', "bound 'abc' for an integer").catch((err: Error) => problems.push(err.message));
    check(problems.length === 0, problems.join('; '));
  })],
  ['notice', () => withClient(async (c) => {
    const notices: string[] = [];
    c.on('notice', (n) => notices.push(n.message ?? ''));
    await c.query('DROP TABLE IF EXISTS no_such_table_for_notice');
    check(notices.some((n) => n.includes('does not exist')), `notices: ${JSON.stringify(notices)}`);
  })],
  ['pool-reset', async () => {
    const pool = new pg.Pool({ host: HOST, port: PORT, user: USER, database: DATABASE, max: 1 });
    try {
      const first = await pool.connect();
      const pid = (first as unknown as { processID: number }).processID;
      try {
        await first.query("SET application_name = 'pooled'");
        await first.query(POOL_RELEASE_SCRIPT);
        await first.query('DISCARD ALL');
      } finally {
        first.release();
      }
      const second = await pool.connect();
      try {
        expectEqual((second as unknown as { processID: number }).processID, pid, 'same pooled backend');
        expectEqual(await one(second, 'SHOW application_name'), '', 'application_name after RESET ALL/DISCARD ALL');
      } finally {
        second.release();
      }
    } finally {
      await pool.end();
    }
  }],
]);
