/**
 * A throwaway PostgreSQL 15 cluster for the oracle: initdb into a temp dir, start on a free
 * loopback port, stop and delete at the end (also on process exit, so a crashed test run
 * never leaves a postmaster behind). PostgreSQL refuses to run as root, so as root the
 * binaries run through `runuser -u postgres`.
 *
 * @example
 *   const cluster = await startPgCluster();
 *   try { await cluster.createDatabase('slt_1'); } finally { await cluster.stop(); }
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from './free-port.js';

/** Where the Debian package puts the server binaries; PG_BIN overrides. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * Server settings fixed for the oracle so expected output never depends on the machine:
 * C collation (code-point ORDER BY), UTC, ISO dates, English messages; fsync off for speed.
 */
const ORACLE_SETTINGS = [
  'listen_addresses=127.0.0.1',
  'fsync=off',
  'synchronous_commit=off',
  'full_page_writes=off',
  'TimeZone=UTC',
  'DateStyle=ISO,MDY',
  'lc_messages=C',
];

/** The oracle's settings that trade durability for speed. */
const DURABILITY_OFF: ReadonlySet<string> = new Set(['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']);

export interface PgCluster {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** CREATE DATABASE from template0 (so each .slt file starts empty). */
  createDatabase(name: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  /** Runs admin SQL on the `postgres` database as the superuser. */
  exec(sql: string): Promise<void>;
  stop(): Promise<void>;
}

/** True when the PostgreSQL server binaries are installed. */
export function pgAvailable(): boolean {
  return existsSync(join(PG_BIN, 'postgres')) && existsSync(join(PG_BIN, 'initdb'));
}

const asRoot = process.getuid?.() === 0;

function pgUid(): { uid: number; gid: number } {
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Runs a PostgreSQL binary (as the postgres user when we are root); throws with its output on failure. */
function runPg(binary: string, args: readonly string[]): void {
  const command = asRoot ? 'runuser' : join(PG_BIN, binary);
  const argv = asRoot ? ['-u', 'postgres', '--', join(PG_BIN, binary), ...args] : [...args];
  const out = spawnSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  if (out.status !== 0) {
    throw new Error(`${binary} ${args.join(' ')} failed (${out.status ?? out.signal}):\n${out.stdout}\n${out.stderr}`);
  }
}

/** Starts a fresh cluster; the caller must call stop(). */
/**
 * `durable`: PostgreSQL's own defaults for fsync, synchronous_commit and full_page_writes
 * instead of the oracle's "off" — a benchmark baseline that syncs its commits as ours does.
 */
export async function startPgCluster(opts: { durable?: boolean } = {}): Promise<PgCluster> {
  if (!pgAvailable()) throw new Error(`PostgreSQL 15 binaries not found in ${PG_BIN}`);
  const root = mkdtempSync(join(tmpdir(), 'slt-pg-'));
  const dataDir = join(root, 'data');
  const sockDir = join(root, 'sock');
  mkdirSync(sockDir);
  if (asRoot) {
    const { uid, gid } = pgUid();
    chownSync(root, uid, gid);
    chownSync(sockDir, uid, gid);
  }
  let running = false;
  const stopSync = () => {
    if (running) {
      running = false;
      try {
        runPg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone; nothing left to stop.
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  try {
    runPg('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-locale', '--encoding=UTF8', '--no-sync']);
    const port = await freePort();
    const settings = opts.durable ? ORACLE_SETTINGS.filter((s) => !DURABILITY_OFF.has(s)) : ORACLE_SETTINGS;
    const options = [`-p ${port}`, `-k ${sockDir}`, ...settings.map((s) => `-c ${s}`)].join(' ');
    running = true;
    runPg('pg_ctl', ['-D', dataDir, '-l', join(root, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    };
    return {
      host: '127.0.0.1',
      port,
      user: 'postgres',
      createDatabase: (name) => admin(async (c) => void (await c.query(`CREATE DATABASE "${name}" TEMPLATE template0`))),
      dropDatabase: (name) => admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
      exec: (sql) => admin(async (c) => void (await c.query(sql))),
      stop: async () => {
        process.removeListener('exit', stopSync);
        stopSync();
      },
    };
  } catch (err) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw err;
  }
}
