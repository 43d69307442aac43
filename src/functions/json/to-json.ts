/**
 * SQL values → JSON, as PostgreSQL's datum_to_json / datum_to_jsonb (to_json, row_to_json,
 * json_agg, json_build_*): booleans and numbers bare (NaN and Infinity become strings), json
 * and jsonb embedded, arrays as JSON arrays, records as objects of their fields, dates and
 * timestamps in ISO 8601 (`2014-05-28T12:22:35.614298-04:00`), anything else as a JSON string
 * of its text output. As an object key (`keyScalar`) only scalars are allowed (22023).
 */
import type { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { shapeOf } from '../../types/array-shape.js';
import { parseJsonb } from '../../types/jsonb-value.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import { JsonbObject, type JsonbNode } from '../../types/jsonb-node.js';
import { quoteJsonString } from '../../types/jsonb-text.js';
import { parseNumeric } from '../../types/numeric-codec.js';
import type { SqlType } from '../../types/sql-type.js';
import { formatText } from '../../types/text-codec.js';
import { parseIntervalStyle } from '../../types/datetime-style.js';
import { RecordValue, type Value } from '../../types/value.js';
import type { EvalContext } from '../function-types.js';
import { regOut, REG_TYPES } from '../system/reg-types.js';

const NUMBER_TYPES = new Set(['int2', 'int4', 'int8', 'oid', 'float4', 'float8', 'numeric']);
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function keyMustBeScalar(): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, 'key value must be scalar, not array, composite, or json');
}

function elementOf(type: SqlType): SqlType {
  return { ...type, array: false };
}

function arrayItems(value: Value): readonly Value[] {
  return value instanceof Float32Array ? Array.from(value) : (value as readonly Value[]);
}

/**
 * A (row-major) array's elements nested by its dimensions, as array_dim_to_json does:
 * `{{1,5},{99,100}}` is `[[1,5],[99,100]]`, not one flat list.
 */
function nestByShape<T>(items: readonly T[], dims: readonly number[]): (T | unknown[])[] {
  if (dims.length <= 1) return [...items];
  const size = items.length / dims[0]!;
  return Array.from({ length: dims[0]! }, (_, i) => nestByShape(items.slice(i * size, (i + 1) * size), dims.slice(1)));
}

/** `value`'s elements rendered by `render`, as nested JSON arrays; `separator` between the outermost ones. */
function arrayJsonText(value: Value, render: (v: Value) => string, separator: string): string {
  const nested = nestByShape(arrayItems(value).map(render), shapeOf(value).dims);
  const text = (node: unknown): string => (Array.isArray(node) ? `[${node.map(text).join(',')}]` : node as string);
  return `[${nested.map(text).join(separator)}]`;
}

/** Field names of a record type (f1, f2 … when it has none). */
export function recordFieldNames(type: SqlType, record: RecordValue): readonly string[] {
  return record.values.map((_, i) => type.fields?.[i]?.name ?? `f${i + 1}`);
}

/** A scalar's text output; regclass & co. print names, which needs the catalog. */
function scalarText(value: Value, type: SqlType, ctx?: EvalContext): string {
  if (REG_TYPES.has(type.id)) return regOut(type.id, value as number, ctx?.catalog);
  // Dates and times are written in ISO form whatever DateStyle says; intervals follow IntervalStyle.
  const intervalStyle = parseIntervalStyle(ctx?.setting('intervalstyle') ?? 'postgres');
  return formatText(value, type, { timeZone: ctx?.setting('timezone') ?? 'UTC', ...(intervalStyle ? { intervalStyle } : {}) });
}

/** JsonEncodeDateTime: ISO 8601 with `T`, offsets as ±hh:mm, infinities as words. */
function isoDateTime(value: Value, type: SqlType, ctx?: EvalContext): string {
  const text = scalarText(value, type, ctx);
  if (!Number.isFinite(value as number)) return text;
  const t = text.replace(' ', 'T');
  return type.id === 'timestamptz' && /[+-]\d\d$/.test(t) ? `${t}:00` : t;
}

