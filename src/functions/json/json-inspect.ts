/**
 * json[b]_typeof, json[b]_array_length, json[b]_strip_nulls and jsonb_pretty. json's
 * strip_nulls rewrites the text compactly (`{"a":1,"c":[2,null,3]}`: members whose value is
 * null dropped, array nulls kept), as PostgreSQL does.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import { JsonbObject, jsonbKind, type JsonbNode } from '../../types/jsonb-node.js';
import { quoteJsonString, renderJsonbPretty } from '../../types/jsonb-text.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { parseJsonTree, type JsonTree } from './json-tree.js';

function lengthError(kind: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue,
    kind === 'object' ? 'cannot get array length of a non-array' : 'cannot get array length of a scalar');
}

function jsonArrayLength(doc: Value): Value {
  const tree = parseJsonTree(doc as string);
  if (tree.kind !== 'array') throw lengthError(tree.kind);
  return tree.items.length;
}

function jsonbArrayLength(doc: Value): Value {
  const root = (doc as JsonbValue).root;
  if (!Array.isArray(root)) throw lengthError(jsonbKind(root));
  return root.length;
}

/** json_strip_nulls: compact text, explicit stack (no recursion). */
function jsonStripNulls(doc: Value): Value {
  const out: string[] = [];
  const work: (JsonTree | string)[] = [parseJsonTree(doc as string)];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') { out.push(item); continue; }
    switch (item.kind) {
      case 'object': {
        const kept = item.entries.filter(([, v]) => v.kind !== 'null');
        out.push('{');
        work.push('}');
        for (let i = kept.length - 1; i >= 0; i--) work.push(kept[i]![1], `${i > 0 ? ',' : ''}${quoteJsonString(kept[i]![0])}:`);
        break;
      }
      case 'array':
        out.push('[');
        work.push(']');
        for (let i = item.items.length - 1; i >= 0; i--) work.push(item.items[i]!, i > 0 ? ',' : '');
        break;
      case 'string': out.push(quoteJsonString(item.value)); break;
      default: out.push(item.raw);
    }
  }
  return out.join('');
}

/** jsonb_strip_nulls: object members whose value is null removed, at every depth. */
export function stripJsonbNulls(root: JsonbNode): JsonbNode {
  // Post-order with an explicit stack: children are rebuilt before their container.
  const done = new Map<JsonbNode, JsonbNode>();
  const work: { node: JsonbNode; expanded: boolean }[] = [{ node: root, expanded: false }];
  while (work.length > 0) {
    const top = work[work.length - 1]!;
    const node = top.node;
    const children = node instanceof JsonbObject ? node.values : Array.isArray(node) ? node : undefined;
    if (!children) { work.pop(); continue; }
    if (!top.expanded) {
      top.expanded = true;
      for (const child of children) if (child instanceof JsonbObject || Array.isArray(child)) work.push({ node: child, expanded: false });
      continue;
    }
    work.pop();
    const rebuilt = (child: JsonbNode) => done.get(child) ?? child;
    if (node instanceof JsonbObject) {
      const keys: string[] = [];
      const values: JsonbNode[] = [];
      node.keys.forEach((k, i) => {
        if (node.values[i] === null) return;
        keys.push(k);
        values.push(rebuilt(node.values[i]!));
      });
      done.set(node, JsonbObject.fromSorted(keys, values));
    } else done.set(node, (node as readonly JsonbNode[]).map(rebuilt));
  }
  return done.get(root) ?? root;
}

export const jsonInspectFunctions: readonly ScalarFunction[] = [
  { name: 'json_typeof', overloads: [scalar([T.json], T.text, ([d]) => parseJsonTree(d as string).kind)] },
  { name: 'jsonb_typeof', overloads: [scalar([T.jsonb], T.text, ([d]) => jsonbKind((d as JsonbValue).root))] },
  { name: 'json_array_length', overloads: [scalar([T.json], T.int4, ([d]) => jsonArrayLength(d!))] },
  { name: 'jsonb_array_length', overloads: [scalar([T.jsonb], T.int4, ([d]) => jsonbArrayLength(d!))] },
  { name: 'json_strip_nulls', overloads: [scalar([T.json], T.json, ([d]) => jsonStripNulls(d!))] },
  { name: 'jsonb_strip_nulls', overloads: [scalar([T.jsonb], T.jsonb, ([d]) => JsonbValue.of(stripJsonbNulls((d as JsonbValue).root)))] },
  { name: 'jsonb_pretty', overloads: [scalar([T.jsonb], T.text, ([d]) => renderJsonbPretty((d as JsonbValue).root))] },
];
