/**
 * Changing jsonb: `||` (jsonb_concat), `-` with a key, an index or keys (jsonb_delete), `#-`
 * (jsonb_delete_path), jsonb_set, jsonb_set_lax and jsonb_insert, with PostgreSQL's rules for
 * scalars (a top-level scalar concatenates as a one-element array; deleting from or setting
 * a path in one is 22023).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import { JsonbObject, isJsonbScalar, type JsonbNode } from '../../types/jsonb-node.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import type { ScalarFunction, ScalarOverload } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { PathOp, setPath } from './jsonb-set-path.js';

const TEXT_ARRAY: SqlType = { id: 'text', array: true, typmod: -1 };
const NULL_TREATMENTS = '"delete_key", "return_target", "use_json_null", or "raise_exception"';

function rootOf(v: Value): JsonbNode {
  return (v as JsonbValue).root;
}

function asArray(node: JsonbNode): readonly JsonbNode[] {
  return Array.isArray(node) ? node : [node];
}

/** jsonb_concat. */
export function concatJsonb(a: JsonbNode, b: JsonbNode): JsonbNode {
  const aObject = a instanceof JsonbObject;
  const bObject = b instanceof JsonbObject;
  if (aObject && bObject) {
    if (a.size === 0) return b;
    if (b.size === 0) return a;
    return JsonbObject.fromPairs([...a.keys, ...b.keys], [...a.values, ...b.values]);
  }
  if (!aObject && !bObject) {
    if (Array.isArray(a) && a.length === 0 && Array.isArray(b)) return b;
    if (Array.isArray(b) && b.length === 0 && Array.isArray(a)) return a;
  }
  return [...(aObject ? [a] : asArray(a)), ...(bObject ? [b] : asArray(b))];
}

function cannotDeleteFromScalar(): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, 'cannot delete from scalar');
}

/** jsonb - text / jsonb - text[]: object keys, or string elements of an array. */
function deleteKeys(root: JsonbNode, keys: readonly string[]): JsonbNode {
  if (isJsonbScalar(root)) throw cannotDeleteFromScalar();
  if (keys.length === 0) return root;
  if (root instanceof JsonbObject) {
    let out = root;
    for (const key of keys) out = out.without(key);
    return out;
  }
  const drop = new Set(keys);
  return (root as readonly JsonbNode[]).filter((item) => typeof item !== 'string' || !drop.has(item));
}

/** jsonb - integer: the array element at an index (negative from the end). */
function deleteIndex(root: JsonbNode, index: number): JsonbNode {
  if (isJsonbScalar(root)) throw cannotDeleteFromScalar();
  if (root instanceof JsonbObject) throw new SqlError(SQLSTATE.InvalidParameterValue, 'cannot delete from object using integer index');
  const arr = root as readonly JsonbNode[];
  const i = index < 0 ? arr.length + index : index;
  if (i < 0 || i >= arr.length) return root;
  return [...arr.slice(0, i), ...arr.slice(i + 1)];
}

function pathSteps(path: Value): (string | null)[] {
  return arrayItems(path) as (string | null)[];
}

function isEmptyContainer(node: JsonbNode): boolean {
  return node instanceof JsonbObject ? node.size === 0 : Array.isArray(node) && node.length === 0;
}

/** `#-` / jsonb_delete_path. */
export function deletePath(root: JsonbNode, path: Value): JsonbNode {
  if (isJsonbScalar(root)) throw new SqlError(SQLSTATE.InvalidParameterValue, 'cannot delete path in scalar');
  const steps = pathSteps(path);
  if (isEmptyContainer(root) || steps.length === 0) return root;
  return setPath(root, steps, null, PathOp.Delete);
}

function cannotSetInScalar(): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, 'cannot set path in scalar');
}

/** jsonb_set(target, path, new_value, create_if_missing). */
export function jsonbSet(root: JsonbNode, path: Value, newValue: JsonbNode, create: boolean): JsonbNode {
  if (isJsonbScalar(root)) throw cannotSetInScalar();
  if (isEmptyContainer(root) && !create) return root;
  const steps = pathSteps(path);
  if (steps.length === 0) return root;
  return setPath(root, steps, newValue, create ? PathOp.Create : PathOp.Replace);
}

function jsonbInsert(root: JsonbNode, path: Value, newValue: JsonbNode, after: boolean): JsonbNode {
  if (isJsonbScalar(root)) throw cannotSetInScalar();
  const steps = pathSteps(path);
  if (steps.length === 0) return root;
  return setPath(root, steps, newValue, after ? PathOp.InsertAfter : PathOp.InsertBefore);
}

