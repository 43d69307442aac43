/**
 * Data-modifying WITH through `pg`: the statement's tag is its own (`SELECT n`, `INSERT 0 n`,
 * `DELETE n`), the RETURNING rows arrive through the item, the item runs once per execution of
 * a named (prepared) statement, and an item nothing reads still runs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { startTestServer } from './wire-server.js';

test('data-modifying WITH: tags, RETURNING rows, once per execution', async () => {
  const server = await startTestServer();
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  try {
    await client.query('CREATE TABLE items (id int, name text)');
    await client.query("INSERT INTO items VALUES (1, 'a'), (2, 'b'), (3, 'c')");
    const tagOf = (r: pg.QueryResult) => [r.command, r.rowCount];

    const moved = await client.query('WITH gone AS (DELETE FROM items WHERE id >= $1 RETURNING id, name) SELECT id, name, (SELECT count(*)::int FROM items) AS before FROM gone ORDER BY id', [2]);
    assert.deepEqual(tagOf(moved), ['SELECT', 2]);
    assert.deepEqual(moved.rows, [{ id: 2, name: 'b', before: 3 }, { id: 3, name: 'c', before: 3 }]);

    const back = await client.query("WITH gone AS (DELETE FROM items RETURNING id) INSERT INTO items SELECT id * 10, 'x' FROM gone RETURNING id");
    assert.deepEqual(tagOf(back), ['INSERT', 1]);
    assert.deepEqual(back.rows, [{ id: 10 }]);

    // A named statement: the item runs at each execution, not once at Parse.
    const add = { name: 'add', text: "WITH n AS (INSERT INTO items VALUES ($1, 'n') RETURNING id) SELECT id FROM n" };
    assert.deepEqual((await client.query({ ...add, values: [100] })).rows, [{ id: 100 }]);
    assert.deepEqual((await client.query({ ...add, values: [101] })).rows, [{ id: 101 }]);

    // Not read, still run; the tag is the outer statement's.
    assert.deepEqual(tagOf(await client.query("WITH n AS (INSERT INTO items VALUES (7, 'u')) DELETE FROM items WHERE id = 100")), ['DELETE', 1]);
    assert.deepEqual((await client.query('SELECT id FROM items ORDER BY id')).rows, [{ id: 7 }, { id: 10 }, { id: 101 }]);

    await assert.rejects(client.query("WITH n AS (INSERT INTO items VALUES (8, 'v')) SELECT * FROM n"), { code: '0A000' });
  } finally {
    await client.end();
    await server.close();
  }
});
