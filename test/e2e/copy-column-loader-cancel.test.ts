/**
 * A COPY … (FORMAT csv) FROM STDIN on the column loader, cancelled mid-stream by another session
 * (pg_cancel_backend) after whole row groups were loaded: 57014 `canceling statement due to user
 * request`, nothing stored, the session goes on, and the next COPY of the same table loads.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { from as copyFrom } from 'pg-copy-streams';
import { connectClient, startTestServer, type TestServer } from './wire-server.js';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

/** Rows per CopyData message: each a few kilobytes, so the COPY is mid-stream for many messages. */
const ROWS_PER_MESSAGE = 100;
const line = (k: number) => `${k},${k / 3},t,2024-01-02 10:00:00,"text ""${k}"""\n`;
const message = (from: number) => Buffer.from(Array.from({ length: ROWS_PER_MESSAGE }, (_, i) => line(from + i)).join(''));

test('pg_cancel_backend ends a COPY on the column loader with 57014 and stores nothing', { timeout: 60_000 }, async () => {
  const c = await connectClient(server);
  const other = await connectClient(server);
  try {
    await c.query('CREATE TABLE cancelled (i int, f float8, b bool, t timestamp, x text)');
    const pid = (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const stream = c.query(copyFrom('COPY cancelled FROM STDIN (FORMAT csv)'));
    const failed = new Promise<Error>((resolve) => stream.on('error', resolve));
    let sent = 0;
    // 5,000 rows (two whole row groups and more) before the cancel, then more until the error.
    for (; sent < 5000; sent += ROWS_PER_MESSAGE) stream.write(message(sent));
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await other.query('SELECT pg_cancel_backend($1) AS ok', [pid])).rows[0].ok, true);
    let done = false;
    stream.on('error', () => { done = true; });
    for (let i = 0; i < 500 && !done; i++, sent += ROWS_PER_MESSAGE) {
      try {
        stream.write(message(sent));
      } catch {
        // pg-copy-streams detaches from the connection once the server's error has arrived.
        break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const err = (await failed) as Error & { code?: string };
    assert.equal(err.code, '57014');
    assert.equal(err.message, 'canceling statement due to user request');
    assert.deepEqual((await c.query('SELECT count(*)::int AS n FROM cancelled')).rows, [{ n: 0 }]);
    const again = c.query(copyFrom('COPY cancelled FROM STDIN (FORMAT csv)'));
    await new Promise<void>((resolve, reject) => {
      again.on('finish', resolve);
      again.on('error', reject);
      again.end(message(0));
    });
    assert.deepEqual((await c.query('SELECT count(*)::int AS n, sum(i)::int AS s FROM cancelled')).rows, [{ n: ROWS_PER_MESSAGE, s: 4950 }]);
  } finally {
    await c.end();
    await other.end();
  }
});
