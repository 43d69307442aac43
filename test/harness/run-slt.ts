/**
 * Runs a parsed .slt file over one client connection and collects every mismatch (a file
 * does not stop at its first failure, so one run shows the whole picture). When the
 * connection itself breaks or a statement times out, the rest of the file is abandoned.
 */
import { formatRows, lineMatches, typeLetter } from './format-result.js';
import { appliesTo, type Query, type SltFile, type TargetName } from './slt-record.js';

/** The slice of a `pg` Client the runner needs. */
export interface SqlClient {
  query(config: { text: string; rowMode: 'array' }): Promise<unknown>;
}

interface RawResult {
  readonly rows: readonly (readonly unknown[])[];
  readonly fields: readonly { readonly dataTypeID: number }[];
}

/** One mismatch, located by line. */
export interface SltFailure {
  /** `output`: the query ran but its rows or column types differ (what --complete rewrites). */
  readonly kind: 'output' | 'other';
  readonly line: number;
  readonly sql: string;
  readonly message: string;
}

/** What the oracle produced for a query record (used by --complete). */
export interface QueryOutcome {
  readonly types: string;
  readonly lines: readonly string[];
}

export interface SltRunResult {
  readonly failures: readonly SltFailure[];
  /** Records executed on this target. */
  readonly ran: number;
  /** Records skipped by onlyif/skipif or after halt. */
  readonly skipped: number;
  /** Actual output per query record that ran, keyed by the record. */
  readonly outcomes: ReadonlyMap<Query, QueryOutcome>;
}

interface PgError {
  readonly code?: string;
  readonly message: string;
}

function isServerError(err: unknown): err is PgError & { code: string } {
  return typeof err === 'object' && err !== null && typeof (err as PgError).code === 'string';
}

function describe(err: unknown): string {
  if (isServerError(err)) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** The last result of a (possibly multi-statement) simple query. */
function lastResult(result: unknown): RawResult {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  const raw = last as Partial<RawResult> | undefined;
  return { rows: raw?.rows ?? [], fields: raw?.fields ?? [] };
}

function diff(expected: readonly string[], actual: readonly string[]): string {
  const show = (lines: readonly string[]) => (lines.length === 0 ? '    (no rows)' : lines.map((l) => `    ${l}`).join('\n'));
  return `expected:\n${show(expected)}\n  actual:\n${show(actual)}`;
}

/** Runs every record of `file` that applies to `target`. */
export async function runSlt(file: SltFile, client: SqlClient, target: TargetName): Promise<SltRunResult> {
  const failures: SltFailure[] = [];
  const outcomes = new Map<Query, QueryOutcome>();
  let ran = 0;
  let skipped = 0;
  let halted = false;
  for (const record of file.records) {
    if (halted || !appliesTo(record, target)) {
      skipped++;
      continue;
    }
    if (record.kind === 'halt') {
      halted = true;
      continue;
    }
    ran++;
    const fail = (message: string, kind: SltFailure['kind'] = 'other') =>
      failures.push({ kind, line: record.line, sql: record.sql, message });
    let result: RawResult | undefined;
    let error: unknown;
    try {
      result = lastResult(await client.query({ text: record.sql, rowMode: 'array' }));
    } catch (err) {
      error = err;
    }
    if (error !== undefined && !isServerError(error)) {
      fail(`connection failed, abandoning the rest of the file: ${describe(error)}`);
      break;
    }
    switch (record.kind) {
      case 'statement-ok':
        if (error !== undefined) fail(`expected success, got error ${describe(error)}`);
        break;
      case 'statement-error':
        if (error === undefined) {
          fail(`expected error ${record.sqlState}, but the statement succeeded`);
        } else if (isServerError(error) && error.code !== record.sqlState) {
          fail(`expected error ${record.sqlState}, got ${describe(error)}`);
        } else if (record.message !== null && !(error as PgError).message.includes(record.message)) {
          fail(`expected message containing '${record.message}', got ${describe(error)}`);
        }
        break;
      case 'query': {
        if (error !== undefined || result === undefined) {
          fail(`query failed: ${describe(error)}`);
          break;
        }
        const types = result.fields.map((f) => typeLetter(f.dataTypeID)).join('');
        const lines = formatRows(result.rows, record.sort);
        outcomes.set(record, { types, lines });
        if (types !== record.types) fail(`expected column types ${record.types}, got ${types}`, 'output');
        const same = lines.length === record.expected.length && lines.every((l, i) => lineMatches(record.expected[i], l));
        if (!same) fail(`result mismatch\n  ${diff(record.expected, lines)}`, 'output');
        break;
      }
    }
  }
  return { failures, ran, skipped, outcomes };
}

/** A readable report of a run's failures. */
export function formatFailures(path: string, failures: readonly SltFailure[]): string {
  return failures
    .map((f) => `${path}:${f.line}: ${f.message}\n  sql: ${f.sql.replace(/\n/g, '\n       ')}`)
    .join('\n\n');
}
