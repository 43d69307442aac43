/**
 * Test helper: a suite that runs the same setup statements and the same scenario through `pg` on a
 * throwaway PostgreSQL 15 and on our server, and asserts both give the same outcomes. Skipped when
 * PostgreSQL 15 is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { pgAvailable, startPgCluster, type PgCluster } from '../harness/pg-cluster.js';
import { startTestServer, type TestServer } from './wire-server.js';

export interface SameAsPostgres {
  /** The suite's and the test's titles. */
  readonly suite: string;
  readonly test: string;
  /** The PostgreSQL database created for the test. */
  readonly database: string;
  /** Statements run on both before the scenario. */
  readonly setup: readonly string[];
  /** What the scenario observed through `client`, compared deep-equal between the two. */
  outcomes(client: pg.Client): Promise<unknown>;
}

export function describeSameAsPostgres(spec: SameAsPostgres): void {
  describe(spec.suite, { skip: pgAvailable() ? false : 'PostgreSQL 15 is not installed' }, () => {
    let cluster: PgCluster;
    let server: TestServer;
    before(async () => {
      cluster = await startPgCluster();
      server = await startTestServer();
    });
    after(async () => {
      await server?.close();
      await cluster?.stop();
    });

    it(spec.test, { timeout: 60_000 }, async () => {
      await cluster.createDatabase(spec.database);
      const reference = new pg.Client({ host: cluster.host, port: cluster.port, user: cluster.user, database: spec.database });
      const ours = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
      await reference.connect();
      await ours.connect();
      try {
        for (const sql of spec.setup) {
          await reference.query(sql);
          await ours.query(sql);
        }
        assert.deepEqual(await spec.outcomes(ours), await spec.outcomes(reference));
      } finally {
        await reference.end();
        await ours.end();
      }
    });
  });
}
