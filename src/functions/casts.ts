/**
 * PostgreSQL cast rules for our types: in which context (implicit, assignment, explicit) a
 * cast exists, and how to perform it. Text → X goes through the text codec's parser and
 * X → text through its formatter, as PostgreSQL's I/O conversion casts do.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { baseTypeOf, elementTypeOf, formatTypeName, userTypeOid, type ScalarTypeId, type SqlType } from '../types/sql-type.js';
import { MICROS_PER_DAY, RecordValue, type Value } from '../types/value.js';
import { formatText, parseText, type TextCodecOptions } from '../types/text-codec.js';
import { parseInterval } from '../types/interval-codec.js';
import { parseFloat } from '../types/float-codec.js';
import { localOffsetSeconds, zoneOffsetSeconds } from '../types/datetime-codec-zone.js';
import { checkInt8, checkSmallInt, outOfRange, roundHalfEven } from './numeric-limits.js';
import { applyTypmod } from './typmod.js';
import type { CatalogLookup } from './system/catalog-lookup.js';
import { makeArray } from './array-values.js';
import { regIn, regOut, REG_TYPES } from './system/reg-types.js';
import { jsonbCastScalar, JSONB_CAST_TARGETS } from './json/jsonb-casts.js';
import { JsonbValue } from '../types/jsonb-value.js';

/** Text-codec options plus the catalog, which regclass input/output needs. */
export interface CastOptions extends TextCodecOptions {
  readonly catalog?: CatalogLookup;
}

/** Contexts in increasing permissiveness, as pg_cast.castcontext. */
export type CastContext = 'implicit' | 'assignment' | 'explicit';

const MICROS_PER_SECOND = 1_000_000;
const SPACE = 0x20;
const STRINGS = new Set<ScalarTypeId>(['text', 'varchar', 'bpchar', 'name', 'char', 'unknown']);
/** Numeric widening order: a cast to the right is implicit, to the left assignment. */
const NUMERIC_ORDER: readonly ScalarTypeId[] = ['int2', 'int4', 'int8', 'numeric', 'float4', 'float8'];
const OID_LIKE = new Set<ScalarTypeId>(['oid', 'regclass', 'regtype', 'regproc']);
const DATETIME_ORDER: readonly ScalarTypeId[] = ['date', 'timestamp', 'timestamptz'];

export function isStringType(id: ScalarTypeId): boolean {
  return STRINGS.has(id);
}

export function isNumericType(id: ScalarTypeId): boolean {
  return NUMERIC_ORDER.includes(id);
}

/** The weakest context in which `from` can be cast to `to`, or undefined if it cannot. */
export function castContext(from: SqlType, to: SqlType): CastContext | undefined {
  if (from.id === 'unknown' && !from.array) return 'implicit';
  // A domain converts to its base type implicitly; a cast to a domain is its base type's cast
  // (the binder adds the domain's checks).
  if (from.domain || to.domain) return castContext(baseTypeOf(from), baseTypeOf(to));
  if (from.udt || to.udt || from.fields || to.fields) return userTypeCastContext(from, to);
  if (from.array !== to.array) {
    // Any type has an I/O conversion cast to the string types (int2vector::varchar in SQLAlchemy).
    if (isStringType(to.id) && to.id !== 'unknown' && !to.array) return 'assignment';
    if (isStringType(from.id) && !from.array) return 'explicit';
    return undefined;
  }
  return scalarCastContext(from.id, to.id);
}

/**
 * Casts involving enums and composites: within one type; to and from the string types by I/O
 * conversion (to a string in assignment, from one explicitly); a row value to a composite with
 * as many fields, and any composite to the anonymous `record`.
 */
function userTypeCastContext(from: SqlType, to: SqlType): CastContext | undefined {
  // Arrays cast element by element (text[] → mood[] as text → mood).
  if (from.array && to.array && !from.fields && !to.fields) return castContext(elementTypeOf(from), elementTypeOf(to));
  if (from.array === to.array && userTypeOid(from) === userTypeOid(to) && from.id === to.id) {
    if (!from.fields) return 'implicit';
    if (from.udt) return 'implicit';
  }
  if (!to.array && isStringType(to.id) && !to.udt) return 'assignment';
  if (!from.array && isStringType(from.id) && from.id !== 'unknown' && !from.udt) return 'explicit';
  if (from.fields && to.fields && from.array === to.array) {
    if (!to.udt) return 'implicit';
    if (!from.udt && from.fields.length === to.fields.length
      && from.fields.every((f, i) => castContext(f.type, to.fields![i]!.type) !== undefined)) return 'implicit';
  }
  return undefined;
}

