/**
 * PostgreSQL's setPath (jsonfuncs.c), which jsonb_set, jsonb_insert, `#-` and subscript
 * assignment (`UPDATE t SET j['a'][0] = …`) share: walks a text[] path through a jsonb tree and
 * replaces, creates, inserts or deletes at its end, with the same flags and errors. The tree
 * is immutable; only the containers along the path are rebuilt.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbObject, type JsonbNode } from '../../types/jsonb-node.js';
import { pathIndex } from './json-access.js';

/** JB_PATH_* flags. */
export const PathOp = {
  Create: 0x1, Delete: 0x2, Replace: 0x4, InsertBefore: 0x8, InsertAfter: 0x10, FillGaps: 0x20, ConsistentPosition: 0x40,
} as const;
const CREATE_OR_INSERT = PathOp.InsertBefore | PathOp.InsertAfter | PathOp.Create;
const INT_MIN = -2147483648;

interface PathWalk {
  readonly path: readonly (string | null)[];
  readonly newValue: JsonbNode;
  readonly op: number;
}

function scalarInPath(): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, 'cannot replace existing key',
    { detail: 'The path assumes key is a composite object, but it is a scalar value.' });
}

/** Applies the walk to `root`; `root` itself is never a top-level scalar here (callers check). */
export function setPath(root: JsonbNode, path: readonly (string | null)[], newValue: JsonbNode, op: number): JsonbNode {
  return setPathAt({ path, newValue, op }, root, 0, true);
}

function setPathAt(w: PathWalk, node: JsonbNode, level: number, top: boolean): JsonbNode {
  if (w.path[level] === null) {
    throw new SqlError(SQLSTATE.NullValueNotAllowed, `path element at position ${level + 1} is null`);
  }
  if (node instanceof JsonbObject) return setPathObject(w, node, level);
  if (Array.isArray(node)) return setPathArray(w, node, level);
  // A scalar where the path wants a container (a top-level one counts as a raw-scalar array).
  if ((w.op & PathOp.FillGaps) && level <= w.path.length - 1) throw scalarInPath();
  return top ? setPathArray(w, [node], level) : node;
}

function setPathObject(w: PathWalk, obj: JsonbObject, level: number): JsonbNode {
  const { path, op } = w;
  const last = level === path.length - 1;
  const key = level < path.length ? path[level]! : undefined;
  let done = key === undefined;
  const keys: string[] = [];
  const values: JsonbNode[] = [];
  if (obj.size === 0 && (op & CREATE_OR_INSERT) && last) {
    keys.push(key!);
    values.push(w.newValue);
  }
  for (let i = 0; i < obj.size; i++) {
    const k = obj.keys[i]!;
    const v = obj.values[i]!;
    if (!done && k === key) {
      done = true;
      if (last) {
        if (op & (PathOp.InsertBefore | PathOp.InsertAfter)) {
          throw new SqlError(SQLSTATE.InvalidParameterValue, 'cannot replace existing key',
            { hint: 'Try using the function jsonb_set to replace key value.' });
        }
        if (!(op & PathOp.Delete)) {
          keys.push(k);
          values.push(w.newValue);
        }
      } else {
        keys.push(k);
        values.push(setPathAt(w, v, level + 1, false));
      }
      continue;
    }
    if ((op & CREATE_OR_INSERT) && !done && last && i === obj.size - 1) {
      keys.push(key!);
      values.push(w.newValue);
    }
    keys.push(k);
    values.push(v);
  }
  if ((op & PathOp.FillGaps) && !done && level < path.length - 1) {
    keys.push(key!);
    values.push(pushPath(w, level));
  }
  return JsonbObject.fromPairs(keys, values);
}

function setPathArray(w: PathWalk, arr: readonly JsonbNode[], level: number): JsonbNode {
  const { path, op } = w;
  const n = arr.length;
  const last = level === path.length - 1;
  let idx: number;
  if (level < path.length && path[level] !== null) {
    const parsed = pathIndex(path[level]!);
    if (parsed === undefined) {
      throw new SqlError(SQLSTATE.InvalidTextRepresentation, `path element at position ${level + 1} is not an integer: "${path[level]}"`);
    }
    idx = parsed;
  } else idx = n;
  if (idx < 0) {
    if (-idx > n) {
      if (op & PathOp.ConsistentPosition) {
        throw new SqlError(SQLSTATE.InvalidParameterValue, `path element at position ${level + 1} is out of range: ${idx}`);
      }
      idx = INT_MIN;
    } else idx = n + idx;
  }
  if (!(op & PathOp.FillGaps) && idx > 0 && idx > n) idx = n;
  const out: JsonbNode[] = [];
  let done = false;
  if ((idx === INT_MIN || n === 0) && last && (op & CREATE_OR_INSERT)) {
    if ((op & PathOp.FillGaps) && n === 0 && idx > 0) pushNulls(out, idx);
    out.push(w.newValue);
    done = true;
  }
  for (let i = 0; i < n; i++) {
    if (i === idx && level < path.length) {
      done = true;
      if (last) {
        if (op & (PathOp.InsertBefore | PathOp.Create)) out.push(w.newValue);
        if (op & (PathOp.InsertAfter | PathOp.InsertBefore)) out.push(arr[i]!);
        if (op & (PathOp.InsertAfter | PathOp.Replace)) out.push(w.newValue);
      } else out.push(setPathAt(w, arr[i]!, level + 1, false));
    } else out.push(arr[i]!);
  }
  if ((op & CREATE_OR_INSERT) && !done && last) {
    if ((op & PathOp.FillGaps) && idx > n) pushNulls(out, idx - n);
    out.push(w.newValue);
    done = true;
  }
  if ((op & PathOp.FillGaps) && !done && level < path.length - 1) {
    if (idx > 0) pushNulls(out, idx - n);
    out.push(pushPath(w, level));
  }
  return out;
}

function pushNulls(out: JsonbNode[], count: number): void {
  for (let i = 0; i < count; i++) out.push(null);
}

/** push_path: the containers the rest of the path names (an integer step makes an array). */
function pushPath(w: PathWalk, level: number): JsonbNode {
  const steps: (string | number)[] = [];
  for (let i = level + 1; i < w.path.length; i++) {
    const step = w.path[i];
    if (step === null || step === undefined) break;
    steps.push(pathIndex(step) ?? step);
  }
  let node = w.newValue;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    if (typeof step === 'number') {
      const items: JsonbNode[] = [];
      pushNulls(items, step);
      items.push(node);
      node = items;
    } else node = JsonbObject.fromSorted([step], [node]);
  }
  return node;
}
