/**
 * Reading inside json and jsonb: `->` / `->>` (a member or element), `#>` / `#>>` (a path of
 * text steps), json[b]_extract_path[_text], json[b]_object_field[_text] and
 * json[b]_array_element[_text]. Missing members, out-of-range indices, steps into scalars and
 * non-integer steps into arrays all give NULL; negative indices count from the end; a path
 * with a NULL step is NULL; an empty path is the whole value.
 */
import { T, type SqlType } from '../../types/sql-type.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import { JsonbObject, type JsonbNode } from '../../types/jsonb-node.js';
import { renderJsonb } from '../../types/jsonb-text.js';
import type { Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import type { ScalarFunction, ScalarOverload } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { jsonAsText, jsonChild, parseJsonTree, type JsonTree } from './json-tree.js';

const TEXT_ARRAY: SqlType = { id: 'text', array: true, typmod: -1 };
const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;

/** C's strtoint as PostgreSQL uses it on a path step: leading blanks, a sign, digits, nothing after. */
export function pathIndex(step: string): number | undefined {
  const m = /^[ \t\n\r\f\v]*([+-]?\d+)$/.exec(step);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n >= INT4_MIN && n <= INT4_MAX ? n : undefined;
}

/** jsonb: the member `key`, or the element at `index` (negative from the end). */
export function jsonbChild(node: JsonbNode, step: string | number): JsonbNode | undefined {
  if (typeof step === 'number') {
    if (!Array.isArray(node)) return undefined;
    const i = step < 0 ? node.length + step : step;
    return i >= 0 && i < node.length ? node[i] : undefined;
  }
  return node instanceof JsonbObject ? node.get(step) : undefined;
}

/** jsonb at a text path (jsonb_get_element), or undefined. */
export function jsonbAtPath(root: JsonbNode, path: readonly Value[]): JsonbNode | undefined {
  let node: JsonbNode | undefined = root;
  for (const step of path) {
    if (step === null || node === undefined) return undefined;
    if (node instanceof JsonbObject) node = node.get(step as string);
    else if (Array.isArray(node)) {
      const index = pathIndex(step as string);
      node = index === undefined ? undefined : jsonbChild(node, index);
    } else return undefined;
  }
  return node;
}

/** json at a text path, or undefined. */
function jsonAtPath(tree: JsonTree, path: readonly Value[]): JsonTree | undefined {
  let node: JsonTree | undefined = tree;
  for (const step of path) {
    if (step === null || node === undefined) return undefined;
    if (node.kind === 'array') {
      const index = pathIndex(step as string);
      node = index === undefined ? undefined : jsonChild(node, index);
    } else node = jsonChild(node, step as string);
  }
  return node;
}

/** `->>` of a jsonb node: strings unquoted, null as SQL NULL, containers and numbers as text. */
export function jsonbAsText(node: JsonbNode | undefined): Value {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node;
  return renderJsonb(node);
}

function jsonbOrNull(node: JsonbNode | undefined): Value {
  return node === undefined ? null : JsonbValue.of(node);
}

function jsonStep(doc: Value, key: Value): JsonTree | undefined {
  return jsonChild(parseJsonTree(doc as string), typeof key === 'number' ? key : (key as string));
}

function jsonbStep(doc: Value, key: Value): JsonbNode | undefined {
  return jsonbChild((doc as JsonbValue).root, key as string | number);
}

function jsonPath(doc: Value, path: Value): JsonTree | undefined {
  const steps = arrayItems(path);
  if (steps.some((s) => s === null)) return undefined;
  return jsonAtPath(parseJsonTree(doc as string), steps);
}

function jsonbPath(doc: Value, path: Value): JsonbNode | undefined {
  const steps = arrayItems(path);
  if (steps.some((s) => s === null)) return undefined;
  return jsonbAtPath((doc as JsonbValue).root, steps);
}

const jsonArrow = (key: SqlType): ScalarOverload => scalar([T.json, key], T.json, ([d, k]) => jsonStep(d!, k!)?.raw ?? null);
const jsonArrowText = (key: SqlType): ScalarOverload => scalar([T.json, key], T.text, ([d, k]) => {
  const child = jsonStep(d!, k!);
  return child ? jsonAsText(child) : null;
});
const jsonbArrow = (key: SqlType): ScalarOverload => scalar([T.jsonb, key], T.jsonb, ([d, k]) => jsonbOrNull(jsonbStep(d!, k!)));
const jsonbArrowText = (key: SqlType): ScalarOverload => scalar([T.jsonb, key], T.text, ([d, k]) => jsonbAsText(jsonbStep(d!, k!)));

const jsonPathOf = scalar([T.json, TEXT_ARRAY], T.json, ([d, p]) => jsonPath(d!, p!)?.raw ?? null);
const jsonPathText = scalar([T.json, TEXT_ARRAY], T.text, ([d, p]) => {
  const found = jsonPath(d!, p!);
  return found ? jsonAsText(found) : null;
});
const jsonbPathOf = scalar([T.jsonb, TEXT_ARRAY], T.jsonb, ([d, p]) => jsonbOrNull(jsonbPath(d!, p!)));
const jsonbPathText = scalar([T.jsonb, TEXT_ARRAY], T.text, ([d, p]) => jsonbAsText(jsonbPath(d!, p!)));

/** json_extract_path(from_json, VARIADIC path_elems text[]). */
function variadicPath(overload: ScalarOverload, type: SqlType): ScalarOverload {
  return {
    ...overload, args: [type], variadic: T.text,
    call: (args, ctx, types) => overload.call!([args[0]!, args.slice(1)], ctx, types),
  };
}

export const jsonAccessFunctions: readonly ScalarFunction[] = [
  { name: '->', overloads: [jsonArrow(T.text), jsonArrow(T.int4), jsonbArrow(T.text), jsonbArrow(T.int4)] },
  { name: '->>', overloads: [jsonArrowText(T.text), jsonArrowText(T.int4), jsonbArrowText(T.text), jsonbArrowText(T.int4)] },
  { name: '#>', overloads: [jsonPathOf, jsonbPathOf] },
  { name: '#>>', overloads: [jsonPathText, jsonbPathText] },
  { name: 'json_object_field', overloads: [jsonArrow(T.text)] },
  { name: 'json_object_field_text', overloads: [jsonArrowText(T.text)] },
  { name: 'json_array_element', overloads: [jsonArrow(T.int4)] },
  { name: 'json_array_element_text', overloads: [jsonArrowText(T.int4)] },
  { name: 'jsonb_object_field', overloads: [jsonbArrow(T.text)] },
  { name: 'jsonb_object_field_text', overloads: [jsonbArrowText(T.text)] },
  { name: 'jsonb_array_element', overloads: [jsonbArrow(T.int4)] },
  { name: 'jsonb_array_element_text', overloads: [jsonbArrowText(T.int4)] },
  { name: 'json_extract_path', overloads: [variadicPath(jsonPathOf, T.json)] },
  { name: 'json_extract_path_text', overloads: [variadicPath(jsonPathText, T.json)] },
  { name: 'jsonb_extract_path', overloads: [variadicPath(jsonbPathOf, T.jsonb)] },
  { name: 'jsonb_extract_path_text', overloads: [variadicPath(jsonbPathText, T.jsonb)] },
];
