/**
 * The two servers one regression file runs against, behind one interface: PostgreSQL 15 (a
 * fresh `regression` database in the oracle cluster of test/harness/pg-cluster.ts) and ours
 * (a child process on a fresh data dir, through test/harness/thanosql-server.ts — a child, so
 * a crash or a statement that ignores its cancel cannot take the runner down). Only public
 * interfaces are used: the CLI, the wire protocol.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PgCluster } from '../pg-cluster.js';
import { spawnThanosql, THANOSQL_DATABASE, THANOSQL_USER, type ChildServer } from '../thanosql-server.js';

export type Side = 'postgres' | 'thanosql';

export interface Endpoint {
  readonly side: Side;
  readonly host: string;
  readonly user: string;
  readonly database: string;
  /** Current port (ours changes when restarted). */
  port(): number;
  /** Whether the server process has died, waiting briefly for the exit to be seen. */
  died(): Promise<boolean>;
  /**
   * Makes the server usable again after a crash or a statement that ignored its cancel: ours is
   * killed (if still alive) and restarted on the same data dir; PostgreSQL's backend is terminated.
   */
  recover(backendPid: number | undefined): Promise<void>;
  /** The last lines the server printed (for crash reports). */
  logTail(): string;
  close(): Promise<void>;
}

/** Our server's heap cap: an out-of-memory statement fails in seconds, not after eating the machine. */
export const THANOSQL_HEAP_MB = 2048;
const EXIT_WAIT_MS = 2_000;
const LOG_TAIL_CHARS = 2_000;

/** PostgreSQL: a fresh database named `regression` (as pg_regress names it), dropped on close. */
export async function postgresEndpoint(cluster: PgCluster): Promise<Endpoint> {
  const database = 'regression';
  await cluster.dropDatabase(database);
  await cluster.createDatabase(database);
  return {
    side: 'postgres',
    host: cluster.host,
    user: cluster.user,
    database,
    port: () => cluster.port,
    died: async () => false,
    recover: async (pid) => {
      if (pid !== undefined) await cluster.exec(`SELECT pg_terminate_backend(${pid})`);
    },
    logTail: () => '',
    close: () => cluster.dropDatabase(database),
  };
}

function hasExited(child: ChildServer): boolean {
  return child.process.exitCode !== null || child.process.signalCode !== null;
}

/** Ours: `node dist/src/main.js` on a fresh data dir, restarted on the same dir after a crash. */
export async function thanosqlEndpoint(): Promise<Endpoint> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pg-regress-data-'));
  const modelsDir = mkdtempSync(join(tmpdir(), 'pg-regress-models-'));
  const start = () => spawnThanosql(dataDir, modelsDir, [`--max-old-space-size=${THANOSQL_HEAP_MB}`]);
  let child: ChildServer;
  try {
    child = await start();
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(modelsDir, { recursive: true, force: true });
    throw err;
  }
  let earlierLog = '';
  return {
    side: 'thanosql',
    host: '127.0.0.1',
    user: THANOSQL_USER,
    database: THANOSQL_DATABASE,
    port: () => child.port,
    died: async () => {
      const deadline = Date.now() + EXIT_WAIT_MS;
      while (!hasExited(child) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return hasExited(child);
    },
    recover: async () => {
      earlierLog += child.output();
      if (!hasExited(child)) await child.kill();
      child = await start();
    },
    logTail: () => (earlierLog + child.output()).slice(-LOG_TAIL_CHARS),
    close: async () => {
      try {
        if (!hasExited(child)) await child.stop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(modelsDir, { recursive: true, force: true });
      }
    },
  };
}
