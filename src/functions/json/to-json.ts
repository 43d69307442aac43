/**
 * SQL values → JSON text as PostgreSQL's to_json does: numbers and booleans bare, json/jsonb
 * as they are, arrays as JSON arrays, timestamps in ISO 8601 with `T`, everything else as a
 * JSON string of its text output; NaN/Infinity become strings.
 */
import type { SqlType } from '../../types/sql-type.js';
import { formatText } from '../../types/text-codec.js';
import { parseIntervalStyle } from '../../types/datetime-style.js';
import type { Value } from '../../types/value.js';
import type { EvalContext } from '../function-types.js';

/** The JSON text of `value` of SQL type `type`. */
export function toJsonText(value: Value, type: SqlType, ctx?: EvalContext): string {
  if (value === null) return 'null';
  if (type.array) {
    const element: SqlType = { id: type.id, array: false, typmod: type.typmod };
    const items = value instanceof Float32Array ? Array.from(value) : (value as readonly Value[]);
    return `[${items.map((v) => toJsonText(v, element, ctx)).join(',')}]`;
  }
  const timeZone = ctx?.setting('timezone') ?? 'UTC';
  // JSON writes dates and times in ISO form whatever DateStyle says; intervals follow IntervalStyle.
  const intervalStyle = parseIntervalStyle(ctx?.setting('intervalstyle') ?? 'postgres');
  switch (type.id) {
    case 'bool': return value ? 'true' : 'false';
    case 'int2': case 'int4': case 'int8': case 'oid': case 'float4': case 'float8': case 'numeric': {
      const text = formatText(value, type);
      return /^-?\d/.test(text) ? text : JSON.stringify(text);
    }
    case 'json': case 'jsonb': return String(value);
    case 'timestamp': case 'timestamptz': {
      const text = formatText(value, type, { timeZone }).replace(' ', 'T');
      return JSON.stringify(/[+-]\d\d$/.test(text) ? `${text}:00` : text);
    }
    case 'unknown': return JSON.stringify(String(value));
    default: return JSON.stringify(formatText(value, type, { timeZone, ...(intervalStyle ? { intervalStyle } : {}) }));
  }
}
