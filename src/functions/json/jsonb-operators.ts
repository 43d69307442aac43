/**
 * jsonb key and path operators: `?` (key or string element exists), `?|` / `?&` (any / all of
 * a text[] exist), `#>` (json or jsonb at a text[] path) and `#-` (jsonb without the element
 * at a path). jsonb values are their normalised text (types/jsonb-text.ts).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { normaliseJsonb } from '../../types/jsonb-text.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { jsonChild, parseJsonTree, type JsonTree } from './json-tree.js';

const TEXT_ARRAY: SqlType = { id: 'text', array: true, typmod: -1 };

/** PostgreSQL's `?`: an object key, or a string element of an array (or the string scalar itself). */
function exists(doc: Value, key: string): boolean {
  const tree = parseJsonTree(doc as string);
  if (tree.kind === 'object') return tree.entries.some(([k]) => k === key);
  if (tree.kind === 'array') return tree.items.some((item) => item.kind === 'string' && item.value === key);
  return tree.kind === 'string' && tree.value === key;
}

/** `?|` (some) and `?&` (every) over the non-NULL keys of a text[]. */
function existsKeys(doc: Value, keys: Value, every: boolean): boolean {
  const wanted = arrayItems(keys).filter((k): k is string => k !== null);
  return every ? wanted.every((k) => exists(doc, k)) : wanted.some((k) => exists(doc, k));
}

/** `#>`: the element at a path (as written), or NULL. */
function atPath(doc: Value, path: Value): Value {
  let tree: JsonTree | undefined = parseJsonTree(doc as string);
  for (const key of arrayItems(path)) {
    if (key === null || !tree) return null;
    tree = jsonChild(tree, String(key));
  }
  return tree ? tree.raw : null;
}

/** `#-`: the document without the element at `path` (unchanged when the path does not lead anywhere). */
function withoutPath(tree: JsonTree, path: readonly (string | null)[], depth: number): string {
  if (depth === path.length) return tree.raw;
  const key = path[depth];
  if (key === null || key === undefined) {
    throw new SqlError(SQLSTATE.NullValueNotAllowed, `path element at position ${depth + 1} is null`);
  }
  const last = depth === path.length - 1;
  if (tree.kind === 'object') {
    const entries = tree.entries.flatMap(([k, v]) => (k !== key ? [[k, v.raw]] : last ? [] : [[k, withoutPath(v, path, depth + 1)]]));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`;
  }
  if (tree.kind === 'array') {
    if (!/^-?\d+$/.test(key)) {
      throw new SqlError(SQLSTATE.InvalidTextRepresentation, `path element at position ${depth + 1} is not an integer: "${key}"`);
    }
    const n = Number(key);
    const index = n < 0 ? tree.items.length + n : n;
    const items = tree.items.flatMap((item, i) => (i !== index ? [item.raw] : last ? [] : [withoutPath(item, path, depth + 1)]));
    return `[${items.join(', ')}]`;
  }
  if (depth === 0) throw new SqlError(SQLSTATE.InvalidParameterValue, 'cannot delete path in scalar');
  return tree.raw;
}

export const jsonbOperators: readonly ScalarFunction[] = [
  { name: '?', overloads: [scalar([T.jsonb, T.text], T.bool, ([d, k]) => exists(d!, k as string))] },
  { name: '?|', overloads: [scalar([T.jsonb, TEXT_ARRAY], T.bool, ([d, k]) => existsKeys(d!, k!, false))] },
  { name: '?&', overloads: [scalar([T.jsonb, TEXT_ARRAY], T.bool, ([d, k]) => existsKeys(d!, k!, true))] },
  { name: '#>', overloads: [T.json, T.jsonb].map((type) => scalar([type, TEXT_ARRAY], type, ([d, p]) => atPath(d!, p!))) },
  { name: '#-', overloads: [scalar([T.jsonb, TEXT_ARRAY], T.jsonb,
    ([d, p]) => normaliseJsonb(withoutPath(parseJsonTree(d as string), arrayItems(p!) as (string | null)[], 0)))] },
];