function scalarCastContext(from: ScalarTypeId, to: ScalarTypeId): CastContext | undefined {
  if (from === to) return 'implicit';
  if (isStringType(from) && isStringType(to)) return 'implicit';
  if (isStringType(to)) return 'assignment';
  if (isStringType(from)) return 'explicit';
  const nf = NUMERIC_ORDER.indexOf(from);
  const nt = NUMERIC_ORDER.indexOf(to);
  if (nf >= 0 && nt >= 0) return nf < nt ? 'implicit' : 'assignment';
  if ((OID_LIKE.has(from) || from === 'int4' || from === 'int8') && OID_LIKE.has(to)) return 'implicit';
  if (OID_LIKE.has(from) && (to === 'int4' || to === 'int8')) return 'assignment';
  const df = DATETIME_ORDER.indexOf(from);
  const dt = DATETIME_ORDER.indexOf(to);
  if (df >= 0 && dt >= 0) return df < dt ? 'implicit' : 'assignment';
  if ((from === 'json' && to === 'jsonb') || (from === 'jsonb' && to === 'json')) return 'assignment';
  if (from === 'jsonb' && JSONB_CAST_TARGETS.has(to)) return 'explicit';
  if ((from === 'bool' && to === 'int4') || (from === 'int4' && to === 'bool')) return 'explicit';
  if (from === 'timestamp' && to === 'time') return 'assignment';
  if (from === 'timestamptz' && to === 'time') return 'assignment';
  return undefined;
}

/** Whether `from` may be converted to `to` in `context` (implicit ⊂ assignment ⊂ explicit). */
export function canCast(from: SqlType, to: SqlType, context: CastContext): boolean {
  const found = castContext(from, to);
  if (!found) return false;
  const rank = { implicit: 0, assignment: 1, explicit: 2 } as const;
  return rank[found] <= rank[context];
}

/** The 42846 error for a cast that does not exist. */
export function cannotCast(from: SqlType, to: SqlType): SqlError {
  return new SqlError(SQLSTATE.CannotCoerce,
    `cannot cast type ${formatTypeName(from)} to ${formatTypeName(to)}`);
}

/**
 * Converts a non-NULL-safe value from one type to another (NULL stays NULL). `explicit`
 * selects explicit-cast typmod behaviour (varchar(n) truncates instead of failing).
 */
export function castValue(value: Value, from: SqlType, to: SqlType, explicit = true,
  opts: CastOptions = {}): Value {
  if (value === null) return null;
  if (from.domain || to.domain) return castValue(value, baseTypeOf(from), baseTypeOf(to), explicit, opts);
  if (from.array && to.array) return castArray(value, from, to, explicit, opts);
  if (value instanceof RecordValue && to.fields && !to.array) return castRecord(value, from, to, explicit, opts);
  let result: Value;
  if (from.array || to.array) {
    result = to.array ? parseText(value as string, withoutTypmod(to), opts) : formatText(value, from, opts);
  } else {
    result = castScalar(value, from, to, opts);
  }
  return to.typmod >= 0 ? applyTypmod(result, to, explicit) : result;
}

function withoutTypmod(type: SqlType): SqlType {
  return type.typmod < 0 ? type : { ...type, typmod: -1 };
}

/** A row value as a composite type: each field cast to the field's type (ROW(1, 'a')::comptype). */
function castRecord(value: RecordValue, from: SqlType, to: SqlType, explicit: boolean, opts: CastOptions): Value {
  const targets = to.fields!.map((f) => f.type);
  if (value.values.length !== targets.length) throw cannotCast(from, to);
  const sources = from.fields?.map((f) => f.type) ?? value.types;
  const values = value.values.map((v, i) => (sources[i] ? castValue(v, sources[i]!, targets[i]!, explicit, opts) : v));
  return new RecordValue(values, targets);
}

function castArray(value: Value, from: SqlType, to: SqlType, explicit: boolean, opts: CastOptions): Value {
  const elemFrom: SqlType = elementTypeOf({ ...from, typmod: -1 });
  const elemTo: SqlType = elementTypeOf(to);
  const items = Array.from(value as ArrayLike<Value>);
  if (from.id === to.id && to.typmod < 0 && userTypeOid(from) === userTypeOid(to) && !to.fields) return value;
  const cast = items.map((item) => castValue(item, elemFrom, elemTo, explicit, opts));
  return makeArray(cast, elemTo, value);
}

