/**
 * Runs one psql script on both sides in lockstep: each statement goes to PostgreSQL and to us
 * at the same time, both outcomes are compared, and the script moves on only when both are
 * done — so a `\set`, `\gset` or COPY's inline data takes effect on both sides alike.
 *
 * PostgreSQL decides what psql would have done next: COPY … FROM STDIN data is read from the
 * script only if PostgreSQL asks for it (a COPY it rejects has no data in the script; if we
 * asked for data anyway, we get none), and `\gset` / `\gexec` use PostgreSQL's rows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { causeOf, type KnockOnTracker } from './cause-key.js';
import { compareOutcomes, type Verdict } from './compare-outcomes.js';
import { countVerdict, summarize, type OutcomeSummary, type Tally } from './file-tally.js';
import type { PsqlScript, ScriptStep } from './psql-script.js';
import type { Side } from './regress-endpoints.js';
import type { RegressSession, RunOutcome, RunResult } from './regress-session.js';
import { copyWithFile, hasTopLevelOrderBy, type NeedsRegressLibrary } from './statement-shape.js';
import type { CopyDataSource } from './statement-query.js';

/** One statement on which the sides disagree, as the report stores it. */
export interface StatementRecord {
  readonly file: string;
  readonly line: number;
  readonly sql: string;
  readonly verdict: Verdict;
  readonly cause: string;
  /** Failed because an earlier CREATE failed only on our side (`cause` is that CREATE's). */
  readonly knockOn?: boolean;
  readonly postgres: OutcomeSummary;
  readonly thanosql: OutcomeSummary;
  readonly ms: { readonly postgres: number; readonly thanosql: number };
}

/** Everything the runner shares across the scripts of one file (test_setup.sql, then the file). */
export interface RunContext {
  readonly sessions: Readonly<Record<Side, RegressSession>>;
  /** Files written by COPY … TO '<file>' on each side (psql's \copy semantics: the client holds them). */
  readonly copyFiles: Readonly<Record<Side, Map<string, string>>>;
  readonly skips: NeedsRegressLibrary;
  readonly knockOns: KnockOnTracker;
  readonly tally: Tally;
  readonly skippedReasons: Map<string, number>;
  readonly disagreements: StatementRecord[];
  readonly meta: { executed: number; display: number; unsupported: string[] };
}

const MAX_SQL_CHARS = 4_000;
const SIDES: readonly Side[] = ['postgres', 'thanosql'];

