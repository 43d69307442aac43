/**
 * jsonb's normal form, computed on input so storage holds it: object keys sorted by length then
 * bytes (PostgreSQL's lengthCompareJsonbString), duplicate keys last-wins, numbers through
 * numeric (`1e2` → 100, `1.50` kept), string escapes decoded then re-escaped as escape_json
 * does, and PostgreSQL's spacing (`{"a": [1, 2], "b": 1}`).
 * @example normaliseJsonb('{"b": 1,  "a": [1,2]}') // → '{"a": [1, 2], "b": 1}'
 */
import { formatNumeric, parseNumeric } from './numeric-codec.js';

type JsonNode =
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, JsonNode> }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'literal'; readonly text: string };

/** Normalises JSON text already known to be valid (JSON.parse accepted it). */
export function normaliseJsonb(text: string): string {
  const reader = { text, pos: 0 };
  return render(readValue(reader));
}

interface Reader { readonly text: string; pos: number }

function skipSpace(r: Reader): void {
  while (r.pos < r.text.length && ' \t\n\r'.includes(r.text[r.pos]!)) r.pos++;
}

/** A container being read: its node, and for an object the key whose value comes next. */
interface OpenContainer {
  readonly node: { kind: 'object'; entries: Map<string, JsonNode> } | { kind: 'array'; items: JsonNode[] };
  key?: string;
}

/** A scalar at the reader's position. */
function readScalar(r: Reader): JsonNode {
  if (r.text[r.pos] === '"') return { kind: 'string', value: readString(r) };
  const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(r.text.slice(r.pos, r.pos + 1024));
  const token = m?.[0] ?? '';
  r.pos += token.length;
  const isNumber = token !== 'true' && token !== 'false' && token !== 'null';
  return { kind: 'literal', text: isNumber ? formatNumeric(parseNumeric(token)) : token };
}

/**
 * Reads one value with an explicit stack of open containers, so nesting depth costs heap,
 * not JavaScript stack (PostgreSQL accepts about 15,000 levels; recursion here broke at 5,000).
 */
function readValue(r: Reader): JsonNode {
  const open: OpenContainer[] = [];
  for (;;) {
    skipSpace(r);
    const c = r.text[r.pos];
    let value: JsonNode | undefined;
    if (c === '{' || c === '[') {
      r.pos++;
      skipSpace(r);
      const closing = c === '{' ? '}' : ']';
      const node = c === '{' ? { kind: 'object' as const, entries: new Map<string, JsonNode>() } : { kind: 'array' as const, items: [] };
      if (r.text[r.pos] === closing) {
        r.pos++;
        value = node;
      } else {
        open.push({ node });
        if (node.kind === 'object') readKey(r, open[open.length - 1]!);
        continue;
      }
    } else value = readScalar(r);
    // Attach the finished value, closing every container that ends after it.
    for (;;) {
      const top = open[open.length - 1];
      if (!top) return value;
      if (top.node.kind === 'array') top.node.items.push(value);
      else {
        top.node.entries.delete(top.key!); // last duplicate wins
        top.node.entries.set(top.key!, value);
      }
      skipSpace(r);
      const sep = r.text[r.pos++];
      if (sep === ',') {
        if (top.node.kind === 'object') readKey(r, top);
        break;
      }
      open.pop();
      value = top.node;
    }
  }
}

function readKey(r: Reader, container: OpenContainer): void {
  skipSpace(r);
  container.key = readString(r);
  skipSpace(r);
  r.pos++; // ':'
}

function readString(r: Reader): string {
  const start = r.pos;
  r.pos++;
  while (r.text[r.pos] !== '"') r.pos += r.text[r.pos] === '\\' ? 2 : 1;
  r.pos++;
  return JSON.parse(r.text.slice(start, r.pos)) as string;
}

/** Byte length first, then bytes: PostgreSQL's jsonb key order. */
function compareKeys(a: string, b: string): number {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length - y.length || Buffer.compare(x, y);
}

const ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** PostgreSQL's escape_json: the named escapes, other control characters as \u00XX. */
function quote(s: string): string {
  // eslint-disable-next-line no-control-regex
  return `"${s.replace(/["\\\u0000-\u001f]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

/** PostgreSQL's spacing, rendered with an explicit stack (see readValue). */
function render(root: JsonNode): string {
  const out: string[] = [];
  // Pending work: a node to render, or literal text (separators, closing brackets).
  const work: (JsonNode | string)[] = [root];
  while (work.length > 0) {
    const item = work.pop()!;
    if (typeof item === 'string') { out.push(item); continue; }
    switch (item.kind) {
      case 'object': {
        const keys = [...item.entries.keys()].sort(compareKeys);
        out.push('{');
        work.push('}');
        for (let i = keys.length - 1; i >= 0; i--) {
          work.push(item.entries.get(keys[i]!)!, `${i > 0 ? ', ' : ''}${quote(keys[i]!)}: `);
        }
        break;
      }
      case 'array':
        out.push('[');
        work.push(']');
        for (let i = item.items.length - 1; i >= 0; i--) work.push(item.items[i]!, i > 0 ? ', ' : '');
        break;
      case 'string': out.push(quote(item.value)); break;
      case 'literal': out.push(item.text); break;
    }
  }
  return out.join('');
}
