/**
 * The run's report: a per-file table (Markdown, as the README shows it), the total, and the
 * top causes of disagreement with counts (knock-ons charged to their root), plus the JSON
 * others mine: every disagreeing statement with both outcomes.
 */
import type { Verdict } from './compare-outcomes.js';
import { addTally, agreePercent, emptyTally, type Tally } from './file-tally.js';
import type { StatementRecord } from './lockstep-runner.js';
import type { FileResult } from './run-regress-file.js';

export interface CauseSummary {
  readonly cause: string;
  /** Statements charged to this cause, knock-ons included. */
  readonly count: number;
  readonly knockOns: number;
  readonly verdicts: Partial<Record<Verdict, number>>;
  readonly files: Record<string, number>;
  /** The most frequent messages behind the cause, as the server wrote them (first line). */
  readonly variants: readonly { message: string; count: number }[];
  /** A few statements showing it, from different files where possible. */
  readonly examples: readonly { file: string; line: number; sql: string; ours?: string }[];
}

const EXAMPLES_PER_CAUSE = 3;
const VARIANTS_PER_CAUSE = 8;
const EXAMPLE_SQL_CHARS = 300;

/** The message a cause was derived from: ours, or PostgreSQL's when only PostgreSQL failed. */
function causeMessage(r: StatementRecord): string | undefined {
  const summary = r.verdict === 'pg-error' ? r.postgres : r.thanosql;
  return 'error' in summary ? summary.error.message.split('\n')[0] : undefined;
}

function oursMessage(r: StatementRecord): string | undefined {
  if ('error' in r.thanosql) return `${r.thanosql.error.code}: ${r.thanosql.error.message}`;
  if ('crash' in r.thanosql) return `crash: ${r.thanosql.crash.message}`;
  return undefined;
}

/** Disagreements grouped by cause, most statements first. */
export function topCauses(records: readonly StatementRecord[]): CauseSummary[] {
  const byCause = new Map<string, StatementRecord[]>();
  for (const r of records) byCause.set(r.cause, [...(byCause.get(r.cause) ?? []), r]);
  return [...byCause.entries()]
    .map(([cause, rs]) => {
      const verdicts: Partial<Record<Verdict, number>> = {};
      const files: Record<string, number> = {};
      for (const r of rs) {
        verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
        files[r.file] = (files[r.file] ?? 0) + 1;
      }
      const direct = rs.filter((r) => !r.knockOn);
      // Examples from different files first: they show how widespread the cause is.
      const pool = direct.length > 0 ? direct : rs;
      const picked: StatementRecord[] = [];
      for (const r of pool) if (picked.length < EXAMPLES_PER_CAUSE && !picked.some((p) => p.file === r.file)) picked.push(r);
      for (const r of pool) if (picked.length < EXAMPLES_PER_CAUSE && !picked.includes(r)) picked.push(r);
      const examples = picked.map((r) => {
        const ours = oursMessage(r);
        return { file: r.file, line: r.line, sql: r.sql.slice(0, EXAMPLE_SQL_CHARS), ...(ours ? { ours } : {}) };
      });
      const messages = new Map<string, number>();
      for (const r of direct) {
        const m = causeMessage(r);
        if (m !== undefined) messages.set(m, (messages.get(m) ?? 0) + 1);
      }
      const variants = [...messages].sort((a, b) => b[1] - a[1]).slice(0, VARIANTS_PER_CAUSE).map(([message, count]) => ({ message, count }));
      return { cause, count: rs.length, knockOns: rs.length - direct.length, verdicts, files, variants, examples };
    })
    .sort((a, b) => b.count - a.count || a.cause.localeCompare(b.cause));
}

export function totalOf(results: readonly FileResult[]): Tally {
  const total = emptyTally();
  for (const r of results) addTally(total, r.tally);
  return total;
}

const COLUMNS = ['file', 'statements', 'agree', '%', 'ours error / PG ok', 'PG error / ours ok', 'both error, other class', 'different rows', 'hangs', 'crashes', 'skipped'];

function row(name: string, t: Tally): string[] {
  return [name, t.statements, t.agree, agreePercent(t).toFixed(1), t.oursError, t.pgError, t.errorCode, t.rows, t.hang, t.crash, t.skipped].map(String);
}

/** The per-file table and the total, as Markdown. */
export function formatTable(results: readonly FileResult[]): string {
  const lines = [COLUMNS, COLUMNS.map((_, i) => (i === 0 ? '---' : '---:'))];
  for (const r of results) lines.push(row(r.error ? `${r.file} (stopped: ${r.error.slice(0, 60)})` : r.file, r.tally));
  lines.push(row('**total**', totalOf(results)));
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

/** The first `n` causes, one line each: count (knock-ons), cause, files. */
export function formatCauses(causes: readonly CauseSummary[], n: number): string {
  return causes.slice(0, n).map((c, i) => {
    const files = Object.entries(c.files).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([f, k]) => `${f} ${k}`).join(', ');
    const knock = c.knockOns > 0 ? ` (${c.knockOns} knock-on)` : '';
    return `${String(i + 1).padStart(2)}. ${String(c.count).padStart(5)}${knock}  ${c.cause}  — ${files}`;
  }).join('\n');
}

export interface ReportJson {
  readonly generatedAt: string;
  readonly postgresVersion: string;
  readonly regressFilesVersion: string;
  readonly thanosqlCommit: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly timeoutsMs: { readonly thanosql: number; readonly postgres: number };
  readonly durationMs: number;
  readonly total: Tally & { agreePercent: number };
  readonly files: readonly (Omit<FileResult, 'disagreements'> & { agreePercent: number })[];
  readonly topCauses: readonly CauseSummary[];
  /** test_setup.sql's disagreements, from the first file (every file repeats them). */
  readonly setupDisagreements: readonly StatementRecord[];
  readonly disagreements: readonly StatementRecord[];
}

export function buildReport(results: readonly FileResult[], info: Pick<ReportJson, 'postgresVersion' | 'regressFilesVersion' | 'thanosqlCommit' | 'settings' | 'timeoutsMs' | 'durationMs'>): ReportJson {
  const total = totalOf(results);
  const fileRecords = results.flatMap((r) => r.disagreements.filter((d) => d.file !== 'test_setup'));
  return {
    generatedAt: new Date().toISOString(),
    ...info,
    total: { ...total, agreePercent: agreePercent(total) },
    files: results.map(({ disagreements: _, ...r }) => ({ ...r, agreePercent: agreePercent(r.tally) })),
    topCauses: topCauses(fileRecords),
    setupDisagreements: results[0]?.disagreements.filter((d) => d.file === 'test_setup') ?? [],
    disagreements: fileRecords,
  };
}
