/**
 * Multidimensional arrays and lower bounds on the wire, through real clients: node-postgres in
 * text (its parser reads nested braces), and asyncpg, which decodes every array in binary and
 * sends array parameters in binary (ndim, element OID, (length, lower bound) per dimension).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import pg from 'pg';
import { startTestServer, type TestServer } from './wire-server.js';

const run = promisify(execFile);
const PYTHON = '/usr/bin/python3';
let server: TestServer;

before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

test('pg reads int[][] and [0:1] arrays in text', async () => {
  const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await c.connect();
  try {
    const text = await c.query(`SELECT '{{1,2},{3,4}}'::int[] AS m, '[0:1]={7,8}'::int[] AS b, ('[0:1]={7,8}'::int[])::text AS bt`);
    assert.deepEqual(text.rows[0].m, [[1, 2], [3, 4]]);
    assert.deepEqual(text.rows[0].b, [7, 8]); // pg's parser skips the dimension decoration
    assert.equal(text.rows[0].bt, '[0:1]={7,8}');
  } finally {
    await c.end();
  }
});

test('asyncpg round-trips multidimensional arrays in binary', { skip: !existsSync(PYTHON) && 'no /usr/bin/python3' }, async () => {
  const script = `
import asyncio, json, sys, asyncpg
async def main():
    c = await asyncpg.connect(host='127.0.0.1', port=int(sys.argv[1]), user='thanosql', database='thanosql')
    await c.execute('CREATE TABLE mdw (a int[], t text[])')
    await c.execute('INSERT INTO mdw VALUES ($1, $2)', [[1, 2], [3, None]], [['a', 'b c']])
    row = await c.fetchrow('SELECT a, t, array_dims(a) AS d, a[2][1] AS e FROM mdw')
    lb = await c.fetchval("SELECT '[0:1]={7,8}'::int[]")
    print(json.dumps({'a': row['a'], 't': row['t'], 'd': row['d'], 'e': row['e'], 'lb': list(lb)}))
    await c.close()
asyncio.run(main())
`;
  const { stdout } = await run(PYTHON, ['-c', script, String(server.port)], { timeout: 60_000 });
  // asyncpg flattens what it decodes into nested lists (bounds are not kept by its list form).
  assert.deepEqual(JSON.parse(stdout), { a: [[1, 2], [3, null]], t: [['a', 'b c']], d: '[1:2][1:2]', e: 3, lb: [7, 8] });
});
