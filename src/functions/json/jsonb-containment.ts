/**
 * jsonb containment and existence: `@>` / `<@` (jsonb_contains / jsonb_contained, PostgreSQL's
 * JsonbDeepContains), `?` (a top-level key, or a string element of a top-level array),
 * `?|` / `?&` (any / all of a text[]; NULL elements ignored) and their named functions.
 */
import { JsonbObject, isJsonbScalar, type JsonbNode } from '../../types/jsonb-node.js';
import type { JsonbValue } from '../../types/jsonb-value.js';
import { compareJsonb } from '../../types/jsonb-order.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const TEXT_ARRAY: SqlType = { id: 'text', array: true, typmod: -1 };

function isContainer(node: JsonbNode): boolean {
  return Array.isArray(node) || node instanceof JsonbObject;
}

function scalarsEqual(a: JsonbNode, b: JsonbNode): boolean {
  return compareJsonb(a, b) === 0;
}

/** Does container `val` contain `part`? (Both objects, or both arrays.) */
function deepContains(val: JsonbNode, part: JsonbNode): boolean {
  if (val instanceof JsonbObject) {
    if (!(part instanceof JsonbObject) || val.size < part.size) return false;
    for (let i = 0; i < part.size; i++) {
      const have = val.get(part.keys[i]!);
      const want = part.values[i]!;
      if (have === undefined) return false;
      if (isContainer(want) || isContainer(have)) {
        if (!isContainer(want) || !isContainer(have) || !deepContains(have, want)) return false;
      } else if (typeof have !== typeof want || (have === null) !== (want === null) || !scalarsEqual(have, want)) return false;
    }
    return true;
  }
  if (!Array.isArray(val) || !Array.isArray(part)) return false;
  let lhsContainers: JsonbNode[] | undefined;
  for (const want of part) {
    if (isJsonbScalar(want)) {
      if (!val.some((have) => isJsonbScalar(have) && sameScalarKind(have, want) && scalarsEqual(have, want))) return false;
      continue;
    }
    lhsContainers ??= val.filter(isContainer);
    if (!lhsContainers.some((have) => deepContains(have, want))) return false;
  }
  return true;
}

function sameScalarKind(a: JsonbNode, b: JsonbNode): boolean {
  if (a === null || b === null) return a === b;
  return typeof a === typeof b;
}

/** jsonb_contains: a top-level scalar is a one-element array that only contains scalars. */
export function jsonbContains(val: JsonbNode, part: JsonbNode): boolean {
  const valObject = val instanceof JsonbObject;
  if (valObject !== part instanceof JsonbObject) return false;
  if (valObject) return deepContains(val, part);
  const valRaw = !Array.isArray(val);
  const partRaw = !Array.isArray(part);
  if (valRaw && !partRaw) return false;
  return deepContains(valRaw ? [val] : val, partRaw ? [part] : part);
}

/** `?`: an object key, or a string element of an array (or the string scalar itself). */
export function jsonbExists(root: JsonbNode, key: string): boolean {
  if (root instanceof JsonbObject) return root.has(key);
  if (Array.isArray(root)) return root.some((item) => item === key);
  return root === key;
}

function existsKeys(doc: Value, keys: Value, every: boolean): boolean {
  const root = (doc as JsonbValue).root;
  const wanted = arrayItems(keys).filter((k): k is string => k !== null);
  return every ? wanted.every((k) => jsonbExists(root, k)) : wanted.some((k) => jsonbExists(root, k));
}

const contains = scalar([T.jsonb, T.jsonb], T.bool, ([a, b]) => jsonbContains((a as JsonbValue).root, (b as JsonbValue).root));
const contained = scalar([T.jsonb, T.jsonb], T.bool, ([a, b]) => jsonbContains((b as JsonbValue).root, (a as JsonbValue).root));
const exists = scalar([T.jsonb, T.text], T.bool, ([d, k]) => jsonbExists((d as JsonbValue).root, k as string));
const existsAny = scalar([T.jsonb, TEXT_ARRAY], T.bool, ([d, k]) => existsKeys(d!, k!, false));
const existsAll = scalar([T.jsonb, TEXT_ARRAY], T.bool, ([d, k]) => existsKeys(d!, k!, true));

export const jsonbContainmentFunctions: readonly ScalarFunction[] = [
  { name: '@>', overloads: [contains] },
  { name: '<@', overloads: [contained] },
  { name: '?', overloads: [exists] },
  { name: '?|', overloads: [existsAny] },
  { name: '?&', overloads: [existsAll] },
  { name: 'jsonb_contains', overloads: [contains] },
  { name: 'jsonb_contained', overloads: [contained] },
  { name: 'jsonb_exists', overloads: [exists] },
  { name: 'jsonb_exists_any', overloads: [existsAny] },
  { name: 'jsonb_exists_all', overloads: [existsAll] },
];
