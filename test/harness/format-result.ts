/**
 * Turns a result set into the lines an .slt file stores and compares. Values are PostgreSQL's
 * own text output (the `pg` client is told not to parse anything); a row is its values joined
 * by a tab; NULL is `NULL`, the empty string is `(empty)`, and tab/newline/carriage return
 * inside a value are written as `\t`, `\n`, `\r` so one row stays on one line.
 */
import type { SortMode } from './slt-record.js';

/** Marker that matches any value in an expected row (for volatile output). */
export const IGNORE_MARKER = '<slt:ignore>';

/** PostgreSQL type OIDs grouped into the .slt type letters. */
const TYPE_LETTERS: ReadonlyMap<number, string> = new Map([
  [20, 'I'], [21, 'I'], [23, 'I'], [26, 'I'], // int8 int2 int4 oid
  [700, 'R'], [701, 'R'], [1700, 'R'], // float4 float8 numeric
  [16, 'B'], // bool
  [1082, 'D'], [1083, 'D'], [1114, 'D'], [1184, 'D'], [1186, 'D'], [1266, 'D'], // date time ts tstz interval timetz
]);

/** The type letter for a column's type OID; everything not listed is text-like `T`. */
export function typeLetter(oid: number): string {
  return TYPE_LETTERS.get(oid) ?? 'T';
}

/** One value in comparison form. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  const text = typeof value === 'string' ? value : String(value);
  if (text === '') return '(empty)';
  return text.replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** Code-unit order, independent of the machine's locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Result lines for `rows` (each an array of raw column values) under a sort mode:
 * nosort and rowsort give one line per row; valuesort gives one line per value.
 */
export function formatRows(rows: readonly (readonly unknown[])[], sort: SortMode): string[] {
  const cells = rows.map((row) => row.map(formatValue));
  if (sort === 'valuesort') return cells.flat().sort(compareText);
  const lines = cells.map((row) => row.join('\t'));
  return sort === 'rowsort' ? lines.sort(compareText) : lines;
}

/** True when an actual line equals the expected line, honouring IGNORE_MARKER cells. */
export function lineMatches(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  if (!expected.includes(IGNORE_MARKER)) return false;
  const want = expected.split('\t');
  const got = actual.split('\t');
  return want.length === got.length && want.every((cell, i) => cell === IGNORE_MARKER || cell === got[i]);
}

/** Keeps ignore markers of the old expected output when the new output has the same shape. */
export function keepIgnoreMarkers(previous: readonly string[], next: readonly string[]): string[] {
  if (previous.length !== next.length) return [...next];
  return next.map((line, r) => {
    if (!previous[r].includes(IGNORE_MARKER)) return line;
    const old = previous[r].split('\t');
    const cells = line.split('\t');
    if (old.length !== cells.length) return line;
    return cells.map((cell, c) => (old[c] === IGNORE_MARKER ? IGNORE_MARKER : cell)).join('\t');
  });
}
