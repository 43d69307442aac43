/**
 * The server psql tests talk to: our server in-process on a fresh data dir, or, with
 * PSQL_TARGET=postgres, a throwaway PostgreSQL cluster with a `thanosql` role and database
 * (used to check the tests' own expectations against the real thing).
 */
import { startPgCluster } from './pg-cluster.js';
import { loadStartServer, startThanosql } from './thanosql-server.js';

export interface PsqlServer {
  readonly port: number;
  readonly kind: 'thanosql' | 'postgres';
  close(): Promise<void>;
}

/** Which server the psql tests run against. */
export const PSQL_TARGET = process.env.PSQL_TARGET === 'postgres' ? 'postgres' : 'thanosql';

/** Starts the server for a psql test file. */
export async function startPsqlServer(): Promise<PsqlServer> {
  if (PSQL_TARGET === 'postgres') {
    const cluster = await startPgCluster();
    try {
      await cluster.exec('CREATE ROLE thanosql SUPERUSER LOGIN');
      await cluster.exec('CREATE DATABASE thanosql OWNER thanosql TEMPLATE template0');
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return { port: cluster.port, kind: 'postgres', close: () => cluster.stop() };
  }
  const start = await loadStartServer();
  if (typeof start === 'string') throw new Error(`cannot start our server: ${start}`);
  const server = await startThanosql(start);
  return { port: server.port, kind: 'thanosql', close: () => server.close() };
}
