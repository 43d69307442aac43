/**
 * ThanoSQL COPY reads only files under the data directory unless the *server* was started with
 * --allow-absolute-paths. Regression: the switch used to be a session setting, so any client
 * could `SET thanosql.allow_absolute_paths = on` and read any file the server could (now 42602:
 * no such parameter, under a prefix the server reserves).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { startTestServer } from './wire-server.js';

async function withClient<T>(opts: { allowAbsolutePaths?: boolean }, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const server = await startTestServer(opts);
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
    await server.close();
  }
}

test('COPY outside the data dir: 42501 even after SET, allowed only by --allow-absolute-paths', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'thanosql-outside-'));
  const csv = join(outside, 'secret.csv');
  writeFileSync(csv, 'a,b\n1,x\n');
  try {
    await withClient({}, async (client) => {
      await assert.rejects(client.query(`COPY s FROM "${csv}"`), { code: '42501' });
      // Not a parameter at all: under the reserved thanosql. prefix the name itself is refused.
      await assert.rejects(client.query('SET thanosql.allow_absolute_paths = on'), { code: '42602' });
      await assert.rejects(client.query(`COPY s FROM "${csv}"`), { code: '42501' });
    });
    await withClient({ allowAbsolutePaths: true }, async (client) => {
      assert.equal((await client.query(`COPY s FROM "${csv}"`)).rowCount, 1);
      assert.deepEqual((await client.query('SELECT a, b FROM s')).rows, [{ a: 1, b: 'x' }]);
    });
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});