function castScalar(value: Value, from: SqlType, to: SqlType, opts: CastOptions): Value {
  const f = from.id;
  const t = to.id;
  if (f === t) return value;
  // regclass/regtype/regproc read and print object names, not numbers.
  if (REG_TYPES.has(t) && isStringType(f)) return regIn(t, value as string, opts.catalog);
  if (REG_TYPES.has(f) && isStringType(t)) return regOut(f, value as number, opts.catalog);
  // bool → text is booltext ('true'/'false'), unlike bool output ('t'/'f').
  if (f === 'bool' && isStringType(t)) return value ? 'true' : 'false';
  // character(n) → text/varchar/name drops the padding (PostgreSQL's rtrim of trailing blanks).
  if (f === 'bpchar' && isStringType(t)) return trimBlankPadding(value as string);
  if (isStringType(t)) return isStringType(f) ? value : formatText(value, from, opts);
  // A bare number read as an interval means the qualifier's last field: '1'::interval day is 1 day.
  if (isStringType(f) && t === 'interval' && to.typmod >= 0) return parseInterval(value as string, to.typmod, opts.intervalStyle);
  if (isStringType(f)) return parseText(value as string, withoutTypmod(to), opts);
  if (isNumericType(f) || OID_LIKE.has(f)) {
    if (isNumericType(t) || OID_LIKE.has(t)) return castNumber(value, f, t);
    if (t === 'bool') return value !== 0;
  }
  if (f === 'bool' && t === 'int4') return value ? 1 : 0;
  if (DATETIME_ORDER.includes(f) && DATETIME_ORDER.includes(t)) return castDatetime(value as number, f, t, opts);
  if ((f === 'timestamp' || f === 'timestamptz') && t === 'time') {
    const micros = value as number;
    return micros - Math.floor(micros / MICROS_PER_DAY) * MICROS_PER_DAY;
  }
  if (f === 'json' && t === 'jsonb') return JsonbValue.parse(value as string);
  if (f === 'jsonb' && t === 'json') return String(value);
  if (f === 'jsonb' && JSONB_CAST_TARGETS.has(t)) {
    const inner = jsonbCastScalar(value, t);
    return t === 'bool' ? inner : castNumber(inner, 'numeric', t);
  }
  throw cannotCast(from, to);
}

/** A character(n) value without its trailing blanks: what it means wherever it becomes text. */
export function trimBlankPadding(value: string): string {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) === SPACE) end--;
  return end === value.length ? value : value.slice(0, end);
}

/** Numeric family conversions with PostgreSQL's rounding and range rules. */
export function castNumber(value: Value, from: ScalarTypeId, to: ScalarTypeId): Value {
  const target = OID_LIKE.has(to) ? 'oid' : to;
  switch (target) {
    case 'int2': case 'int4': case 'oid':
      return checkSmallInt(toInteger(value, from, target), target);
    case 'int8': {
      if (typeof value === 'bigint') return value;
      if (value instanceof Decimal) {
        if (!value.isFinite()) throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot convert NaN to bigint');
        return checkInt8(BigInt(value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0)));
      }
      const n = value as number;
      if (!Number.isFinite(n)) throw outOfRange('int8');
      return checkInt8(BigInt(OID_LIKE.has(from) ? n : roundHalfEven(n)));
    }
    case 'numeric':
      if (typeof value === 'number' && (from === 'float4' || from === 'float8')) {
        // numeric has NaN and ±Infinity since PostgreSQL 14.
        if (!Number.isFinite(value)) return new Decimal(value);
        // float8 → numeric keeps DBL_DIG (15) significant digits, float4 → FLT_DIG (6).
        return new Decimal(value.toPrecision(from === 'float4' ? 6 : 15));
      }
      return new Decimal(String(value));
    case 'float4': {
      // numeric → real goes through its text, as PostgreSQL's numeric_float4 calls float4in.
      if (Decimal.isDecimal(value)) {
        const d = value as Decimal;
        return parseFloat(d.isFinite() ? d.toFixed() : d.toString(), true);
      }
      const n = Number(value);
      const f = Math.fround(n);
      if (!Number.isFinite(f) && Number.isFinite(n)) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value out of range: overflow');
      if (f === 0 && n !== 0) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value out of range: underflow');
      return f;
    }
    case 'float8':
      return value instanceof Decimal ? value.toNumber() : Number(value);
    default:
      throw new SqlError(SQLSTATE.CannotCoerce, `cannot cast ${from} to ${to}`);
  }
}

function toInteger(value: Value, from: ScalarTypeId, to: ScalarTypeId): number {
  if (typeof value === 'bigint') {
    if (value > 2n ** 53n || value < -(2n ** 53n)) throw outOfRange(to);
    return Number(value);
  }
  if (value instanceof Decimal) {
    if (!value.isFinite()) throw new SqlError(SQLSTATE.FeatureNotSupported, `cannot convert NaN to ${to === 'int2' ? 'smallint' : 'integer'}`);
    return value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  }
  const n = value as number;
  if (Number.isNaN(n)) throw outOfRange(to);
  return from === 'float4' || from === 'float8' ? roundHalfEven(n) : n;
}

/** date/timestamp/timestamptz conversions; timestamptz ↔ local goes through the session zone. */
function castDatetime(value: number, from: ScalarTypeId, to: ScalarTypeId, opts: TextCodecOptions): number {
  if (!Number.isFinite(value)) return value;
  const zone = opts.timeZone ?? 'UTC';
  let local = from === 'date' ? value * MICROS_PER_DAY : value;
  if (from === 'timestamptz') local += zoneOffsetSeconds(zone, value) * MICROS_PER_SECOND;
  if (to === 'date') return Math.floor(local / MICROS_PER_DAY);
  if (to === 'timestamptz') return local - localOffsetSeconds(zone, local) * MICROS_PER_SECOND;
  return local;
}
