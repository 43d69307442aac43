/**
 * Statement execution through the wire: CancelRequest (57014), Execute row limits with
 * postgres.js cursors, back-pressure (a client that does not read stalls only itself; a COPY
 * streamed as many small CopyData messages does not stall itself), COPY.
 * Skipped until the executor (src/execution/index.ts) exists.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import postgres from 'postgres';
import { from as copyFrom } from 'pg-copy-streams';
import { serialize } from 'pg-protocol';
import { RawClient } from './raw-client.js';
import { startTestServer, type TestServer } from './wire-server.js';

const EXECUTOR = fileURLToPath(new URL('../../src/execution/index.js', import.meta.url));
const skip = existsSync(EXECUTOR) ? false : 'executor not built yet';
let server: TestServer;

before(async () => { if (!skip) server = await startTestServer(); });
after(async () => { await server?.close(); });

const client = async () => {
  const c = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await c.connect();
  return c;
};

test('CancelRequest ends the running statement with 57014', { skip }, async () => {
  const sql = postgres({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', fetch_types: false });
  // Connected first: postgres.js cancels a query it has not sent yet locally.
  await sql`SELECT 1`;
  const q = sql`SELECT count(*) FROM generate_series(1, 100000000)`;
  setTimeout(() => q.cancel(), 200);
  await assert.rejects(q, { code: '57014', message: 'canceling statement due to user request' });
  assert.equal((await sql`SELECT 1 AS x`)[0]!.x, 1);
  await sql.end();
});

test('postgres.js cursor drives Execute with a row limit', { skip }, async () => {
  const sql = postgres({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', fetch_types: false });
  const sizes: number[] = [];
  for await (const rows of sql`SELECT g FROM generate_series(1, 25) g`.cursor(10)) sizes.push(rows.length);
  assert.deepEqual(sizes, [10, 10, 5]);
  await sql.end();
});

test('Execute maxRows → PortalSuspended, then the rest with this call’s count', { skip }, async () => {
  const c = await RawClient.connect(server.port);
  c.send(serialize.parse({ text: 'SELECT g FROM generate_series(1, 3) g' }), serialize.bind({}),
    serialize.execute({ rows: 2 }), serialize.execute({ rows: 2 }), serialize.sync());
  const m = await c.until('readyForQuery');
  assert.deepEqual(m.map((x) => x.name), ['parseComplete', 'bindComplete', 'dataRow', 'dataRow', 'portalSuspended', 'dataRow', 'commandComplete', 'readyForQuery']);
  assert.equal(m[6]!.text, 'SELECT 1');
  c.close();
});

test('a client that does not read does not stall another', { skip }, async () => {
  const slow = await RawClient.connect(server.port);
  slow.socket.pause();
  slow.send(serialize.query('SELECT repeat(\'x\', 1000) FROM generate_series(1, 200000)'));
  await new Promise((r) => setTimeout(r, 300));
  const fast = await client();
  const started = Date.now();
  for (let i = 0; i < 5; i++) assert.equal((await fast.query('SELECT 1 AS one')).rows[0].one, 1);
  assert.ok(Date.now() - started < 5000);
  await fast.end();
  slow.socket.destroy();
});

test('COPY FROM STDIN sent as 20,000 CopyData messages completes (the paused socket resumes)', { skip, timeout: 60_000 }, async () => {
  // Regression: the reader paused the socket past 1,000 queued messages and only the execution
  // loop resumed it, but COPY takes its CopyData from the queue itself: the COPY hung forever.
  const c = await client();
  await c.query('CREATE TABLE many_copy_data (id int, v text)');
  const rows = 20_000;
  const stream = c.query(copyFrom('COPY many_copy_data FROM STDIN'));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    let i = 0;
    const write = (): void => {
      while (i < rows) {
        // One write, one CopyData message.
        if (!stream.write(`${i}\t${'y'.repeat(200)}\n`)) {
          i++;
          stream.once('drain', write);
          return;
        }
        i++;
      }
      stream.end();
    };
    write();
  });
  assert.deepEqual((await c.query('SELECT count(*)::int AS n, sum(id)::bigint AS s FROM many_copy_data')).rows, [{ n: rows, s: String((rows * (rows - 1)) / 2) }]);
  await c.end();
});
