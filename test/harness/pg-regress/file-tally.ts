/**
 * Counts per file (and in total): statements compared, how many agree, and each kind of
 * disagreement; plus the shape of one outcome as stored in the JSON report (first rows only).
 */
import type { Comparison, Verdict } from './compare-outcomes.js';
import type { RunOutcome } from './regress-session.js';

export interface Tally {
  /** Statements compared (skipped and oracle failures not included). */
  statements: number;
  agree: number;
  /** Both failed with exactly the same SQLSTATE (a subset of agree). */
  exactCode: number;
  oursError: number;
  pgError: number;
  errorCode: number;
  rows: number;
  hang: number;
  crash: number;
  /** Left out (regress.so, contrib) or PostgreSQL itself failed: not in `statements`. */
  skipped: number;
}

export function emptyTally(): Tally {
  return { statements: 0, agree: 0, exactCode: 0, oursError: 0, pgError: 0, errorCode: 0, rows: 0, hang: 0, crash: 0, skipped: 0 };
}

const FIELD: Readonly<Record<Verdict, keyof Tally>> = {
  agree: 'agree', 'ours-error': 'oursError', 'pg-error': 'pgError', 'error-code': 'errorCode',
  rows: 'rows', hang: 'hang', crash: 'crash', 'oracle-failed': 'skipped',
};

export function countVerdict(tally: Tally, cmp: Comparison): void {
  tally[FIELD[cmp.verdict]]++;
  if (cmp.verdict !== 'oracle-failed') tally.statements++;
  if (cmp.verdict === 'agree' && cmp.exactCode) tally.exactCode++;
}

export function addTally(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}

/** Agreement in percent, one decimal. */
export function agreePercent(t: Tally): number {
  return t.statements === 0 ? 100 : Math.round((1000 * t.agree) / t.statements) / 10;
}

const MAX_ROWS = 10;
const MAX_VALUE_CHARS = 200;
const MAX_COPY_CHARS = 2_000;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

export type OutcomeSummary =
  | { readonly error: { readonly code: string; readonly message: string; readonly detail?: string } }
  | { readonly ok: readonly { tag: string; columns: readonly string[]; rowCount: number; rows: unknown[]; copyOut?: string }[] }
  | { readonly hang: { readonly cancelled: boolean } }
  | { readonly crash: { readonly message: string; readonly serverDied: boolean; readonly log?: string } };

/** An outcome as the report stores it: errors whole, results with their first rows. */
export function summarize(o: RunOutcome): OutcomeSummary {
  switch (o.kind) {
    case 'error':
      return { error: { code: o.code, message: o.message, ...(o.detail ? { detail: o.detail } : {}) } };
    case 'hang':
      return { hang: { cancelled: o.cancelled } };
    case 'crash':
      return { crash: { message: o.message, serverDied: o.serverDied, ...(o.log ? { log: o.log } : {}) } };
    default:
      return {
        ok: o.results.map((r) => ({
          tag: r.tag,
          columns: r.columns,
          rowCount: r.rows.length,
          rows: r.rows.slice(0, MAX_ROWS).map((row) => row.map((v) => (v === null ? null : clip(v, MAX_VALUE_CHARS)))),
          ...(r.copyOut !== undefined ? { copyOut: clip(r.copyOut, MAX_COPY_CHARS) } : {}),
        })),
      };
  }
}
