/**
 * The records of a sqllogictest file, as the parser produces them. Every record remembers the
 * line span it came from so `--complete` can rewrite only the expected-output lines.
 */

/** Targets a record can be restricted to with `onlyif` / `skipif`. */
export type TargetName = 'thanosql' | 'postgres';

/** How a query's result rows are ordered before comparison. */
export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

/** Fields shared by every record. */
interface RecordBase {
  /** 1-based line of the record's first line (the `statement`/`query` line, not its directives). */
  readonly line: number;
  readonly onlyIf: readonly TargetName[];
  readonly skipIf: readonly TargetName[];
}

/** `statement ok`: the SQL must succeed; any rows are discarded. */
export interface StatementOk extends RecordBase {
  readonly kind: 'statement-ok';
  readonly sql: string;
}

/** `statement error <SQLSTATE>` [`----` message substring]. */
export interface StatementError extends RecordBase {
  readonly kind: 'statement-error';
  readonly sql: string;
  readonly sqlState: string;
  /** Substring the error message must contain, if given. */
  readonly message: string | null;
}

/** `query <types> [sort]`, SQL, `----`, expected lines. */
export interface Query extends RecordBase {
  readonly kind: 'query';
  readonly sql: string;
  /** One letter per column: I integer, R float/numeric, B boolean, D date/time, T anything else. */
  readonly types: string;
  readonly sort: SortMode;
  /** Expected output lines, already in comparison form (see format-result.ts). */
  readonly expected: readonly string[];
  /** 0-based index into the file's lines of the first expected line (= line after `----`). */
  readonly expectedStart: number;
  /** Number of lines the expected block currently occupies (0 when `----` is missing or empty). */
  readonly expectedLength: number;
  /** 0-based index of the `query …` header line, rewritten by --complete when types change. */
  readonly headerIndex: number;
  /** True if the record had a `----` line. */
  readonly hasSeparator: boolean;
}

/** `halt`: stop running the file here (usually under `onlyif`). */
export interface Halt extends RecordBase {
  readonly kind: 'halt';
}

export type SltRecord = StatementOk | StatementError | Query | Halt;

/** A parsed file: its header comments and records. */
export interface SltFile {
  readonly path: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly lines: readonly string[];
  readonly records: readonly SltRecord[];
}

/** True when the record should run on the given target. */
export function appliesTo(record: SltRecord, target: TargetName): boolean {
  if (record.onlyIf.length > 0 && !record.onlyIf.includes(target)) return false;
  return !record.skipIf.includes(target);
}