/** Settable once; readers wait. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export class LockstepRunner {
  constructor(private readonly file: string, private readonly script: PsqlScript, private readonly ctx: RunContext) {}

  async run(): Promise<void> {
    for (let step = this.script.next(); step; step = this.script.next()) {
      if (step.kind === 'meta') this.countMeta(step);
      else await this.statement(step.sql, step.line, step);
    }
  }

  private countMeta(step: Extract<ScriptStep, { kind: 'meta' }>): void {
    if (step.handling === 'unsupported') this.ctx.meta.unsupported.push(`\\${step.name} (line ${step.line})`);
    else this.ctx.meta[step.handling]++;
  }

  private skip(reason: string): void {
    this.ctx.tally.skipped++;
    this.noteSkipReason(reason);
  }

  private noteSkipReason(reason: string): void {
    this.ctx.skippedReasons.set(reason, (this.ctx.skippedReasons.get(reason) ?? 0) + 1);
  }

  private async statement(sql: string, line: number, step?: Extract<ScriptStep, { kind: 'statement' }>): Promise<void> {
    const skipReason = this.ctx.skips.reason(sql);
    if (skipReason) {
      this.skip(skipReason);
      return;
    }
    const [pg, ours] = await this.runBoth(sql);
    const ordered = hasTopLevelOrderBy(sql);
    const cmp = compareOutcomes(pg.outcome, ours.outcome, ordered);
    countVerdict(this.ctx.tally, cmp);
    if (cmp.verdict === 'oracle-failed') this.noteSkipReason('PostgreSQL timed out or lost the connection');
    if (pg.outcome.kind === 'ok' && ours.outcome.kind === 'ok') this.ctx.knockOns.noteCreated(sql);
    if (cmp.verdict !== 'agree' && cmp.verdict !== 'oracle-failed') this.record(sql, line, cmp, pg, ours);
    if (pg.outcome.kind === 'ok' && step?.then) await this.followUp(step.then, pg.outcome, line);
  }

  private record(sql: string, line: number, cmp: ReturnType<typeof compareOutcomes>, pg: RunResult, ours: RunResult): void {
    const root = cmp.verdict === 'ours-error' || cmp.verdict === 'error-code' ? this.ctx.knockOns.rootCause(ours.outcome) : undefined;
    const cause = root ?? causeOf(sql, cmp, pg.outcome, ours.outcome);
    if (cmp.verdict === 'ours-error' && !root) this.ctx.knockOns.noteOursFailed(sql, cause);
    this.ctx.disagreements.push({
      file: this.file,
      line,
      sql: sql.length > MAX_SQL_CHARS ? `${sql.slice(0, MAX_SQL_CHARS)}…` : sql,
      verdict: cmp.verdict,
      cause,
      ...(root ? { knockOn: true } : {}),
      postgres: summarize(pg.outcome),
      thanosql: summarize(ours.outcome),
      ms: { postgres: pg.ms, thanosql: ours.ms },
    });
  }

  /** `\gset` sets variables from PostgreSQL's single row; `\gexec` runs each of its values as a statement. */
  private async followUp(then: NonNullable<Extract<ScriptStep, { kind: 'statement' }>['then']>, pg: Extract<RunOutcome, { kind: 'ok' }>, line: number): Promise<void> {
    const last = pg.results[pg.results.length - 1];
    if (!last) return;
    if (then.kind === 'gset') {
      if (last.rows.length === 1) this.script.setVariables(then.prefix, last.columns, last.rows[0]!);
      return;
    }
    for (const row of last.rows) for (const value of row) if (value !== null) await this.statement(value, line);
  }

  /** Sends `sql` to both sides, turning COPY to/from a file into STDOUT/STDIN as psql's \copy does. */
  private async runBoth(sql: string): Promise<[RunResult, RunResult]> {
    const copyFile = copyWithFile(sql);
    if (copyFile) return this.runCopyFile(sql, copyFile);
    const pgDecision = deferred<string | undefined>();
    let data: string | undefined;
    const pgSource: CopyDataSource = async () => {
      data ??= this.script.readCopyData();
      pgDecision.resolve(data);
      return data;
    };
    const pgRun = this.ctx.sessions.postgres.run(sql, pgSource).then((r) => {
      pgDecision.resolve(undefined);
      return r;
    });
    // Ours gets the data PostgreSQL took from the script, or none if PostgreSQL asked for none.
    const oursRun = this.ctx.sessions.thanosql.run(sql, () => pgDecision.promise);
    return Promise.all([pgRun, oursRun]);
  }

  private async runCopyFile(sql: string, copy: NonNullable<ReturnType<typeof copyWithFile>>): Promise<[RunResult, RunResult]> {
    const readFor = (side: Side) => this.ctx.copyFiles[side].get(copy.path) ?? (existsSync(copy.path) ? readFileSync(copy.path, 'utf8') : undefined);
    if (copy.direction === 'from' && SIDES.some((side) => readFor(side) === undefined)) {
      // No such file on the client: send the statement as written and let each server report it.
      return Promise.all(SIDES.map((side) => this.ctx.sessions[side].run(sql))) as Promise<[RunResult, RunResult]>;
    }
    const results = await Promise.all(SIDES.map(async (side) => {
      const result = await this.ctx.sessions[side].run(copy.sql, async () => readFor(side));
      if (copy.direction === 'to' && result.outcome.kind === 'ok') {
        const out = result.outcome.results[0];
        this.ctx.copyFiles[side].set(copy.path, out?.copyOut ?? '');
        // The server wrote a file and printed nothing: compare tags only, as psql shows them.
        return { ...result, outcome: { kind: 'ok' as const, results: result.outcome.results.map(({ copyOut: _, ...r }) => r) } };
      }
      return result;
    }));
    return results as [RunResult, RunResult];
  }
}
