/**
 * Runs the real `psql` binary against a server and captures its output. Never reads stdin
 * (psql gets /dev/null), never reads ~/.psqlrc (-X), and is killed after a timeout so a hung
 * server fails the test instead of the run.
 *
 * @example
 *   const out = await psql(server, ['-c', 'SELECT 1']);
 *   assert.equal(out.status, 0);
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PG_BIN } from './pg-cluster.js';
import { THANOSQL_DATABASE, THANOSQL_USER } from './thanosql-server.js';

const PSQL = existsSync(join(PG_BIN, 'psql')) ? join(PG_BIN, 'psql') : 'psql';
const PSQL_TIMEOUT_MS = 30_000;
const CONNECT_TIMEOUT_S = '10';
/** No pager, C locale (stable messages), bounded connect time. */
const PSQL_ENV = { PGCONNECT_TIMEOUT: CONNECT_TIMEOUT_S, PAGER: '', PSQL_PAGER: '', LC_ALL: 'C' };

export interface PsqlEndpoint {
  readonly port: number;
}

export interface PsqlResult {
  /** Exit status: 0 ok, 1 error (-c), 2 connection failure, 3 script stopped by ON_ERROR_STOP. */
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** True when a psql binary can be found. */
export function psqlAvailable(): boolean {
  return PSQL !== 'psql' || existsSync('/usr/bin/psql');
}

/**
 * `psql -X -h 127.0.0.1 -p PORT -U thanosql [extra…] thanosql`. `extra` comes before the
 * database name; ON_ERROR_STOP is on unless `stopOnError` is false.
 */
export function psql(endpoint: PsqlEndpoint, extra: readonly string[], options: { stopOnError?: boolean; cwd?: string } = {}): Promise<PsqlResult> {
  const args = ['-X', '-h', '127.0.0.1', '-p', String(endpoint.port), '-U', THANOSQL_USER];
  if (options.stopOnError !== false) args.push('-v', 'ON_ERROR_STOP=1');
  args.push(...extra, THANOSQL_DATABASE);
  return runPsql(args, { ...process.env, ...PSQL_ENV }, options.cwd);
}

/** libpq variables that would override a connection string's TLS choices. */
const LIBPQ_TLS_VARIABLES = ['PGSSLMODE', 'PGCHANNELBINDING', 'PGSSLROOTCERT', 'PGREQUIRESSL'];

/**
 * `psql -X -A -t -w -v ON_ERROR_STOP=1 -c SQL CONNINFO`: a libpq connection string, so sslmode,
 * channel_binding and the user are explicit (TLS settings from the environment are dropped),
 * unaligned tuples-only output, and never a password prompt: `password` goes in PGPASSWORD.
 * @example
 *   const out = await psqlConninfo(`host=127.0.0.1 port=${port} user=thanosql dbname=thanosql sslmode=require`, 'SELECT 1', 'pw');
 */
export function psqlConninfo(conninfo: string, sql: string, password = ''): Promise<PsqlResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...PSQL_ENV, PGPASSWORD: password, PGPASSFILE: '/dev/null' };
  for (const name of LIBPQ_TLS_VARIABLES) delete env[name];
  return runPsql(['-X', '-A', '-t', '-w', '-v', 'ON_ERROR_STOP=1', '-c', sql, conninfo], env);
}

function runPsql(args: readonly string[], env: NodeJS.ProcessEnv, cwd?: string): Promise<PsqlResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(PSQL, args, { stdio: ['ignore', 'pipe', 'pipe'], env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[psql killed after ${PSQL_TIMEOUT_MS} ms]`;
      child.kill('SIGKILL');
    }, PSQL_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Formats a result for assertion messages. */
export function describePsql(result: PsqlResult): string {
  return `exit ${result.status}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
