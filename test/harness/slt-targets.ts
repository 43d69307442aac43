/**
 * The two places an .slt file can run: our server (a fresh in-process server and data dir per
 * file) and real PostgreSQL 15 (one cluster per run, a fresh database per file).
 */
import pg from 'pg';
import type { PgCluster } from './pg-cluster.js';
import type { TargetName } from './slt-record.js';
import { needsClipDirs } from './slt-files.js';
import { RAW_TEXT_TYPES } from './text-types.js';
import { prepareClipDirs } from './clip-dirs.js';
import { startThanosql, THANOSQL_DATABASE, THANOSQL_USER, type loadStartServer } from './thanosql-server.js';

/** Client-side limit per statement, so a hung server fails the file instead of the run. */
export const STATEMENT_TIMEOUT_MS = 20_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** One file's connection. */
export interface OpenedDatabase {
  readonly client: pg.Client;
  close(): Promise<void>;
}

export interface SltTarget {
  readonly name: TargetName;
  /** A connection to an empty database of its own, for the file at `path`. */
  open(path: string): Promise<OpenedDatabase>;
}

async function connect(config: pg.ClientConfig): Promise<pg.Client> {
  const client = new pg.Client({
    ...config,
    host: '127.0.0.1',
    types: RAW_TEXT_TYPES,
    query_timeout: STATEMENT_TIMEOUT_MS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // A dying server emits 'error' on the client; without a listener node would crash the run.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

async function endQuietly(client: pg.Client): Promise<void> {
  await client.end().catch(() => undefined);
}

/** PostgreSQL: CREATE DATABASE slt_N per file, dropped afterwards. */
export function postgresTarget(cluster: PgCluster): SltTarget {
  let counter = 0;
  return {
    name: 'postgres',
    open: async () => {
      const database = `slt_${++counter}`;
      await cluster.createDatabase(database);
      const client = await connect({ port: cluster.port, user: cluster.user, database });
      return {
        client,
        close: async () => {
          await endQuietly(client);
          await cluster.dropDatabase(database);
        },
      };
    },
  };
}

type StartServer = Exclude<Awaited<ReturnType<typeof loadStartServer>>, string>;

/**
 * Our server: a new in-process server on a new data dir per file. A ThanoSQL file
 * (test/sql/thanosql/) gets the built-in sample data set and the TEST model under
 * `test-clip/` in its directories first.
 */
export function thanosqlTarget(start: StartServer): SltTarget {
  return {
    name: 'thanosql',
    open: async (path) => {
      const prepare = needsClipDirs(path) ? prepareClipDirs : undefined;
      // One session per file: a second engine thread would only cost its start-up.
      const server = await startThanosql(start, undefined, { engineThreads: 1 }, prepare);
      try {
        const client = await connect({ port: server.port, user: THANOSQL_USER, database: THANOSQL_DATABASE });
        return {
          client,
          close: async () => {
            await endQuietly(client);
            await server.close();
          },
        };
      } catch (err) {
        await server.close();
        throw err;
      }
    },
  };
}
