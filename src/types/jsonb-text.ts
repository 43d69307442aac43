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

function readValue(r: Reader): JsonNode {
  skipSpace(r);
  const c = r.text[r.pos];
  if (c === '{') return readObject(r);
  if (c === '[') return readArray(r);
  if (c === '"') return { kind: 'string', value: readString(r) };
  const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(r.text.slice(r.pos, r.pos + 1024));
  const token = m?.[0] ?? '';
  r.pos += token.length;
  const isNumber = token !== 'true' && token !== 'false' && token !== 'null';
  return { kind: 'literal', text: isNumber ? formatNumeric(parseNumeric(token)) : token };
}

function readObject(r: Reader): JsonNode {
  const entries = new Map<string, JsonNode>();
  r.pos++;
  skipSpace(r);
  if (r.text[r.pos] === '}') { r.pos++; return { kind: 'object', entries }; }
  for (;;) {
    skipSpace(r);
    const key = readString(r);
    skipSpace(r);
    r.pos++; // ':'
    const value = readValue(r);
    entries.delete(key); // last duplicate wins
    entries.set(key, value);
    skipSpace(r);
    if (r.text[r.pos++] === '}') return { kind: 'object', entries };
  }
}

function readArray(r: Reader): JsonNode {
  const items: JsonNode[] = [];
  r.pos++;
  skipSpace(r);
  if (r.text[r.pos] === ']') { r.pos++; return { kind: 'array', items }; }
  for (;;) {
    items.push(readValue(r));
    skipSpace(r);
    if (r.text[r.pos++] === ']') return { kind: 'array', items };
  }
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

function render(node: JsonNode): string {
  switch (node.kind) {
    case 'object': {
      const keys = [...node.entries.keys()].sort(compareKeys);
      return `{${keys.map((k) => `${quote(k)}: ${render(node.entries.get(k)!)}`).join(', ')}}`;
    }
    case 'array': return `[${node.items.map(render).join(', ')}]`;
    case 'string': return quote(node.value);
    case 'literal': return node.text;
  }
}
