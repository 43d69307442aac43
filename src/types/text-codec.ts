/**
 * Values ↔ PostgreSQL 15 text format (the format of DataRow cells, text parameters, COPY and
 * casts from text). Errors are worded exactly as PostgreSQL words them, with its SQLSTATEs.
 *
 * @example
 * formatText(0.1, T.float4)                  // '0.1'
 * parseText('{"a b",NULL}', T.textArray)     // ['a b', null]
 * formatText(0, T.timestamptz, { timeZone: 'Asia/Seoul' }) // '1970-01-01 09:00:00+09'
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { explicitShape, isPlainShape, withShape } from './array-shape.js';
import { formatArrayText, parseArrayText } from './array-text-codec.js';
import { formatDate, formatTime, formatTimestamp, formatTimestamptz, parseDate, parseTime, parseTimestamp, parseTimestamptz } from './datetime-codec.js';
import { formatFloat, parseFloat } from './float-codec.js';
import { formatInterval, parseInterval } from './interval-codec.js';
import { validateJson } from './json-parser.js';
import { JsonbValue } from './jsonb-value.js';
import { parseJsonPath } from './jsonpath-parser.js';
import { renderJsonPath } from './jsonpath-text.js';
import { dateStyleOf, parseIntervalStyle, type DateStyle, type IntervalStyle } from './datetime-style.js';
import { formatNumeric, parseNumeric } from './numeric-codec.js';
import { elementTypeOf, formatTypeName, type SqlType } from './sql-type.js';
import { formatRecordText, parseRecordText, recordFieldTypes, withTypeFields } from './record-codec.js';
import { enumLabelOf, enumValueOf } from './user-type.js';
import { parseXid8 } from './xid8-codec.js';
import { parsePgSnapshot } from './pg-snapshot-codec.js';
import { RecordValue, type Interval, type Value } from './value.js';

/** Session context the text forms depend on. */
export interface TextCodecOptions {
  /** The session TimeZone for timestamptz (default UTC). */
  readonly timeZone?: string;
  /**
   * The name a regclass / regtype / regproc value prints as (regclassout …: it needs the
   * catalog, which this layer cannot see); without it, or when it answers undefined, the OID.
   */
  readonly regName?: (type: 'regclass' | 'regtype' | 'regproc', oid: number) => string | undefined;
  /** DateStyle: output style and input field order (default ISO, MDY). */
  readonly dateStyle?: DateStyle;
  /** IntervalStyle (default postgres). */
  readonly intervalStyle?: IntervalStyle;
  /** extra_float_digits (default 1: shortest round-trip output). */
  readonly extraFloatDigits?: number;
  /** Transaction start in µs since 1970, for 'now', 'today' … (default: the clock). */
  readonly now?: number;
  /** bytea_output: `hex` (default, `\\x…`) or `escape` (printable bytes as they are, others `\\ooo`). */
  readonly byteaOutput?: 'hex' | 'escape';
}

const DEFAULT_ZONE = 'UTC';

/**
 * The pseudo-setting a session answers with its transaction's start time (µs since 1970):
 * what 'now', 'today' and now() mean, constant within a transaction as in PostgreSQL.
 */
export const TRANSACTION_START_KEY = 'pg_transaction_start_micros';

/** The codec options a session's settings give (TimeZone, DateStyle, IntervalStyle, start time). */
export function textOptionsFromSettings(setting: (name: string) => string | undefined): TextCodecOptions {
  const now = setting(TRANSACTION_START_KEY);
  return {
    timeZone: setting('timezone') ?? DEFAULT_ZONE,
    dateStyle: dateStyleOf(setting('datestyle')),
    intervalStyle: parseIntervalStyle(setting('intervalstyle') ?? 'postgres') ?? 'postgres',
    extraFloatDigits: Number(setting('extra_float_digits') ?? 1),
    ...(setting('bytea_output')?.toLowerCase() === 'escape' ? { byteaOutput: 'escape' as const } : {}),
    ...(now !== undefined ? { now: Number(now) } : {}),
  };
}
const HEX_PREFIX = '\\x';
const INT2_MAX = 32767;
const INT4_MAX = 2147483647;
const INT8_MAX = 9223372036854775807n;
const OID_MAX = 4294967295;

