/**
 * Column types for ThanoSQL `COPY table FROM 'file.csv'` into a new table, inferred in one
 * streaming pass over the file (the loader streams it again to insert), so memory is one
 * set of flags per column. Each non-empty value rules out the candidates it does not parse
 * as; the narrowest surviving candidate wins:
 *   int4 → int8 → float8 → bool → date → timestamp → text.
 * Empty and NULL fields do not vote; a column with no values at all is text.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { daysInMonth } from '../../types/datetime-codec-calendar.js';
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
    for (let i = 0; i < fields.length; i++) {
      const raw = fields[i];
      if (raw === null || raw === '') continue;
      observeValue(this.candidates[i]!, raw.trim());
    }
  }

  result(): InferredColumn[] {
    return this.names.map((name, i) => ({ name, type: pick(this.candidates[i]) }));
  }
}

/** Rules out the candidates `v` does not parse as; cheap character checks before any regex. */
function observeValue(c: Candidates, v: string): void {
  c.sawValue = true;
  if (c.int8 || c.int4) {
    const fits = integerFit(v);
    if (fits < INT8_FITS) c.int8 = false;
    if (fits < INT4_FITS) c.int4 = false;
  }
  // Every integer literal is also a float literal.
  if (c.float8 && !(isDigits(v) || FLOAT.test(v))) c.float8 = false;
  if (c.bool && !(mayBeBool(v) && BOOL.test(v))) c.bool = false;
  if (c.date || c.timestamp) {
    const dateLike = mayBeDate(v);
    const date = dateLike && isDate(v);
    if (c.date && !date) c.date = false;
    if (c.timestamp && !date && !(dateLike && isTimestamp(v))) c.timestamp = false;
  }
}

const NOT_INTEGER = 0;
const INT8_FITS = 1;
const INT4_FITS = 2;
/** Digits that always fit in int4 (|n| < 10^9 < 2^31). */
const SAFE_INT4_DIGITS = 9;

/** How wide an integer type `v` needs: NOT_INTEGER, INT8_FITS or INT4_FITS (also fits int8). */
function integerFit(v: string): number {
  const start = v.charCodeAt(0) === PLUS || v.charCodeAt(0) === MINUS ? 1 : 0;
  const digits = v.length - start;
  if (digits === 0 || !isDigits(v, start)) return NOT_INTEGER;
  if (digits <= SAFE_INT4_DIGITS) return INT4_FITS;
  if (fitsInteger(v, INT4_MIN, INT4_MAX)) return INT4_FITS;
  return fitsInteger(v, INT8_MIN, INT8_MAX) ? INT8_FITS : NOT_INTEGER;
}

const PLUS = 0x2b;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/** `v` from `start` is one or more ASCII digits. */
function isDigits(v: string, start = 0): boolean {
  if (v.length <= start) return false;
  for (let i = start; i < v.length; i++) if (!isDigit(v.charCodeAt(i))) return false;
  return true;
}

/** First letter of true/false, any case. */
function mayBeBool(v: string): boolean {
  const c = v.charCodeAt(0) | 0x20;
  return c === 0x74 || c === 0x66;
}

/** `dddd-` prefix, which both DATE and TIMESTAMP require. */
function mayBeDate(v: string): boolean {
  return v.length >= 10 && v.charCodeAt(4) === MINUS && isDigit(v.charCodeAt(0)) && isDigit(v.charCodeAt(3));
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

/** Length of `dddd-dd-dd dd:dd:dd`, the form checked without the regex. */
const PLAIN_TIMESTAMP_CHARS = 19;
/** Character positions of `-`, `-`, the date/time separator, `:`, `:` in that form. */
const PLAIN_TIMESTAMP_PUNCTUATION = [4, 7, 10, 13, 16];

function isTimestamp(v: string): boolean {
  if (v.length === PLAIN_TIMESTAMP_CHARS) {
    let plain = true;
    for (let i = 0; i < PLAIN_TIMESTAMP_CHARS && plain; i++) {
      if (!PLAIN_TIMESTAMP_PUNCTUATION.includes(i)) plain = isDigit(v.charCodeAt(i));
    }
    const sep = v.charCodeAt(10);
    if (plain && (sep === 0x20 || sep === 0x54) && v.charCodeAt(4) === MINUS && v.charCodeAt(7) === MINUS
      && v.charCodeAt(13) === COLON && v.charCodeAt(16) === COLON) {
      const n = (at: number) => (v.charCodeAt(at) - ZERO) * 10 + (v.charCodeAt(at + 1) - ZERO);
      return validDate(n(0) * 100 + n(2), n(5), n(8)) && n(11) <= 23 && n(14) <= 59 && n(17) <= 59;
    }
  }
  const m = TIMESTAMP.exec(v);
  if (!m || !validDate(+m[1], +m[2], +m[3])) return false;
  return +m[4] <= 23 && +m[5] <= 59 && (m[7] === undefined || +m[7] <= 59);
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}
