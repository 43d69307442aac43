/**
 * A plain scan streamed as column batches (text as stored UTF-8 bytes), through real clients:
 * every row of a table spanning several row groups arrives intact in text and binary formats;
 * Execute with a row limit (postgres.js cursors) cuts a batch and resumes after the cut; a
 * cursor reads its statement's snapshot while another session writes; a cancel stops it (57014).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import postgres from 'postgres';
import { startTestServer, type TestServer } from './wire-server.js';

/** More rows than two row groups (2,048 rows each), the last one partial. */
const ROWS = 5000;
let server: TestServer;

const connect = async () => {
  const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await c.connect();
  return c;
};
const postgresJs = () => postgres({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', fetch_types: false });

/** Row i as the table holds it: multi-byte and empty text, NULLs in turn, a float, a timestamp. */
const expected = (i: number) => ({
  id: i,
  t: i % 7 === 0 ? null : i % 11 === 0 ? '' : `row ${i} é日`,
  f: i % 5 === 0 ? null : i / 8,
  ts: i % 3 === 0 ? null : `2024-01-02 03:04:${String(i % 60).padStart(2, '0')}${fraction(i)}`,
});

/** i microseconds as PostgreSQL prints a fraction: trailing zeros dropped, none for zero. */
function fraction(i: number): string {
  const digits = String(i).padStart(6, '0').replace(/0+$/, '');
  return digits === '' ? '' : `.${digits}`;
}

before(async () => {
  server = await startTestServer();
  const c = await connect();
  await c.query('CREATE TABLE cb (id int, t text, f float8, ts timestamp)');
  await c.query(`INSERT INTO cb SELECT g,
    CASE WHEN g % 7 = 0 THEN NULL WHEN g % 11 = 0 THEN '' ELSE 'row ' || g || ' é日' END,
    CASE WHEN g % 5 = 0 THEN NULL ELSE g / 8.0 END,
    CASE WHEN g % 3 = 0 THEN NULL ELSE ('2024-01-02 03:04:' || lpad((g % 60)::text, 2, '0') || '.' || lpad(g::text, 6, '0'))::timestamp END
    FROM generate_series(0, ${ROWS - 1}) g`);
  await c.end();
});
after(async () => { await server?.close(); });

test('SELECT * over several row groups: every row, in order, text format', async () => {
  const c = await connect();
  // Timestamps as their text, to compare the server's formatting, not pg's Date parsing.
  const asText = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;
  const { rows } = await c.query<Record<string, unknown>>({ text: 'SELECT * FROM cb', types: asText });
  assert.equal(rows.length, ROWS);
  rows.forEach((row, i) => {
    const e = expected(i);
    assert.deepEqual(row, { id: String(e.id), t: e.t, f: e.f === null ? null : String(e.f), ts: e.ts });
  });
  await c.end();
});

test('binary format results (as pgJDBC / asyncpg ask): the same values', async () => {
  const c = await connect();
  const binary = { text: 'SELECT id, t, f FROM cb', binary: true } as unknown as pg.QueryConfig;
  const { rows } = await c.query<Record<string, unknown>>(binary);
  assert.equal(rows.length, ROWS);
  rows.forEach((row, i) => {
    const e = expected(i);
    assert.deepEqual(row, { id: e.id, t: e.t, f: e.f });
  });
  await c.end();
});

test('Execute with a row limit cuts column batches and resumes after the cut', async () => {
  const sql = postgresJs();
  const sizes: number[] = [];
  const ids: number[] = [];
  for await (const rows of sql`SELECT id, t FROM cb`.cursor(1500)) {
    sizes.push(rows.length);
    for (const row of rows) {
      assert.equal(row.t, expected(row.id as number).t);
      ids.push(row.id as number);
    }
  }
  assert.deepEqual(sizes, [1500, 1500, 1500, 500]);
  assert.deepEqual(ids, Array.from({ length: ROWS }, (_, i) => i));
  await sql.end();
});

test('a cursor reads its snapshot while another session deletes and inserts', async () => {
  const sql = postgresJs();
  const other = await connect();
  let seen = 0;
  let wrote = false;
  for await (const rows of sql`SELECT id, t FROM cb`.cursor(1000)) {
    seen += rows.length;
    if (!wrote) {
      await other.query('BEGIN');
      await other.query('DELETE FROM cb WHERE id >= 4000');
      await other.query("INSERT INTO cb (id, t) VALUES (-1, 'new')");
      await other.query('ROLLBACK');
      await other.query("INSERT INTO cb (id, t) VALUES (-2, 'committed after the cursor started')");
      wrote = true;
    }
  }
  assert.equal(seen, ROWS);
  assert.equal((await other.query('SELECT count(*)::int AS n FROM cb')).rows[0].n, ROWS + 1);
  await other.query('DELETE FROM cb WHERE id = -2');
  await other.end();
  await sql.end();
});

test('a cancel while the client is not reading stops the stream with 57014; the session goes on', async () => {
  const c = await connect();
  // Far more than the sockets' buffers hold (~10 MB), so the server is still sending.
  await c.query("CREATE TABLE cb_big AS SELECT g AS id, repeat('x', 90) || g AS t FROM generate_series(1, 100000) g");
  const pid = (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
  const canceller = await connect();
  const socket = (c as unknown as { connection: { stream: { pause(): void; resume(): void } } }).connection.stream;
  let rows = 0;
  const stream = new Promise<void>((resolve, reject) => {
    const q = new pg.Query('SELECT * FROM cb_big');
    q.on('row', () => {
      if (rows++ > 0) return;
      socket.pause();
      void canceller.query('SELECT pg_cancel_backend($1)', [pid]).then(() => socket.resume());
    });
    q.on('end', () => resolve());
    q.on('error', reject);
    c.query(q);
  });
  await assert.rejects(stream, { code: '57014' });
  assert.ok(rows < 100000, `${rows} rows arrived before the cancel`);
  assert.equal((await c.query('SELECT count(*)::int AS n FROM cb_big')).rows[0].n, 100000);
  await c.query('DROP TABLE cb_big');
  await canceller.end();
  await c.end();
});