/** The text form of a non-null value. NULL is the caller's business (length -1 / `\N`). */
export function formatText(value: Value, type: SqlType, opts: TextCodecOptions = {}): string {
  if (value === null) throw new SqlError(SQLSTATE.InternalError, 'formatText called with NULL');
  if (value instanceof RecordValue) {
    const fieldTypes = recordFieldTypes(value, type);
    return formatRecordText(withTypeFields(value, type), (v, i) => formatText(v, fieldTypes[i]!, opts));
  }
  if (type.array) {
    const elementType = elementTypeOf(type);
    const items = value instanceof Float32Array ? Array.from(value) : (value as readonly Value[]);
    // int2vector/oidvector: space-separated, no braces (their elements are never NULL).
    if (type.vector) return items.map((v) => formatText(v, elementType, opts)).join(' ');
    return formatArrayText(items.map((v) => (v === null ? null : formatText(v, elementType, opts))), explicitShape(value));
  }
  switch (type.id) {
    case 'bool': return value ? 't' : 'f';
    case 'float4': return formatFloat(Number(value), true, opts.extraFloatDigits);
    case 'float8': return formatFloat(Number(value), false, opts.extraFloatDigits);
    case 'numeric': return Decimal.isDecimal(value) ? formatNumeric(value as Decimal, type) : String(value);
    case 'date': return formatDate(Number(value), opts.dateStyle);
    case 'time': return formatTime(Number(value));
    case 'timestamp': return formatTimestamp(Number(value), opts.dateStyle);
    case 'timestamptz': return formatTimestamptz(Number(value), opts.timeZone ?? DEFAULT_ZONE, opts.dateStyle);
    case 'interval': return formatInterval(value as Interval, opts.intervalStyle);
    case 'bytea': return opts.byteaOutput === 'escape' ? byteaEscape(value as Uint8Array) : HEX_PREFIX + Buffer.from(value as Uint8Array).toString('hex');
    case 'regclass': case 'regtype': case 'regproc': return opts.regName?.(type.id, value as number) ?? String(value);
    case 'enum': return enumLabelOf(type.udt!, Number(value));
    default: return String(value);
  }
}

function invalid(typeName: string, text: string): SqlError {
  return new SqlError(SQLSTATE.InvalidTextRepresentation, `invalid input syntax for type ${typeName}: "${text}"`);
}

function outOfRange(typeName: string, text: string): SqlError {
  return new SqlError(SQLSTATE.NumericValueOutOfRange, `value "${text}" is out of range for type ${typeName}`);
}

/** Digits in the longest integer the fast path reads (int4's 2147483647 has 10). */
const FAST_INTEGER_DIGITS = 10;

/** `-?digits` (at most FAST_INTEGER_DIGITS) read by a loop, or undefined for anything else. */
function plainInteger(text: string): number | undefined {
  const negative = text.charCodeAt(0) === 0x2d;
  const start = negative ? 1 : 0;
  const n = text.length;
  if (n === start || n - start > FAST_INTEGER_DIGITS) return undefined;
  let value = 0;
  for (let i = start; i < n; i++) {
    const d = text.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return negative ? -value : value;
}

function parseInteger(text: string, typeName: string, max: number): number {
  // COPY and casts mostly see plain digits: no trim, no regular expression (same result).
  const plain = plainInteger(text);
  if (plain !== undefined && plain <= max && plain >= -max - 1) return plain;
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw invalid(typeName, text);
  const n = Number(t);
  if (n > max || n < -max - 1) throw outOfRange(typeName, text.trim());
  return n;
}

function parseBool(text: string): boolean {
  const t = text.trim().toLowerCase();
  const isPrefix = (word: string) => t.length > 0 && word.startsWith(t);
  if (t === '1' || t === 'on' || isPrefix('true') || isPrefix('yes')) return true;
  // 'o' alone is ambiguous (on/off), so off needs at least 'of'.
  if (t === '0' || (t.length >= 2 && 'off'.startsWith(t)) || isPrefix('false') || isPrefix('no')) return false;
  throw invalid('boolean', text);
}

function parseBytea(text: string): Uint8Array {
  if (text.startsWith(HEX_PREFIX)) {
    const hex = text.slice(2).replace(/\s+/g, '');
    if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw invalid('bytea', text);
    return new Uint8Array(Buffer.from(hex, 'hex'));
  }
  // Escape format: `\\` is a backslash, `\ooo` an octal byte, anything else literal.
  const out: number[] = [];
  const raw = Buffer.from(text, 'utf8');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x5c) { out.push(raw[i]!); continue; }
    const rest = raw.toString('latin1', i + 1, i + 4);
    if (rest.startsWith('\\')) { out.push(0x5c); i++; }
    else if (/^[0-3][0-7]{2}$/.test(rest)) { out.push(parseInt(rest, 8)); i += 3; }
    else throw invalid('bytea', text);
  }
  return new Uint8Array(out);
}

const UUID_HEX_DIGITS = 32;

