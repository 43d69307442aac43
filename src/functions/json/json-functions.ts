/**
 * json/jsonb functions and operators drivers and BI tools use: `->`, `->>`, `#>>`,
 * json[b]_build_object, json[b]_build_array, to_json[b], json[b]_array_length,
 * json[b]_typeof. json results keep PostgreSQL's json spacing (`{"a" : 1}`), jsonb results
 * are normalised (`{"a": 1}`).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { normaliseJsonb } from '../../types/jsonb-text.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import type { EvalContext, ScalarFunction, ScalarOverload } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { jsonAsText, jsonChild, parseJsonTree, type JsonTree } from './json-tree.js';
import { toJsonText } from './to-json.js';

const TEXT_ARRAY: SqlType = { id: 'text', array: true, typmod: -1 };

function step(tree: JsonTree, key: Value): JsonTree | undefined {
  return jsonChild(tree, typeof key === 'number' ? key : String(key));
}

/** `->`, `->>` for json (keeps the element's text) and jsonb. */
function arrowOverloads(asText: boolean): ScalarOverload[] {
  return [T.json, T.jsonb].flatMap((type) => [T.text, T.int4].map((key) => scalar([type, key], asText ? T.text : type,
    ([doc, k]) => {
      const child = step(parseJsonTree(doc as string), k!);
      if (!child) return null;
      return asText ? jsonAsText(child) : child.raw;
    })));
}

/** `#>>` (json, text[]): the element at a path, as text. */
function pathText(doc: Value, path: Value): Value {
  let tree: JsonTree | undefined = parseJsonTree(doc as string);
  for (const key of arrayItems(path)) {
    if (key === null || !tree) return null;
    tree = jsonChild(tree, String(key));
  }
  return tree ? jsonAsText(tree) : null;
}

function argTypeAt(types: readonly SqlType[], i: number): SqlType {
  const t = types[i]!;
  return t.id === 'unknown' ? T.text : t;
}

function buildObject(jsonb: boolean) {
  return (args: readonly Value[], ctx: EvalContext, types: readonly SqlType[]): Value => {
    if (args.length % 2 !== 0) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, 'argument list must have even number of elements',
        { hint: `The arguments of ${jsonb ? 'jsonb' : 'json'}_build_object() must consist of alternating keys and values.` });
    }
    const parts: string[] = [];
    for (let i = 0; i < args.length; i += 2) {
      if (args[i] === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'null value not allowed for object key');
      const key = types[i]!.id === 'unknown' || types[i]!.id === 'text' ? String(args[i]) : JSON.parse(toJsonText(args[i]!, argTypeAt(types, i), ctx)).toString();
      parts.push(`${JSON.stringify(key)} : ${toJsonText(args[i + 1]!, argTypeAt(types, i + 1), ctx)}`);
    }
    const text = `{${parts.join(', ')}}`;
    return jsonb ? normaliseJsonb(text) : text;
  };
}

function buildArray(jsonb: boolean) {
  return (args: readonly Value[], ctx: EvalContext, types: readonly SqlType[]): Value => {
    const text = `[${args.map((a, i) => toJsonText(a, argTypeAt(types, i), ctx)).join(', ')}]`;
    return jsonb ? normaliseJsonb(text) : text;
  };
}

function arrayLength(doc: Value, type: string): Value {
  const tree = parseJsonTree(doc as string);
  if (tree.kind !== 'array') {
    throw new SqlError(SQLSTATE.InvalidParameterValue,
      type === 'json' ? 'cannot get array length of a non-array' : tree.kind === 'object' ? 'cannot get array length of a non-array' : 'cannot get array length of a scalar');
  }
  return tree.items.length;
}

function typeOf(doc: Value): Value {
  const tree = parseJsonTree(doc as string);
  return tree.kind;
}

export const jsonFunctions: readonly ScalarFunction[] = [
  { name: '->', overloads: arrowOverloads(false) },
  { name: '->>', overloads: arrowOverloads(true) },
  { name: '#>>', overloads: [T.json, T.jsonb].map((type) => scalar([type, TEXT_ARRAY], T.text, ([d, p]) => pathText(d!, p!))) },
  { name: 'json_build_object', overloads: [scalar([], T.json, buildObject(false), { variadic: 'any', strict: false, volatility: 'stable' })] },
  { name: 'jsonb_build_object', overloads: [scalar([], T.jsonb, buildObject(true), { variadic: 'any', strict: false, volatility: 'stable' })] },
  { name: 'json_build_array', overloads: [scalar([], T.json, buildArray(false), { variadic: 'any', strict: false, volatility: 'stable' })] },
  { name: 'jsonb_build_array', overloads: [scalar([], T.jsonb, buildArray(true), { variadic: 'any', strict: false, volatility: 'stable' })] },
  { name: 'to_json', overloads: [scalar(['anyelement'], T.json, ([v], ctx, types) => toJsonText(v!, types[0]!, ctx), { volatility: 'stable' })] },
  { name: 'to_jsonb', overloads: [scalar(['anyelement'], T.jsonb,
    ([v], ctx, types) => normaliseJsonb(toJsonText(v!, types[0]!, ctx)), { volatility: 'stable' })] },
  { name: 'json_array_length', overloads: [scalar([T.json], T.int4, ([d]) => arrayLength(d!, 'json'))] },
  { name: 'jsonb_array_length', overloads: [scalar([T.jsonb], T.int4, ([d]) => arrayLength(d!, 'jsonb'))] },
  { name: 'json_typeof', overloads: [scalar([T.json], T.text, ([d]) => typeOf(d!))] },
  { name: 'jsonb_typeof', overloads: [scalar([T.jsonb], T.text, ([d]) => typeOf(d!))] },
];
