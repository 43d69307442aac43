/**
 * postgres.js 3.4 through the shared scenarios of test/clients/scenarios.md: every query a named
 * prepared statement (Parse + Describe S + Flush, parameters encoded per ParameterDescription),
 * .cursor(n) as Execute(maxRows) + Flush, query.cancel() as CancelRequest, and its array-type
 * fetch on connect. Scenarios turn fetch_types off so a missing pg_type does not hide them, except
 * the two that need it: `types-real-array` (arrays are typed from the fetched list) and
 * `fetch-types-on-connect`.
 */
import { pipeline } from 'node:stream/promises';
import { Readable, Writable } from 'node:stream';
import postgres from 'postgres';
import {
  CANCEL_AFTER_MS, CANCEL_LIMIT_MS, DATABASE, ERROR_CASES, HOST, LONG_QUERY, PASSWORD, PAW_STEPS, PAW_TABLE, POOL_RELEASE_SCRIPT, PORT,
  SCRAM_PORT, USER,
  Failure, check, expectEqual, md5Port, runScenarios,
} from './scenario-runner.js';

const CLIENT = 'postgresjs';
/** float4: postgres.js maps it to real[] (1021) through the fetched array types. */
const REAL_OID = 700;
type Sql = postgres.Sql;

function connect(options: postgres.Options<Record<string, postgres.PostgresType>> = {}): Sql {
  return postgres({ host: HOST, port: PORT, user: USER, database: DATABASE, fetch_types: false, connect_timeout: 10, onnotice: () => undefined, ...options });
}

