/**
 * Shared runner for the Node client programs: CLIENTS_* settings, one JSON line per scenario
 * ({client, scenario, ok, error?}), a time limit per scenario, and small assertion helpers.
 */
import { readFileSync } from 'node:fs';

export const HOST = process.env.CLIENTS_HOST ?? '127.0.0.1';
export const PORT = Number(process.env.CLIENTS_PORT ?? 5433);
export const USER = process.env.CLIENTS_USER ?? 'thanosql';
export const DATABASE = process.env.CLIENTS_DB ?? 'thanosql';
export const SCRAM_PORT = Number(process.env.CLIENTS_SCRAM_PORT || 0);
export const MD5_PORT = Number(process.env.CLIENTS_MD5_PORT || 0);
export const PASSWORD = process.env.CLIENTS_PASSWORD ?? '';
const ONLY = (process.env.CLIENTS_ONLY ?? '').split(',').filter(Boolean);
const SCENARIO_TIMEOUT_MS = 15_000;

/** The long query cancel scenarios interrupt (~30 s on our executor). */
export const LONG_QUERY = 'SELECT count(*) FROM generate_series(1, 100000000)';
export const CANCEL_AFTER_MS = 500;
export const CANCEL_LIMIT_MS = 10_000;
export const POOL_RELEASE_SCRIPT = 'SELECT pg_advisory_unlock_all();\nCLOSE ALL;\nUNLISTEN *;\nRESET ALL;';
export const ERROR_CASES: readonly (readonly [string, string])[] = [
  ['SELECT * FROM no_such_table', '42P01'],
  ['SELECT no_such_column FROM errt', '42703'],
  ["SELECT 'abc'::integer", '22P02'],
  ['INSERT INTO errt (id) VALUES (NULL)', '23502'],
];

/**
 * prepared-after-writes: the table, the statement prepared once (`$1` = 0), and each write with
 * the `[count, sum]` the statement must then return (the first write comes before the prepare).
 */
export const PAW_TABLE = 'CREATE TABLE paw (a integer)';
export const PAW_QUERY = 'SELECT count(*)::integer AS n, sum(a)::integer AS s FROM paw WHERE a > $1';
export const PAW_STEPS: readonly (readonly [string, number, number])[] = [
  ['INSERT INTO paw VALUES (1)', 1, 1],
  ['INSERT INTO paw VALUES (2), (3)', 3, 6],
  ['DELETE FROM paw WHERE a = 1', 2, 5],
  ['ALTER TABLE paw ADD COLUMN b integer', 2, 5],
  ['UPDATE paw SET a = a * 10', 2, 50],
];

export class Failure extends Error {}

export function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Failure(message);
}

export function expectEqual(got: unknown, want: unknown, what: string): void {
  const a = JSON.stringify(got);
  const b = JSON.stringify(want);
  if (a !== b) throw new Failure(`${what}: expected ${b}, got ${a}`);
}

export function md5Port(): number {
  if (!MD5_PORT) throw new Failure('server has no md5 authentication (no --auth-method md5 in src/config)');
  return MD5_PORT;
}

/** Statements of test/clients/fixture.sql. */
export function fixtureStatements(): string[] {
  const text = readFileSync(process.env.CLIENTS_FIXTURE ?? 'fixture.sql', 'utf8').split('\n').filter((l) => !l.startsWith('--')).join('\n');
  return text.split(';\n').map((s) => s.trim().replace(/;$/, '')).filter(Boolean);
}

function describeError(err: unknown): string {
  if (err instanceof Failure) return err.message;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return `${typeof code === 'string' ? `[${code}] ` : ''}${err.name}: ${err.message}`;
  }
  return String(err);
}

/** Runs scenarios in order and prints their results; exits when done (drivers may hold sockets). */
export async function runScenarios(client: string, scenarios: readonly (readonly [string, () => Promise<void>])[]): Promise<void> {
  // A driver failing inside its own connect logic (postgres.js fetch_types) may reject a promise
  // nobody awaits; the scenario that caused it reports the failure, the program goes on.
  process.on('unhandledRejection', (err) => process.stderr.write(`unhandled rejection: ${describeError(err)}\n`));
  for (const [scenario, fn] of scenarios) {
    if (ONLY.length && !ONLY.includes(scenario)) continue;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Failure(`timed out after ${SCENARIO_TIMEOUT_MS} ms`)), SCENARIO_TIMEOUT_MS);
    });
    let line: Record<string, unknown>;
    try {
      await Promise.race([fn(), timeout]);
      line = { client, scenario, ok: true };
    } catch (err) {
      line = { client, scenario, ok: false, error: describeError(err).slice(0, 2000) };
    } finally {
      clearTimeout(timer);
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  process.exit(0);
}