/** The JSON text of `value` of SQL type `type` (datum_to_json). */
export function toJsonText(value: Value, type: SqlType, ctx?: EvalContext, keyScalar = false): string {
  if (value === null) return 'null';
  if (type.array || type.fields || value instanceof RecordValue) {
    if (keyScalar) throw keyMustBeScalar();
    if (type.array) return arrayJsonText(value, (v) => toJsonText(v, elementOf(type), ctx), ',');
    return recordToJson(value as RecordValue, type, false, ctx);
  }
  switch (type.id) {
    case 'bool': return keyScalar ? quoteJsonString(value ? 'true' : 'false') : value ? 'true' : 'false';
    case 'date': case 'timestamp': case 'timestamptz': return quoteJsonString(isoDateTime(value, type, ctx));
    case 'json': case 'jsonb':
      if (keyScalar) throw keyMustBeScalar();
      return String(value);
    default: break;
  }
  const text = scalarText(value, type, ctx);
  if (NUMBER_TYPES.has(type.id) && !keyScalar && JSON_NUMBER.test(text)) return text;
  return quoteJsonString(text);
}

/** composite_to_json: `{"f1":1,"f2":"a"}`; `pretty` puts each field after the first on a new line. */
export function recordToJson(record: RecordValue, type: SqlType, pretty: boolean, ctx?: EvalContext): string {
  const names = recordFieldNames(type, record);
  const parts = record.values.map((v, i) => `${quoteJsonString(names[i]!)}:${toJsonText(v, record.types[i]!, ctx)}`);
  return `{${parts.join(pretty ? ',\n ' : ',')}}`;
}

/** array_to_json: `[1,2]`; `pretty` puts each element after the first on a new line. */
export function arrayToJson(value: Value, type: SqlType, pretty: boolean, ctx?: EvalContext): string {
  return arrayJsonText(value, (v) => toJsonText(v, elementOf(type), ctx), pretty ? ',\n ' : ',');
}

/** The jsonb tree of `value` of SQL type `type` (datum_to_jsonb). */
export function toJsonb(value: Value, type: SqlType, ctx?: EvalContext, keyScalar = false): JsonbNode {
  if (value === null) return null;
  if (type.array || type.fields || value instanceof RecordValue) {
    if (keyScalar) throw keyMustBeScalar();
    if (type.array) return nestByShape(arrayItems(value).map((v) => toJsonb(v, elementOf(type), ctx)), shapeOf(value).dims) as JsonbNode;
    const record = value as RecordValue;
    const names = recordFieldNames(type, record);
    return JsonbObject.fromPairs(names, record.values.map((v, i) => toJsonb(v, record.types[i]!, ctx)));
  }
  switch (type.id) {
    case 'bool': return keyScalar ? (value ? 'true' : 'false') : (value as boolean);
    case 'date': case 'timestamp': case 'timestamptz': return isoDateTime(value, type, ctx);
    case 'jsonb':
      if (keyScalar) throw keyMustBeScalar();
      return (value as JsonbValue).root;
    case 'json':
      if (keyScalar) throw keyMustBeScalar();
      return parseJsonb(value as string);
    default: break;
  }
  const text = scalarText(value, type, ctx);
  // Numbers stay numbers unless their text is NaN or Infinity (PostgreSQL looks for an 'n').
  if (NUMBER_TYPES.has(type.id) && !keyScalar && !/[nN]/.test(text)) return parseNumeric(text) as Decimal;
  return text;
}

/** The text a key of SQL type `type` has in an object (json_build_object, json_object_agg). */
export function jsonKeyText(value: Value, type: SqlType, ctx?: EvalContext): string {
  const node = toJsonb(value, type, ctx, true);
  return typeof node === 'string' ? node : String(node);
}

/** `to_jsonb(value)` as a jsonb value. */
export function toJsonbValue(value: Value, type: SqlType, ctx?: EvalContext): JsonbValue {
  return JsonbValue.of(toJsonb(value, type, ctx));
}