async function withSql(fn: (sql: Sql) => Promise<void>, options: postgres.Options<Record<string, postgres.PostgresType>> = {}): Promise<void> {
  const sql = connect(options);
  try {
    await fn(sql);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

async function expectCode(promise: PromiseLike<unknown>, code: string, what: string): Promise<void> {
  try {
    await promise;
  } catch (err) {
    expectEqual((err as { code?: string }).code, code, `${what}: e.code`);
    return;
  }
  throw new Failure(`${what}: no error`);
}

const JSON_VALUE = { a: [1, 2, null], b: 'x' };

await runScenarios(CLIENT, [
  ['connect-trust', () => withSql(async (sql) => expectEqual((await sql`SELECT 1 AS n`)[0], { n: 1 }, 'SELECT 1'))],
  ['connect-scram', () => withSql(async (sql) => expectEqual((await sql`SELECT 1 AS n`)[0], { n: 1 }, 'SELECT 1'), { port: SCRAM_PORT, password: PASSWORD })],
  ['connect-md5', () => withSql(async (sql) => expectEqual((await sql`SELECT 1 AS n`)[0], { n: 1 }, 'SELECT 1'), { port: md5Port(), password: PASSWORD })],
  ['auth-wrong-password', () => withSql((sql) => expectCode(sql`SELECT 1`, '28P01', 'wrong password'), { port: SCRAM_PORT, password: `${PASSWORD}-wrong` })],
  ['version-schema', () => withSql(async (sql) => {
    const [row] = await sql`SELECT version() AS v, current_schema() AS s`;
    check(/^PostgreSQL \d+\.\d+/.test(String(row!.v)), `version() = ${row!.v}`);
    expectEqual(row!.s, 'public', 'current_schema()');
  })],
  ['crud-params', () => withSql(async (sql) => {
    await sql`CREATE TABLE crud (id integer PRIMARY KEY, name text, score double precision)`;
    for (const [id, name, score] of [[1, 'ann', 1.5], [2, 'bob', 2.5], [3, 'cy', null]] as const) {
      expectEqual((await sql`INSERT INTO crud (id, name, score) VALUES (${id}, ${name}, ${score})`).count, 1, 'INSERT count');
    }
    expectEqual([...await sql`SELECT name, score FROM crud WHERE id = ${2}`], [{ name: 'bob', score: 2.5 }], 'SELECT with a parameter');
    expectEqual((await sql`UPDATE crud SET score = score + ${1} WHERE id >= ${2}`).count, 2, 'UPDATE count');
    expectEqual((await sql`DELETE FROM crud WHERE name = ${'ann'}`).count, 1, 'DELETE count');
    expectEqual([...await sql`SELECT id, score FROM crud ORDER BY id`], [{ id: 2, score: 3.5 }, { id: 3, score: null }], 'rows after UPDATE/DELETE');
  })],
  ['prepared-repeat', () => withSql(async (sql) => {
    for (let i = 0; i < 7; i++) expectEqual([...await sql`SELECT ${i}::integer + 1 AS n`], [{ n: i + 1 }], `run #${i + 1}`);
  })],
  ['prepared-after-writes', () => withSql(async (sql) => {
    await sql.unsafe(PAW_TABLE);
    // postgres.js prepares the query text once per connection and reuses the named statement.
    for (const [write, n, s] of PAW_STEPS) {
      await sql.unsafe(write);
      const rows = await sql`SELECT count(*)::integer AS n, sum(a)::integer AS s FROM paw WHERE a > ${0}`;
      expectEqual(Object.values(rows[0]!), [n, s], `prepared statement after ${write}`);
    }
  }, { max: 1 })],
  ['types-roundtrip', () => withSql(async (sql) => {
    await sql`CREATE TABLE rt (id integer, i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision, num numeric(12,2), b boolean, t text, vc varchar(20), bin bytea, d date, ts timestamp, tstz timestamptz, j json)`;
    const v = {
      i2: -32768, i4: 2147483647, i8: '9007199254740993', f4: 1.5, f8: 0.1, num: '12345.67', b: true, t: 'h\u00e9llo\ttab', vc: 'abc',
      bin: Buffer.from([0, 1, 255]), d: '2024-02-29', ts: '2024-01-02 03:04:05.123456', tstz: '2024-01-02 03:04:05.123456+00', j: JSON_VALUE,
    };
    await sql`INSERT INTO rt (id, i2, i4, i8, f4, f8, num, b, t, vc, bin, d, ts, tstz, j) VALUES (1, ${v.i2}, ${v.i4}, ${v.i8}, ${v.f4}, ${v.f8},
      ${v.num}, ${v.b}, ${v.t}, ${v.vc}, ${v.bin}, ${v.d}, ${v.ts}, ${v.tstz}, ${sql.json(v.j)})`;
    await sql`INSERT INTO rt (id) VALUES (2)`;
    const rows = await sql`SELECT i2, i4, i8, f4, f8, num, b, t, vc, bin, d, ts, tstz, j FROM rt ORDER BY id`;
    const got = rows[0] as Record<string, unknown>;
    const want: Record<string, unknown> = {
      ...v, bin: '0001ff', d: new Date(2024, 1, 29).toISOString(), ts: new Date(2024, 0, 2, 3, 4, 5, 123).toISOString(), tstz: '2024-01-02T03:04:05.123Z',
    };
    const shown = (x: unknown) => (Buffer.isBuffer(x) ? x.toString('hex') : x instanceof Date ? x.toISOString() : x);
    const problems = Object.entries(want).filter(([k, w]) => JSON.stringify(shown(got[k])) !== JSON.stringify(w))
      .map(([k, w]) => `${k}: sent ${JSON.stringify(w)}, got ${JSON.stringify(shown(got[k]))}`);
    problems.push(...Object.entries(rows[1]!).filter(([, x]) => x !== null).map(([k, x]) => `${k}: NULL came back as ${JSON.stringify(x)}`));
    check(problems.length === 0, problems.join('; '));
  })],
  ['types-real-array', () => withSql(async (sql) => {
    await sql`CREATE TABLE ra (id integer, v real[])`;
    // postgres.js infers no type from JS numbers and sends sql.array([1.5]) as text[] (1009), which
    // PostgreSQL 15 rejects for a real[] column with 42804 too; the element OID (700) makes it real[] (1021).
    await expectCode(sql`INSERT INTO ra VALUES (0, ${sql.array([1.5])})`, '42804', 'untyped number array into real[]');
    await sql`INSERT INTO ra VALUES (1, ${sql.array([1.5, -2.25, 0], REAL_OID)})`;
    await sql`INSERT INTO ra VALUES (2, ${null})`;
    await sql`INSERT INTO ra VALUES (3, '{0.5,NULL}')`;
    // A plain JS array goes out untyped and is serialised per ParameterDescription (1021).
    await sql`INSERT INTO ra VALUES (4, ${[0.25, -1]})`;
    expectEqual((await sql`SELECT v FROM ra ORDER BY id`).map((r) => r.v), [[1.5, -2.25, 0], null, [0.5, null], [0.25, -1]], 'real[] values');
  }, { fetch_types: true })], // arrays need the fetched array types (element OID -> array OID)
  ['txn-commit-rollback', () => withSql(async (sql) => {
    await sql`CREATE TABLE tx (id integer)`;
    await sql.begin(async (tx) => {
      await tx`INSERT INTO tx VALUES (${1})`;
      throw new Error('rollback');
    }).catch((err: Error) => { if (err.message !== 'rollback') throw err; });
    await sql.begin(async (tx) => { await tx`INSERT INTO tx VALUES (${2})`; });
    const reserved = await sql.reserve();
    try {
      await reserved`BEGIN`;
      await expectCode(reserved`SELECT * FROM no_such_table`, '42P01', 'error in transaction');
      await expectCode(reserved`SELECT 1`, '25P02', 'statement after the error');
      await reserved`ROLLBACK`;
    } finally {
      reserved.release();
    }
    expectEqual((await sql`SELECT id FROM tx ORDER BY id`).map((r) => r.id), [2], 'rows after rollback/commit');
  })],
  ['txn-savepoint', () => withSql(async (sql) => {
    await sql`CREATE TABLE sp (id integer)`;
    await sql.begin(async (tx) => {
      await tx`INSERT INTO sp VALUES (1)`;
      await tx.savepoint(async (s) => {
        await s`INSERT INTO sp VALUES (2)`;
        throw new Error('to savepoint');
      }).catch((err: Error) => { if (err.message !== 'to savepoint') throw err; });
      await tx.savepoint(async (s) => { await s`INSERT INTO sp VALUES (3)`; });
    });
    expectEqual((await sql`SELECT id FROM sp ORDER BY id`).map((r) => r.id), [1, 3], 'rows after savepoints');
  })],
  ['cursor-fetch', () => withSql(async (sql) => {
    const batches: number[][] = [];
    for await (const rows of sql`SELECT g FROM generate_series(1, 10) AS g`.cursor(3)) batches.push(rows.map((r) => r.g as number));
    expectEqual(batches, [[1, 2, 3], [4, 5, 6], [7, 8, 9], [10]], 'batches of .cursor(3)');
  })],
  ['batch', () => withSql(async (sql) => {
    await sql`CREATE TABLE bt (id integer, name text)`;
    const rows = Array.from({ length: 20 }, (_, i) => ({ id: i, name: `n${i}` }));
    expectEqual((await sql`INSERT INTO bt ${sql(rows, 'id', 'name')}`).count, 20, 'multi-row insert count');
    expectEqual([...await sql`SELECT count(*)::integer AS n FROM bt`], [{ n: 20 }], 'rows after the insert');
  })],
  ['copy-in', () => withSql(async (sql) => {
    await sql`CREATE TABLE cp (id integer, name text)`;
    await pipeline(Readable.from(['1\tone\n', '2\t\\N\n']), await sql`COPY cp (id, name) FROM STDIN`.writable());
    await pipeline(Readable.from(['3,"three, 3"\n4,\n']), await sql`COPY cp FROM STDIN WITH (FORMAT csv)`.writable());
    expectEqual([...await sql`SELECT id, name FROM cp ORDER BY id`],
      [{ id: 1, name: 'one' }, { id: 2, name: null }, { id: 3, name: 'three, 3' }, { id: 4, name: null }], 'rows after COPY FROM');
  })],
  ['copy-out', () => withSql(async (sql) => {
    await sql`CREATE TABLE co (id integer, name text)`;
    await sql`INSERT INTO co VALUES (1, 'a'), (2, NULL)`;
    let text = '';
    await pipeline(await sql`COPY co TO STDOUT`.readable(), new Writable({ write(chunk: Buffer, _e, done) { text += chunk.toString(); done(); } }));
    expectEqual(text, '1\ta\n2\t\\N\n', 'COPY TO STDOUT');
  })],
  ['cancel', () => withSql(async (sql) => {
    const started = Date.now();
    const query = sql.unsafe(LONG_QUERY);
    const timer = setTimeout(() => void query.cancel(), CANCEL_AFTER_MS);
    try {
      await expectCode(query, '57014', 'cancelled query');
    } finally {
      clearTimeout(timer);
    }
    check(Date.now() - started < CANCEL_LIMIT_MS, 'cancel took longer than 10 s');
    expectEqual([...await sql`SELECT 1 AS n`], [{ n: 1 }], 'connection usable after cancel');
  }, { max: 1 })],
  ['errors-sqlstate', () => withSql(async (sql) => {
    await sql`CREATE TABLE errt (id integer NOT NULL, name text)`;
    const problems: string[] = [];
    for (const [text, code] of ERROR_CASES) await expectCode(sql.unsafe(text), code, text).catch((err: Error) => problems.push(err.message));
    await expectCode(sql`SELECT ${'abc'}::integer`, '22P02', "bound 'abc' for an integer").catch((err: Error) => problems.push(err.message));
    check(problems.length === 0, problems.join('; '));
  })],
  ['notice', async () => {
    const notices: string[] = [];
    await withSql(async (sql) => { await sql`DROP TABLE IF EXISTS no_such_table_for_notice`; }, { onnotice: (n) => notices.push(String(n.message)) });
    check(notices.some((n) => n.includes('does not exist')), `notices: ${JSON.stringify(notices)}`);
  }],
  ['pool-reset', () => withSql(async (sql) => {
    // The startup packet's application_name ('postgres.js') is the session default, so RESET ALL and
    // DISCARD ALL go back to it, not to '' (verified on PostgreSQL 15). SHOW goes through the simple
    // protocol because DISCARD ALL also drops postgres.js's cached prepared statements.
    const shown = async () => [...await sql.unsafe('SHOW application_name').simple()];
    await sql`SET application_name = 'pooled'`;
    expectEqual(await shown(), [{ application_name: 'pooled' }], 'application_name after SET');
    await sql.unsafe(POOL_RELEASE_SCRIPT).simple();
    expectEqual(await shown(), [{ application_name: 'postgres.js' }], 'application_name after RESET ALL');
    await sql`SET application_name = 'pooled'`;
    await sql.unsafe('DISCARD ALL').simple();
    expectEqual(await shown(), [{ application_name: 'postgres.js' }], 'application_name after DISCARD ALL');
  }, { max: 1 })],
  ['fetch-types-on-connect', () => withSql(async (sql) => {
    // postgres.js types the parameters of the very first query before its pg_type fetch has answered
    // (porsager/postgres#789: the first sql.array goes out as '1,2' and PostgreSQL 15 says 22P02 too),
    // so one query runs first, as in any application.
    await sql`SELECT 1`;
    const [row] = await sql`SELECT ${sql.array([1, 2])}::integer[] AS a, ${sql.array(['x', 'y'])}::text[] AS t`;
    expectEqual(row, { a: [1, 2], t: ['x', 'y'] }, 'int[] and text[] parameters');
  }, { fetch_types: true })],
]);
