/**
 * Building json and jsonb: json[b]_build_object / _build_array (VARIADIC "any"), json[b]_object
 * from text arrays, to_json[b], array_to_json and row_to_json (with their pretty forms). json
 * results use PostgreSQL's json spacing (`{"a" : 1, "b" : 2}`, `[1, 2]`); jsonb results are
 * trees (keys sorted and unique when rendered).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import { JsonbObject, type JsonbNode } from '../../types/jsonb-node.js';
import { quoteJsonString } from '../../types/jsonb-text.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { RecordValue, Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { arrayToJson, jsonKeyText, recordToJson, toJsonb, toJsonText } from './to-json.js';

const TEXT_ARRAY: SqlType = { id: 'text', array: true, typmod: -1 };
const RECORD_ANY = 'record';

function oddArguments(jsonb: boolean): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, 'argument list must have even number of elements', {
    hint: `The arguments of ${jsonb ? 'jsonb' : 'json'}_build_object() must consist of alternating keys and values.`,
  });
}

function nullKey(jsonb: boolean, position: number): SqlError {
  return jsonb
    ? new SqlError(SQLSTATE.InvalidParameterValue, `argument ${position}: key must not be null`)
    : new SqlError(SQLSTATE.InvalidParameterValue, `argument ${position} cannot be null`, { hint: 'Object keys should be text.' });
}

function buildObject(jsonb: boolean) {
  return (args: readonly Value[], ctx: EvalContext, types: readonly SqlType[]): Value => {
    if (args.length % 2 !== 0) throw oddArguments(jsonb);
    const keys: string[] = [];
    const values: Value[] = [];
    for (let i = 0; i < args.length; i += 2) {
      if (args[i] === null) throw nullKey(jsonb, i + 1);
      keys.push(jsonKeyText(args[i]!, types[i]!, ctx));
      values.push(args[i + 1]!);
    }
    if (jsonb) return JsonbValue.of(JsonbObject.fromPairs(keys, values.map((v, i) => toJsonb(v, types[2 * i + 1]!, ctx))));
    return `{${keys.map((k, i) => `${quoteJsonString(k)} : ${toJsonText(values[i]!, types[2 * i + 1]!, ctx)}`).join(', ')}}`;
  };
}

function buildArray(jsonb: boolean) {
  return (args: readonly Value[], ctx: EvalContext, types: readonly SqlType[]): Value => {
    if (jsonb) return JsonbValue.of(args.map((a, i) => toJsonb(a, types[i]!, ctx)));
    return `[${args.map((a, i) => toJsonText(a, types[i]!, ctx)).join(', ')}]`;
  };
}

/** The pairs of json_object(text[]) / json_object(keys text[], values text[]). */
function objectPairs(first: Value, second?: Value): [string, string | null][] {
  const a = arrayItems(first) as readonly (string | null)[];
  const pairs: [string | null, string | null][] = [];
  if (second === undefined) {
    if (a.length % 2 !== 0) throw new SqlError(SQLSTATE.ArraySubscriptError, 'array must have even number of elements');
    for (let i = 0; i < a.length; i += 2) pairs.push([a[i]!, a[i + 1]!]);
  } else {
    const b = arrayItems(second) as readonly (string | null)[];
    if (a.length !== b.length) throw new SqlError(SQLSTATE.ArraySubscriptError, 'mismatched array dimensions');
    for (let i = 0; i < a.length; i++) pairs.push([a[i]!, b[i]!]);
  }
  for (const [k] of pairs) {
    if (k === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'null value not allowed for object key');
  }
  return pairs as [string, string | null][];
}

function jsonObject(args: readonly Value[]): Value {
  const pairs = objectPairs(args[0]!, args[1]);
  return `{${pairs.map(([k, v]) => `${quoteJsonString(k)} : ${v === null ? 'null' : quoteJsonString(v)}`).join(', ')}}`;
}

function jsonbObject(args: readonly Value[]): Value {
  const pairs = objectPairs(args[0]!, args[1]);
  return JsonbValue.of(JsonbObject.fromPairs(pairs.map((p) => p[0]), pairs.map((p): JsonbNode => p[1])));
}

const variadicAny = { variadic: 'any' as const, strict: false, volatility: 'stable' as const };

export const jsonBuildFunctions: readonly ScalarFunction[] = [
  { name: 'json_build_object', overloads: [scalar([], T.json, buildObject(false), variadicAny)] },
  { name: 'jsonb_build_object', overloads: [scalar([], T.jsonb, buildObject(true), variadicAny)] },
  { name: 'json_build_array', overloads: [scalar([], T.json, buildArray(false), variadicAny)] },
  { name: 'jsonb_build_array', overloads: [scalar([], T.jsonb, buildArray(true), variadicAny)] },
  { name: 'json_object', overloads: [scalar([TEXT_ARRAY], T.json, jsonObject), scalar([TEXT_ARRAY, TEXT_ARRAY], T.json, jsonObject)] },
  { name: 'jsonb_object', overloads: [scalar([TEXT_ARRAY], T.jsonb, jsonbObject), scalar([TEXT_ARRAY, TEXT_ARRAY], T.jsonb, jsonbObject)] },
  { name: 'to_json', overloads: [scalar(['anyelement'], T.json, ([v], ctx, types) => toJsonText(v!, types[0]!, ctx), { volatility: 'stable' })] },
  { name: 'to_jsonb', overloads: [scalar(['anyelement'], T.jsonb, ([v], ctx, types) => JsonbValue.of(toJsonb(v!, types[0]!, ctx)), { volatility: 'stable' })] },
  { name: 'array_to_json', overloads: [
    scalar(['anyarray'], T.json, ([v], ctx, types) => arrayToJson(v!, types[0]!, false, ctx), { volatility: 'stable' }),
    scalar(['anyarray', T.bool], T.json, ([v, p], ctx, types) => arrayToJson(v!, types[0]!, p as boolean, ctx), { volatility: 'stable' }),
  ] },
  { name: 'row_to_json', overloads: [
    scalar([RECORD_ANY], T.json, ([v], ctx, types) => recordToJson(v as RecordValue, types[0]!, false, ctx), { volatility: 'stable' }),
    scalar([RECORD_ANY, T.bool], T.json, ([v, p], ctx, types) => recordToJson(v as RecordValue, types[0]!, p as boolean, ctx), { volatility: 'stable' }),
  ] },
];
