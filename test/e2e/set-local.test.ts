/**
 * Settings follow transactions through a real client (`pg`): a SET LOCAL statement_timeout ends
 * with its transaction (it used to stay for the session and cancel later statements), a SET
 * TimeZone rolled back is undone and the client is told (ParameterStatus), and a prepared
 * statement run after the COMMIT is not cut short by the old timeout.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { connectClient, startTestServer, type TestServer } from './wire-server.js';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

test('SET LOCAL statement_timeout lasts until COMMIT; a rolled-back SET TimeZone is undone', async () => {
  const client = await connectClient(server);
  try {
    const nap = { name: 'set_local_nap', text: 'SELECT pg_sleep($1::float8) AS slept' };
    await client.query({ ...nap, values: [0] });
    await client.query('BEGIN');
    await client.query("SET LOCAL statement_timeout = '100ms'");
    await assert.rejects(client.query({ ...nap, values: [1] }), { code: '57014' });
    await client.query('ROLLBACK');
    await client.query('BEGIN');
    await client.query("SET LOCAL statement_timeout = '100ms'");
    await client.query('COMMIT');
    // The same prepared statement after the transaction: no timeout any more.
    await client.query({ ...nap, values: [0.3] });
    assert.equal((await client.query('SHOW statement_timeout')).rows[0].statement_timeout, '0');

    const statuses: string[] = [];
    client.connection.on('parameterStatus', (m: { parameterName: string; parameterValue: string }) => {
      if (m.parameterName === 'TimeZone') statuses.push(m.parameterValue);
    });
    const zoneBefore = (await client.query('SHOW TimeZone')).rows[0].TimeZone as string;
    await client.query('BEGIN');
    await client.query("SET TimeZone = 'Asia/Seoul'");
    await client.query('ROLLBACK');
    assert.equal((await client.query('SHOW TimeZone')).rows[0].TimeZone, zoneBefore);
    assert.deepEqual(statuses, ['Asia/Seoul', zoneBefore]);
  } finally {
    await client.end();
  }
});
