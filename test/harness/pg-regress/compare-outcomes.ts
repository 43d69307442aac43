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
  readonly difference?: 'results' | 'columns' | 'row-count' | 'values' | 'order' | 'tag' | 'copy';
  /** For `values`: the first column whose values differ — PostgreSQL's name for it and both type OIDs. */
  readonly valueColumn?: { readonly name: string; readonly postgres: number; readonly thanosql: number };
}

type Row = ResultSet['rows'][number];

/** Rows keyed by their exact text (NULL distinct from 'NULL'), sorted unless the order is the answer. */
function keyed(rows: readonly Row[], ordered: boolean): [string, Row][] {
  const pairs = rows.map((r): [string, Row] => [JSON.stringify(r), r]);
  return ordered ? pairs : pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function sameKeys(a: readonly [string, Row][], b: readonly [string, Row][]): boolean {
  return a.length === b.length && a.every((x, i) => x[0] === b[i]![0]);
}

/** Where two result sets with the same shape differ in values, or undefined if they do not. */
function valueDifference(a: ResultSet, b: ResultSet, ordered: boolean): Omit<Comparison, 'verdict'> | undefined {
  const ka = keyed(a.rows, ordered);
  const kb = keyed(b.rows, ordered);
  if (sameKeys(ka, kb)) return undefined;
  if (ordered && sameKeys(keyed(a.rows, false), keyed(b.rows, false))) return { difference: 'order' };
  const at = ka.findIndex((x, i) => x[0] !== kb[i]![0]);
  const column = Math.max(0, ka[at]![1].findIndex((v, j) => v !== kb[at]![1][j]));
  return { difference: 'values', valueColumn: { name: a.columns[column] ?? '', postgres: a.types[column] ?? 0, thanosql: b.types[column] ?? 0 } };
}

function copyDiffers(a: ResultSet, b: ResultSet, ordered: boolean): boolean {
  const ca = (a.copyOut ?? '').split('\n');
  const cb = (b.copyOut ?? '').split('\n');
  if (!ordered) {
    ca.sort();
    cb.sort();
  }
  return ca.length !== cb.length || ca.some((line, i) => line !== cb[i]);
}

/** How two successful result lists differ, or undefined if they agree. */
function resultDifference(pg: readonly ResultSet[], ours: readonly ResultSet[], ordered: boolean): Omit<Comparison, 'verdict'> | undefined {
  if (pg.length !== ours.length) return { difference: 'results' };
  for (let i = 0; i < pg.length; i++) {
    const a = pg[i]!;
    const b = ours[i]!;
    if (a.columns.length !== b.columns.length) return { difference: 'columns' };
    if (a.rows.length !== b.rows.length) return { difference: 'row-count' };
    const values = valueDifference(a, b, ordered);
    if (values) return values;
    if (a.tag !== b.tag) return { difference: 'tag' };
    if (copyDiffers(a, b, ordered)) return { difference: 'copy' };
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
  return difference ? { verdict: 'rows', ...difference } : { verdict: 'agree' };
}
