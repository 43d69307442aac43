/**
 * Column types for ThanoSQL `COPY table FROM 'file.csv'` into a new table, inferred in one
 * streaming pass over the file (the loader streams it again to insert), so memory is one
 * set of flags per column. Each non-empty value rules out the candidates it does not parse
 * as; the narrowest surviving candidate wins:
 *   int4 → int8 → float8 → bool → date → timestamp → text.
 * Empty and NULL fields do not vote; a column with no values at all is text.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { CopyRecord } from './csv-reader.js';

export interface InferredColumn {
  readonly name: string;
  readonly type: SqlType;
}

const INT4_MIN = -(2n ** 31n);
const INT4_MAX = 2n ** 31n - 1n;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
const INTEGER = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOL = /^(true|false)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(:(\d{2})(\.\d{1,6})?)?$/;

/** Candidates still possible for one column. */
interface Candidates {
  int4: boolean;
  int8: boolean;
  float8: boolean;
  bool: boolean;
  date: boolean;
  timestamp: boolean;
  sawValue: boolean;
}

/**
 * Incremental inference: construct with the header record, `observe` every data record,
 * then `result()`.
 * @example const inf = new TypeInferrer(header); for (const r of rows) inf.observe(r); inf.result();
 */
export class TypeInferrer {
  readonly names: readonly string[];
  private readonly candidates: Candidates[];

  constructor(header: CopyRecord) {
    this.names = columnNamesFromHeader(header);
    this.candidates = this.names.map(() => ({
      int4: true, int8: true, float8: true, bool: true, date: true, timestamp: true, sawValue: false,
    }));
  }

  observe(record: CopyRecord): void {
    const { fields, line } = record;
    if (fields.length > this.names.length) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `extra data after last expected column (line ${line})`);
    }
    if (fields.length < this.names.length) {
      throw new SqlError(SQLSTATE.BadCopyFileFormat,
        `missing data for column "${this.names[fields.length]}" (line ${line})`);
    }
    fields.forEach((raw, i) => {
      if (raw === null || raw === '') return;
      const c = this.candidates[i];
      const v = raw.trim();
      c.sawValue = true;
      if (c.int8 && !fitsInteger(v, INT8_MIN, INT8_MAX)) c.int8 = c.int4 = false;
      if (c.int4 && !fitsInteger(v, INT4_MIN, INT4_MAX)) c.int4 = false;
      if (c.float8 && !FLOAT.test(v)) c.float8 = false;
      if (c.bool && !BOOL.test(v)) c.bool = false;
      if (c.date && !isDate(v)) c.date = false;
      if (c.timestamp && !isDate(v) && !isTimestamp(v)) c.timestamp = false;
    });
  }

  result(): InferredColumn[] {
    return this.names.map((name, i) => ({ name, type: pick(this.candidates[i]) }));
  }
}

function pick(c: Candidates): SqlType {
  if (!c.sawValue) return T.text;
  if (c.int4) return T.int4;
  if (c.int8) return T.int8;
  if (c.float8) return T.float8;
  if (c.bool) return T.bool;
  if (c.date) return T.date;
  if (c.timestamp) return T.timestamp;
  return T.text;
}

/**
 * Column names from a CSV header: trimmed and lower-cased (ThanoSQL requires lowercase
 * names). An empty name is 22P04; a repeated one 42701.
 */
export function columnNamesFromHeader(header: CopyRecord): string[] {
  const seen = new Set<string>();
  return header.fields.map((raw, i) => {
    const name = (raw ?? '').trim().toLowerCase();
    if (name === '') {
      throw new SqlError(SQLSTATE.BadCopyFileFormat, `CSV header column ${i + 1} has an empty name (line ${header.line})`);
    }
    if (seen.has(name)) {
      throw new SqlError(SQLSTATE.DuplicateColumn, `column "${name}" specified more than once in the CSV header`);
    }
    seen.add(name);
    return name;
  });
}

function fitsInteger(v: string, min: bigint, max: bigint): boolean {
  if (!INTEGER.test(v)) return false;
  const n = BigInt(v);
  return n >= min && n <= max;
}

function isDate(v: string): boolean {
  const m = DATE.exec(v);
  return m !== null && validDate(+m[1], +m[2], +m[3]);
}

function isTimestamp(v: string): boolean {
  const m = TIMESTAMP.exec(v);
  if (!m || !validDate(+m[1], +m[2], +m[3])) return false;
  return +m[4] <= 23 && +m[5] <= 59 && (m[7] === undefined || +m[7] <= 59);
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one; setUTCFullYear, unlike Date.UTC,
  // does not map years 0–99 to 1900–1999.
  const last = new Date(0);
  last.setUTCFullYear(year, month, 0);
  return day <= last.getUTCDate();
}