/** jsonb_set_lax: what an SQL NULL new value means is `treatment`'s choice. */
function jsonbSetLax(args: readonly Value[]): Value {
  const [target, path, newValue, create, treatment] = args;
  if (treatment === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, `null_value_treatment must be ${NULL_TREATMENTS}`);
  if (target === null || path === null || create === null) return null;
  if (newValue !== null) return JsonbValue.of(jsonbSet(rootOf(target!), path!, rootOf(newValue!), create as boolean));
  switch (treatment) {
    case 'raise_exception':
      throw new SqlError(SQLSTATE.NullValueNotAllowed, 'JSON value must not be null', {
        detail: 'Exception was raised because null_value_treatment is "raise_exception".',
        hint: 'To avoid, either change the null_value_treatment argument or ensure that an SQL NULL is not passed.',
      });
    case 'use_json_null': return JsonbValue.of(jsonbSet(rootOf(target!), path!, null, create as boolean));
    case 'delete_key': return JsonbValue.of(deletePath(rootOf(target!), path!));
    case 'return_target': return target!;
    default: throw new SqlError(SQLSTATE.InvalidParameterValue, `null_value_treatment must be ${NULL_TREATMENTS}`);
  }
}

const wrap = (node: JsonbNode): Value => JsonbValue.of(node);

const deleteText = scalar([T.jsonb, T.text], T.jsonb, ([d, k]) => wrap(deleteKeys(rootOf(d!), [k as string])));
const deleteInt = scalar([T.jsonb, T.int4], T.jsonb, ([d, i]) => wrap(deleteIndex(rootOf(d!), i as number)));
const deleteArray = scalar([T.jsonb, TEXT_ARRAY], T.jsonb,
  ([d, k]) => wrap(deleteKeys(rootOf(d!), arrayItems(k!).filter((x): x is string => x !== null))));
const deletePathOverload = scalar([T.jsonb, TEXT_ARRAY], T.jsonb, ([d, p]) => wrap(deletePath(rootOf(d!), p!)));
const concat = scalar([T.jsonb, T.jsonb], T.jsonb, ([a, b]) => wrap(concatJsonb(rootOf(a!), rootOf(b!))));

/** jsonb_delete(from_json, VARIADIC path_elems text[]). */
const deleteVariadic: ScalarOverload = {
  ...deleteArray, args: [T.jsonb], variadic: T.text,
  call: (args, ctx, types) => deleteArray.call!([args[0]!, args.slice(1)], ctx, types),
};

function setOverloads(defaultFlag: boolean, fn: (r: JsonbNode, p: Value, v: JsonbNode, flag: boolean) => JsonbNode): ScalarOverload[] {
  return [
    scalar([T.jsonb, TEXT_ARRAY, T.jsonb], T.jsonb, ([d, p, v]) => wrap(fn(rootOf(d!), p!, rootOf(v!), defaultFlag))),
    scalar([T.jsonb, TEXT_ARRAY, T.jsonb, T.bool], T.jsonb, ([d, p, v, f]) => wrap(fn(rootOf(d!), p!, rootOf(v!), f as boolean))),
  ];
}

const laxOverloads: ScalarOverload[] = [
  scalar([T.jsonb, TEXT_ARRAY, T.jsonb], T.jsonb, (a) => jsonbSetLax([...a, true, 'use_json_null']), { strict: false }),
  scalar([T.jsonb, TEXT_ARRAY, T.jsonb, T.bool], T.jsonb, (a) => jsonbSetLax([...a, 'use_json_null']), { strict: false }),
  scalar([T.jsonb, TEXT_ARRAY, T.jsonb, T.bool, T.text], T.jsonb, jsonbSetLax, { strict: false }),
];

export const jsonbModifyFunctions: readonly ScalarFunction[] = [
  { name: '||', overloads: [concat] },
  { name: 'jsonb_concat', overloads: [concat] },
  { name: '-', overloads: [deleteText, deleteInt, deleteArray] },
  { name: 'jsonb_delete', overloads: [deleteText, deleteInt, deleteVariadic] },
  { name: '#-', overloads: [deletePathOverload] },
  { name: 'jsonb_delete_path', overloads: [deletePathOverload] },
  { name: 'jsonb_set', overloads: setOverloads(true, jsonbSet) },
  { name: 'jsonb_insert', overloads: setOverloads(false, jsonbInsert) },
  { name: 'jsonb_set_lax', overloads: laxOverloads },
];
