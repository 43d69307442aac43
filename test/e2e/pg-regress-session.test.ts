/**
 * The regression runner's session against a real PostgreSQL 15: pg_regress's settings, COPY in
 * and out, multi-statement results, and how it survives what a buggy server does — a statement
 * past its time limit (cancelled, or ignoring the cancel) and a lost connection — and goes on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { PG_BIN, pgAvailable, startPgCluster, type PgCluster } from '../harness/pg-cluster.js';
import { postgresEndpoint, type Endpoint } from '../harness/pg-regress/regress-endpoints.js';
import { RegressSession } from '../harness/pg-regress/regress-session.js';

const missing = !pgAvailable();
const skip = missing && !process.env.CI ? `PostgreSQL 15 not installed in ${PG_BIN}` : undefined;
const CANCEL_REQUEST = 80877102;

/** A TCP proxy to `port` that swallows CancelRequests: a server that ignores cancels. */
async function cancelSwallowingProxy(port: number): Promise<{ port: number; server: Server }> {
  const server = createServer((client: Socket) => {
    client.once('data', (first: Buffer) => {
      if (first.length >= 8 && first.readInt32BE(4) === CANCEL_REQUEST) {
        client.destroy();
        return;
      }
      const upstream = connect(port, '127.0.0.1', () => {
        upstream.write(first);
        client.pipe(upstream).pipe(client);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, server };
}

test('regression session on PostgreSQL 15', { skip }, async (t) => {
  const cluster: PgCluster = await startPgCluster();
  const endpoint: Endpoint = await postgresEndpoint(cluster);
  try {
    await t.test('sessions get pg_regress settings; multi-statement strings give every result', async () => {
      const s = await RegressSession.open(endpoint, 'pg_regress/test', 5_000);
      const r = await s.run("SHOW DateStyle; SHOW TimeZone; SHOW IntervalStyle; SELECT '2024-07-01 12:00'::timestamptz");
      assert.equal(r.outcome.kind, 'ok');
      if (r.outcome.kind !== 'ok') return;
      assert.deepEqual(r.outcome.results.map((x) => x.rows[0]![0]),
        ['Postgres, MDY', 'America/Los_Angeles', 'postgres_verbose', 'Mon Jul 01 12:00:00 2024 PDT']);
      assert.deepEqual(s.settingErrors, []);
      await s.close();
    });

    await t.test('COPY FROM STDIN takes the data it is given; COPY TO STDOUT output is kept', async () => {
      const s = await RegressSession.open(endpoint, 'pg_regress/test', 5_000);
      await s.run('CREATE TABLE c (a int, b text)');
      const load = await s.run('COPY c FROM STDIN;', async () => '1\tx\n2\t\\N\n\\.\n');
      assert.equal(load.copyInRequested, true);
      assert.deepEqual(load.outcome, { kind: 'ok', results: [{ tag: 'COPY 2', columns: [], types: [], rows: [] }] });
      const out = await s.run('COPY c TO STDOUT (FORMAT csv)');
      assert.equal(out.outcome.kind === 'ok' && out.outcome.results[0]!.copyOut, '1,x\n2,\n');
      const refused = await s.run('COPY c FROM STDIN (FORMAT csv, FORMAT csv);', async () => assert.fail('no data is asked for'));
      assert.equal(refused.outcome.kind === 'error' && refused.outcome.code, '42601');
      await s.close();
    });

    await t.test('a statement past its limit is cancelled and the session goes on', async () => {
      const s = await RegressSession.open(endpoint, 'pg_regress/test', 300);
      const r = await s.run('SELECT pg_sleep(20)');
      assert.deepEqual(r.outcome, { kind: 'hang', cancelled: true });
      const next = await s.run('SELECT 1');
      assert.equal(next.outcome.kind, 'ok');
      await s.close();
    });

    await t.test('a lost connection is a crash; the next statement runs in a new session with the settings', async () => {
      const s = await RegressSession.open(endpoint, 'pg_regress/test', 5_000);
      const r = await s.run('SELECT pg_terminate_backend(pg_backend_pid())');
      assert.equal(r.outcome.kind, 'crash');
      assert.equal(r.outcome.kind === 'crash' && r.outcome.serverDied, false);
      const next = await s.run('SHOW DateStyle');
      assert.equal(next.outcome.kind === 'ok' && next.outcome.results[0]!.rows[0]![0], 'Postgres, MDY');
      await s.close();
    });

    await t.test('a statement that ignores its cancel is ended by force and the session goes on', async () => {
      const proxy = await cancelSwallowingProxy(cluster.port);
      try {
        const s = await RegressSession.open({ ...endpoint, port: () => proxy.port }, 'pg_regress/test', 300);
        const r = await s.run('SELECT pg_sleep(30)');
        assert.deepEqual(r.outcome, { kind: 'hang', cancelled: false });
        const next = await s.run('SELECT 2');
        assert.equal(next.outcome.kind === 'ok' && next.outcome.results[0]!.rows[0]![0], '2');
        await s.close();
      } finally {
        proxy.server.close();
      }
    });
  } finally {
    await endpoint.close();
    await cluster.stop();
  }
});
