/**
 * Agreement between PostgreSQL's and our outcome for one statement. They agree when both
 * succeed with the same command tags and the same rows as text (order-insensitive unless a
 * top-level ORDER BY fixes it; COPY TO STDOUT output likewise by line), or when both fail
 * with the same SQLSTATE class (first two characters; the exact code is recorded too).
 */
import type { RunOutcome } from './regress-session.js';
import type { ResultSet } from './statement-query.js';

export type Verdict =
  | 'agree'
  /** We failed, PostgreSQL succeeded. */
  | 'ours-error'
  /** PostgreSQL failed, we succeeded. */
  | 'pg-error'
  /** Both failed, with SQLSTATEs of different classes. */
  | 'error-code'
  /** Both succeeded with different rows, tags or COPY output. */
  | 'rows'
  | 'hang'
  | 'crash'
  /** PostgreSQL itself timed out or lost the connection: not counted. */
  | 'oracle-failed';

export interface Comparison {
  readonly verdict: Verdict;
  /** Both failed with exactly the same SQLSTATE. */
  readonly exactCode?: boolean;
  /** For `rows`: what differs first. */
  readonly difference?: 'results' | 'tag' | 'columns-count' | 'order' | 'rows' | 'copy';
}

function rowLines(rows: ResultSet['rows']): string[] {
  return rows.map((r) => JSON.stringify(r));
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function sorted(lines: readonly string[]): string[] {
  return [...lines].sort();
}

/** How two successful result lists differ, or undefined if they agree. */
function resultDifference(pg: readonly ResultSet[], ours: readonly ResultSet[], ordered: boolean): Comparison['difference'] {
  if (pg.length !== ours.length) return 'results';
  for (let i = 0; i < pg.length; i++) {
    const a = pg[i]!;
    const b = ours[i]!;
    if (a.tag !== b.tag) return 'tag';
    if (a.columns.length !== b.columns.length) return 'columns-count';
    const ra = rowLines(a.rows);
    const rb = rowLines(b.rows);
    if (!sameLines(ordered ? ra : sorted(ra), ordered ? rb : sorted(rb))) {
      return ordered && sameLines(sorted(ra), sorted(rb)) ? 'order' : 'rows';
    }
    if ((a.copyOut ?? '') !== (b.copyOut ?? '')) {
      const ca = (a.copyOut ?? '').split('\n');
      const cb = (b.copyOut ?? '').split('\n');
      if (ordered || !sameLines(sorted(ca), sorted(cb))) return 'copy';
    }
  }
  return undefined;
}

/** The verdict for one statement; `ordered` when its text has a top-level ORDER BY. */
export function compareOutcomes(pg: RunOutcome, ours: RunOutcome, ordered: boolean): Comparison {
  if (pg.kind === 'hang' || pg.kind === 'crash') return { verdict: 'oracle-failed' };
  if (ours.kind === 'hang') return { verdict: 'hang' };
  if (ours.kind === 'crash') return { verdict: 'crash' };
  if (pg.kind === 'error' && ours.kind === 'error') {
    const exactCode = pg.code === ours.code;
    return pg.code.slice(0, 2) === ours.code.slice(0, 2) ? { verdict: 'agree', exactCode } : { verdict: 'error-code', exactCode };
  }
  if (ours.kind === 'error') return { verdict: 'ours-error' };
  if (pg.kind === 'error') return { verdict: 'pg-error' };
  const difference = resultDifference(pg.results, ours.results, ordered);
  return difference ? { verdict: 'rows', difference } : { verdict: 'agree' };
}