function parseUuid(text: string): string {
  const hex = text.trim().replace(/^\{(.*)\}$/, '$1').replace(/-/g, '').toLowerCase();
  if (hex.length !== UUID_HEX_DIGITS || !/^[0-9a-f]+$/.test(hex)) throw invalid('uuid', text);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Parses the text form of `type`; throws 22P02 / 22003 / 22007 / 22008 as PostgreSQL does. */
export function parseText(text: string, type: SqlType, opts: TextCodecOptions = {}): Value {
  if (type.array) {
    const elementType = elementTypeOf(type);
    if (type.vector) return text.trim() === '' ? [] : text.trim().split(/\s+/).map((e) => parseText(e, elementType, opts));
    const { elements, shape } = parseArrayText(text);
    const items = elements.map((e) => (e === null ? null : parseText(e, elementType, opts)));
    if (!isPlainShape(shape)) return withShape(items, shape);
    if (type.id === 'float4' && items.every((v) => v !== null)) return Float32Array.from(items as number[]);
    return items;
  }
  if (type.fields) return parseComposite(text, type, opts);
  switch (type.id) {
    case 'enum': return enumValueOf(type.udt!, text);
    case 'bool': return parseBool(text);
    case 'int2': return parseInteger(text, 'smallint', INT2_MAX);
    case 'int4': return parseInteger(text, 'integer', INT4_MAX);
    case 'int8': {
      const t = text.trim();
      if (!/^[+-]?\d+$/.test(t)) throw invalid('bigint', text);
      const n = BigInt(t);
      if (n > INT8_MAX || n < -INT8_MAX - 1n) throw outOfRange('bigint', t);
      return n;
    }
    case 'oid': case 'regclass': case 'regtype': case 'regproc': {
      const n = parseInteger(text, 'oid', OID_MAX);
      return n < 0 ? n + OID_MAX + 1 : n;
    }
    case 'float4': return parseFloat(text, true);
    case 'float8': return parseFloat(text, false);
    case 'numeric': return parseNumeric(text);
    case 'date': return parseDate(text, opts);
    case 'time': return parseTime(text, opts);
    case 'timestamp': return parseTimestamp(text, opts);
    case 'timestamptz': return parseTimestamptz(text, opts.timeZone ?? DEFAULT_ZONE, opts);
    case 'interval': return parseInterval(text, type.typmod, opts.intervalStyle);
    case 'bytea': return parseBytea(text);
    case 'uuid': return parseUuid(text);
    case 'xid8': return parseXid8(text);
    case 'pg_snapshot': return parsePgSnapshot(text);
    case 'json': return validateJson(text);
    case 'jsonb': return JsonbValue.parse(text);
    case 'jsonpath': return renderJsonPath(parseJsonPath(text));
    default: return text;
  }
}

/**
 * `parseText` for one type, with the type's dispatch done once: for a column of many values
 * (COPY's fields). Same results and errors as `parseText(text, type, opts)`.
 * @example const parse = textParser(T.int4, {}); parse('42') // 42
 */
export function textParser(type: SqlType, opts: TextCodecOptions = {}): (text: string) => Value {
  if (!type.array && !type.fields) {
    switch (type.id) {
      case 'bool': return parseBool;
      case 'int2': return (text) => parseInteger(text, 'smallint', INT2_MAX);
      case 'int4': return (text) => parseInteger(text, 'integer', INT4_MAX);
      case 'float8': return (text) => parseFloat(text, false);
      case 'timestamp': return (text) => parseTimestamp(text, opts);
      case 'text': case 'varchar': case 'bpchar': return (text) => text;
      default: break;
    }
  }
  return (text) => parseText(text, type, opts);
}

/** A composite literal `(1,abc)`; anonymous records have no input function in PostgreSQL. */
function parseComposite(text: string, type: SqlType, opts: TextCodecOptions): RecordValue {
  if (!type.udt) throw new SqlError(SQLSTATE.FeatureNotSupported, 'input of anonymous composite types is not implemented');
  const fields = type.fields!;
  const texts = parseRecordText(text, fields.length);
  const values = texts.map((t, i) => (t === null ? null : parseText(t, fields[i]!.type, opts)));
  return new RecordValue(values, fields.map((f) => f.type));
}

/** bytea in PostgreSQL's escape format: a backslash doubled, bytes outside 0x20–0x7e as `\\` and three octal digits. */
function byteaEscape(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    if (b === BACKSLASH) out += '\\\\';
    else if (b < PRINTABLE_FIRST || b > PRINTABLE_LAST) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

const BACKSLASH = 0x5c;
const PRINTABLE_FIRST = 0x20;
const PRINTABLE_LAST = 0x7e;
