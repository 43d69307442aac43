/**
 * One regression file, as pg_regress runs it: a fresh database on each side (PostgreSQL: a new
 * `regression` database; ours: a new server on a new data dir), test_setup.sql in a session of
 * its own, then the file in a new session on each side, statement by statement in lockstep.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PgCluster } from '../pg-cluster.js';
import { KnockOnTracker } from './cause-key.js';
import { emptyTally, type Tally } from './file-tally.js';
import { LockstepRunner, type RunContext, type StatementRecord } from './lockstep-runner.js';
import { PsqlScript } from './psql-script.js';
import type { RegressFiles } from './regress-files.js';
import { postgresEndpoint, thanosqlEndpoint, type Endpoint } from './regress-endpoints.js';
import { RegressSession } from './regress-session.js';
import { NeedsRegressLibrary } from './statement-shape.js';

export const SETUP_FILE = 'test_setup';

export interface RunOptions {
  readonly files: RegressFiles;
  readonly cluster: PgCluster;
  /** Per-statement limit on our side (a statement past it is a hang). */
  readonly oursTimeoutMs: number;
  /** Per-statement limit on PostgreSQL's side (past it, the statement is not counted). */
  readonly pgTimeoutMs: number;
}

export interface FileResult {
  readonly file: string;
  readonly tally: Tally;
  /** test_setup.sql's own statements, run before the file. */
  readonly setup: Tally;
  readonly skippedReasons: Readonly<Record<string, number>>;
  readonly meta: { readonly executed: number; readonly display: number; readonly unsupported: readonly string[] };
  /** pg_regress session settings our server refused (then the session ran without them). */
  readonly settingErrors: readonly string[];
  readonly disagreements: readonly StatementRecord[];
  readonly ms: number;
  /** Why the file stopped before its end, if it did. */
  readonly error?: string;
}

/** `\getenv` values pg_regress provides; build and lib dirs are never read (COPY files stay in the runner, C functions are skipped). */
function psqlEnv(files: RegressFiles): Record<string, string> {
  return { PG_ABS_SRCDIR: files.root, PG_ABS_BUILDDIR: '/pg-regress-build', PG_LIBDIR: '/pg-regress-lib', PG_DLSUFFIX: '.so' };
}

async function openSessions(endpoints: readonly Endpoint[], appName: string, options: RunOptions): Promise<RunContext['sessions']> {
  const [postgres, thanosql] = await Promise.all(endpoints.map((e) =>
    RegressSession.open(e, appName, e.side === 'postgres' ? options.pgTimeoutMs : options.oursTimeoutMs)));
  return { postgres: postgres!, thanosql: thanosql! };
}

export async function runRegressFile(file: string, options: RunOptions): Promise<FileResult> {
  const started = Date.now();
  const text = (name: string) => readFileSync(join(options.files.sqlDir, `${name}.sql`), 'utf8');
  const shared = {
    copyFiles: { postgres: new Map<string, string>(), thanosql: new Map<string, string>() },
    skips: new NeedsRegressLibrary(),
    knockOns: new KnockOnTracker(),
    skippedReasons: new Map<string, number>(),
    disagreements: [] as StatementRecord[],
    meta: { executed: 0, display: 0, unsupported: [] as string[] },
  };
  const setup = emptyTally();
  const tally = emptyTally();
  const settingErrors = new Set<string>();
  const endpoints: Endpoint[] = [];
  let error: string | undefined;
  try {
    endpoints.push(await postgresEndpoint(options.cluster), await thanosqlEndpoint());
    for (const [script, counts, name] of [[SETUP_FILE, setup, SETUP_FILE], [file, tally, file]] as const) {
      const sessions = await openSessions(endpoints, `pg_regress/${name}`, options);
      try {
        const ctx: RunContext = { ...shared, sessions, tally: counts };
        // Setup statements are not the file's: count them apart and keep their meta-commands out.
        const runCtx = name === SETUP_FILE ? { ...ctx, meta: { executed: 0, display: 0, unsupported: [] } } : ctx;
        await new LockstepRunner(name, new PsqlScript(text(script), psqlEnv(options.files)), runCtx).run();
        for (const e of sessions.thanosql.settingErrors) settingErrors.add(e);
      } finally {
        await Promise.all([sessions.postgres.close(), sessions.thanosql.close()]);
      }
    }
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  } finally {
    await Promise.all(endpoints.map((e) => e.close().catch(() => undefined)));
  }
  return {
    file,
    tally,
    setup,
    skippedReasons: Object.fromEntries(shared.skippedReasons),
    meta: shared.meta,
    settingErrors: [...settingErrors],
    disagreements: shared.disagreements,
    ms: Date.now() - started,
    ...(error ? { error } : {}),
  };
}
