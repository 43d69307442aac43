/**
 * jsonb's text forms: jsonb_out (`{"a": [1, 2], "b": null}`: keys in storage order, ", " and
 * ": " separators) and jsonb_pretty (four-space indents), both rendered with explicit stacks
 * (no recursion: nesting may be 10,000 deep). Strings are escaped as PostgreSQL's escape_json.
 * @example renderJsonb(parseJsonb('{"b": 1,  "a": [1,2]}')) // → '{"a": [1, 2], "b": 1}'
 */
import { Decimal } from 'decimal.js';
import { formatNumeric } from './numeric-codec.js';
import { JsonbObject, type JsonbNode } from './jsonb-node.js';

const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /["\\\u0000-\u001f]/g;

/** PostgreSQL's escape_json: the named escapes, other control characters as \u00XX. */
export function quoteJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  return `"${s.replace(ESCAPE_ALL, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** A scalar's text (numbers at their display scale). */
export function renderJsonbScalar(node: null | boolean | string | Decimal): string {
  if (node === null) return 'null';
  if (typeof node === 'boolean') return node ? 'true' : 'false';
  if (typeof node === 'string') return quoteJsonString(node);
  return formatNumeric(node);
}

/** jsonb_out's text of a node. */
export function renderJsonb(root: JsonbNode): string {
  if (!Array.isArray(root) && !(root instanceof JsonbObject)) return renderJsonbScalar(root as null | boolean | string | Decimal);
  const out: string[] = [];
  // Pending work: nodes to render, or literal text (separators, closing brackets).
  const work: (JsonbNode | { text: string })[] = [root];
  while (work.length > 0) {
    const item = work.pop()!;
    if (item instanceof JsonbObject) {
      out.push('{');
      work.push({ text: '}' });
      for (let i = item.keys.length - 1; i >= 0; i--) {
        work.push(item.values[i]!, { text: `${i > 0 ? ', ' : ''}${quoteJsonString(item.keys[i]!)}: ` });
      }
    } else if (Array.isArray(item)) {
      out.push('[');
      work.push({ text: ']' });
      for (let i = item.length - 1; i >= 0; i--) {
        work.push(item[i]!);
        if (i > 0) work.push({ text: ', ' });
      }
    } else if (item !== null && typeof item === 'object' && 'text' in item) {
      out.push(item.text);
    } else {
      out.push(renderJsonbScalar(item as null | boolean | string | Decimal));
    }
  }
  return out.join('');
}

const INDENT = '    ';

/** jsonb_pretty: one member or element per line, four spaces per level. */
export function renderJsonbPretty(root: JsonbNode): string {
  const out: string[] = [];
  const work: ({ node: JsonbNode; depth: number } | { text: string })[] = [{ node: root, depth: 0 }];
  while (work.length > 0) {
    const item = work.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const { node, depth } = item;
    const inner = `\n${INDENT.repeat(depth + 1)}`;
    if (node instanceof JsonbObject) {
      if (node.size === 0) { out.push('{\n', INDENT.repeat(depth), '}'); continue; }
      out.push('{');
      work.push({ text: `\n${INDENT.repeat(depth)}}` });
      for (let i = node.keys.length - 1; i >= 0; i--) {
        work.push({ node: node.values[i]!, depth: depth + 1 }, { text: `${i > 0 ? ',' : ''}${inner}${quoteJsonString(node.keys[i]!)}: ` });
      }
    } else if (Array.isArray(node)) {
      if (node.length === 0) { out.push('[\n', INDENT.repeat(depth), ']'); continue; }
      out.push('[');
      work.push({ text: `\n${INDENT.repeat(depth)}]` });
      for (let i = node.length - 1; i >= 0; i--) {
        work.push({ node: node[i]!, depth: depth + 1 }, { text: `${i > 0 ? ',' : ''}${inner}` });
      }
    } else {
      out.push(renderJsonbScalar(node as null | boolean | string | Decimal));
    }
  }
  return out.join('');
}
