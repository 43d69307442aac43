/**
 * PL/pgSQL through real clients: a DO block's RAISE NOTICE reaches `pg` as a NoticeResponse
 * (with its level, SQLSTATE and DETAIL), a plpgsql function returns rows to `pg`, an error
 * carries its SQLSTATE and PL/pgSQL's CONTEXT line, and an endless `LOOP END LOOP` is
 * cancelled by a real CancelRequest (postgres.js) within 1 s while another session keeps
 * answering on the same server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import postgres from 'postgres';
import { connectClient, startTestServer, type TestServer } from './wire-server.js';

/** How long the loop runs before the cancel is sent. */
const RUN_BEFORE_CANCEL_MS = 400;
/** The bound of issue 11 §2: cancelled within 1 s. */
const CANCEL_BOUND_MS = 1000;

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

const pgClient = () => connectClient(server);

test('a DO block\'s RAISE NOTICE arrives as a NoticeResponse', async () => {
  const client = await pgClient();
  try {
    const notices: { severity?: string | undefined; code?: string | undefined; message?: string | undefined; detail?: string | undefined }[] = [];
    client.on('notice', (n) => notices.push(n));
    const result = await client.query(`DO $$
      DECLARE n int := 0;
      BEGIN
        FOR i IN 1..3 LOOP n := n + i; END LOOP;
        RAISE NOTICE 'sum is %', n USING DETAIL = 'from a loop';
        RAISE WARNING 'careful';
        RAISE DEBUG 'not sent at client_min_messages = notice';
      END $$`);
    assert.equal(result.command, 'DO');
    assert.deepEqual(notices.map((n) => [n.severity, n.code, n.message, n.detail]),
      [['NOTICE', '00000', 'sum is 6', 'from a loop'], ['WARNING', '01000', 'careful', undefined]]);
  } finally {
    await client.end();
  }
});

test('a plpgsql function returns rows; its errors carry SQLSTATE and CONTEXT', async () => {
  const client = await pgClient();
  try {
    await client.query('CREATE TABLE plc_t (id int, name text)');
    await client.query(`CREATE FUNCTION plc_fill(n int) RETURNS SETOF plc_t LANGUAGE plpgsql AS $$
      BEGIN
        FOR i IN 1..n LOOP INSERT INTO plc_t VALUES (i, 'row ' || i); END LOOP;
        RETURN QUERY SELECT * FROM plc_t ORDER BY id;
      END $$`);
    const { rows } = await client.query('SELECT * FROM plc_fill($1)', [3]);
    assert.deepEqual(rows, [{ id: 1, name: 'row 1' }, { id: 2, name: 'row 2' }, { id: 3, name: 'row 3' }]);
    await client.query(`CREATE FUNCTION plc_check(x int) RETURNS int LANGUAGE plpgsql AS $$
      BEGIN
        IF x < 0 THEN
          RAISE EXCEPTION 'negative: %', x USING ERRCODE = 'check_violation', HINT = 'pass a positive number';
        END IF;
        RETURN x;
      END $$`);
    await assert.rejects(client.query('SELECT plc_check(-5)'), (err: pg.DatabaseError) => {
      assert.equal(err.code, '23514');
      assert.equal(err.message, 'negative: -5');
      assert.equal(err.hint, 'pass a positive number');
      assert.equal(err.where, 'PL/pgSQL function plc_check(integer) line 4 at RAISE');
      return true;
    });
  } finally {
    await client.end();
  }
});

test('an endless DO loop is cancelled within 1 s and never blocks other sessions', { timeout: 30_000 }, async () => {
  const db = postgres({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', fetch_types: false, max: 1 });
  const other = await pgClient();
  try {
    await db`SELECT 1`;
    const query = db.unsafe('DO $$ BEGIN LOOP END LOOP; END $$');
    // While the loop runs, another session on the same server answers promptly.
    await new Promise((resolve) => setTimeout(resolve, RUN_BEFORE_CANCEL_MS / 2));
    const started = Date.now();
    assert.equal((await other.query('SELECT 41 + 1 AS x')).rows[0].x, 42);
    assert.ok(Date.now() - started < CANCEL_BOUND_MS, 'another session waited for the loop');
    let cancelledAt = 0;
    const timer = setTimeout(() => { cancelledAt = Date.now(); void query.cancel(); }, RUN_BEFORE_CANCEL_MS / 2);
    await assert.rejects(query, { code: '57014', message: 'canceling statement due to user request' });
    clearTimeout(timer);
    assert.ok(cancelledAt > 0, 'the loop ended before it was cancelled');
    const latency = Date.now() - cancelledAt;
    assert.ok(latency < CANCEL_BOUND_MS, `cancelled after ${latency} ms`);
    assert.equal((await db`SELECT 2 AS x`)[0]!.x, 2);
  } finally {
    await db.end();
    await other.end();
  }
});
