/**
 * CREATE TABLE AS and SELECT INTO report `SELECT n` with the rows they stored, through `pg`,
 * in the simple and the extended protocol (they return no rows, so the count is not the rows
 * the client received), `CREATE TABLE AS` when WITH NO DATA (but `SELECT 0` for AS EXECUTE); SELECT INTO creates its table rather
 * than returning the rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { startTestServer } from './wire-server.js';

test('CREATE TABLE AS / SELECT INTO tag SELECT n with the stored row count', async () => {
  const server = await startTestServer();
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  try {
    await client.query('CREATE TABLE src (a int)');
    await client.query('INSERT INTO src VALUES (1), (2), (3)');
    const tagOf = (r: pg.QueryResult) => [r.command, r.rowCount, r.rows.length];
    assert.deepEqual(tagOf(await client.query('CREATE TABLE c1 AS SELECT a FROM src')), ['SELECT', 3, 0]);
    assert.deepEqual(tagOf(await client.query('CREATE TABLE c2 AS SELECT a FROM src WHERE a > $1', [1])), ['SELECT', 2, 0]);
    // WITH NO DATA runs no query: PostgreSQL 15 reports `CREATE TABLE AS`, no count.
    assert.deepEqual(tagOf(await client.query('CREATE TABLE c3 AS SELECT a FROM src WITH NO DATA')), ['CREATE', null, 0]);
    assert.deepEqual(tagOf(await client.query('SELECT a * 10 AS b INTO c4 FROM src WHERE a < 3')), ['SELECT', 2, 0]);
    // AS EXECUTE runs the prepared query: `SELECT n`, and `SELECT 0` WITH NO DATA (PostgreSQL 15's tags).
    await client.query('PREPARE small (int) AS SELECT a FROM src WHERE a <= $1');
    assert.deepEqual(tagOf(await client.query('CREATE TABLE c5 AS EXECUTE small (2)')), ['SELECT', 2, 0]);
    assert.deepEqual(tagOf(await client.query('CREATE TABLE c6 AS EXECUTE small (2) WITH NO DATA')), ['SELECT', 0, 0]);
    assert.deepEqual((await client.query('SELECT b FROM c4 ORDER BY b')).rows, [{ b: 10 }, { b: 20 }]);
    assert.deepEqual((await client.query('SELECT count(*)::int AS n FROM c2')).rows, [{ n: 2 }]);
  } finally {
    await client.end();
    await server.close();
  }
});
