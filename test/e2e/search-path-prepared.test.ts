/**
 * search_path through a real client (`pg`) across writes: a prepared statement naming a table
 * unqualified reads the table the current search_path finds — after SET search_path, and after
 * a table of that name is created in a schema earlier in the path — as PostgreSQL re-plans.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, startTestServer, type TestServer } from './wire-server.js';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

test('a prepared SELECT follows search_path and tables created earlier in it', async () => {
  const client = await connectClient(server);
  try {
    await client.query('CREATE SCHEMA spp_a');
    await client.query('CREATE SCHEMA spp_b');
    await client.query("CREATE TABLE spp_b.items AS SELECT 'b' AS src");
    await client.query('SET search_path = spp_a, spp_b');
    const read = { name: 'spp_read', text: 'SELECT src FROM items' };
    assert.deepEqual((await client.query(read)).rows, [{ src: 'b' }]);
    // A table of that name appears earlier in the path: the same prepared statement now reads it.
    await client.query("CREATE TABLE spp_a.items AS SELECT 'a' AS src");
    assert.deepEqual((await client.query(read)).rows, [{ src: 'a' }]);
    // Another search_path: re-planned against it.
    await client.query('SET search_path = spp_b');
    assert.deepEqual((await client.query(read)).rows, [{ src: 'b' }]);
    await client.query('SET search_path = public');
    await assert.rejects(client.query(read), { code: '42P01' });
  } finally {
    await client.end();
  }
});
