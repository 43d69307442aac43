/**
 * A JSON reader that keeps each value's source text, so `->` on json returns the element as
 * written (PostgreSQL's json keeps its input text) and jsonb results stay in normal form.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

export type JsonTree =
  | { readonly kind: 'object'; readonly raw: string; readonly entries: readonly (readonly [string, JsonTree])[] }
  | { readonly kind: 'array'; readonly raw: string; readonly items: readonly JsonTree[] }
  | { readonly kind: 'string'; readonly raw: string; readonly value: string }
  | { readonly kind: 'number' | 'boolean' | 'null'; readonly raw: string };

interface Reader { readonly text: string; pos: number }

function fail(text: string): never {
  throw new SqlError(SQLSTATE.InvalidTextRepresentation, `invalid input syntax for type json: "${text}"`);
}

function skip(r: Reader): void {
  while (r.pos < r.text.length && ' \t\n\r'.includes(r.text[r.pos]!)) r.pos++;
}

function read(r: Reader): JsonTree {
  skip(r);
  const start = r.pos;
  const c = r.text[r.pos];
  if (c === '{') {
    r.pos++;
    const entries: [string, JsonTree][] = [];
    skip(r);
    if (r.text[r.pos] === '}') r.pos++;
    else {
      for (;;) {
        const key = read(r);
        if (key.kind !== 'string') fail(r.text);
        skip(r);
        if (r.text[r.pos++] !== ':') fail(r.text);
        entries.push([key.value, read(r)]);
        skip(r);
        const sep = r.text[r.pos++];
        if (sep === '}') break;
        if (sep !== ',') fail(r.text);
      }
    }
    return { kind: 'object', raw: r.text.slice(start, r.pos), entries };
  }
  if (c === '[') {
    r.pos++;
    const items: JsonTree[] = [];
    skip(r);
    if (r.text[r.pos] === ']') r.pos++;
    else {
      for (;;) {
        items.push(read(r));
        skip(r);
        const sep = r.text[r.pos++];
        if (sep === ']') break;
        if (sep !== ',') fail(r.text);
      }
    }
    return { kind: 'array', raw: r.text.slice(start, r.pos), items };
  }
  if (c === '"') {
    r.pos++;
    while (r.pos < r.text.length && r.text[r.pos] !== '"') r.pos += r.text[r.pos] === '\\' ? 2 : 1;
    r.pos++;
    const raw = r.text.slice(start, r.pos);
    let value: unknown;
    try { value = JSON.parse(raw); } catch { fail(r.text); }
    return { kind: 'string', raw, value: value as string };
  }
  const m = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(r.text.slice(r.pos, r.pos + 1024));
  if (!m) fail(r.text);
  r.pos += m[0].length;
  const raw = m[0];
  return { kind: raw === 'null' ? 'null' : raw === 'true' || raw === 'false' ? 'boolean' : 'number', raw };
}

/** Parses JSON text (already validated on input; malformed text raises 22P02). */
export function parseJsonTree(text: string): JsonTree {
  const r = { text, pos: 0 };
  const tree = read(r);
  skip(r);
  if (r.pos < text.length) fail(text);
  return tree;
}

/** The member `key` of an object (last duplicate wins), or element `index` of an array (negative from the end). */
export function jsonChild(tree: JsonTree, step: string | number): JsonTree | undefined {
  if (typeof step === 'number') {
    if (tree.kind !== 'array') return undefined;
    return tree.items[step < 0 ? tree.items.length + step : step];
  }
  if (tree.kind === 'object') {
    for (let i = tree.entries.length - 1; i >= 0; i--) if (tree.entries[i]![0] === step) return tree.entries[i]![1];
    return undefined;
  }
  if (tree.kind === 'array' && /^-?\d+$/.test(step)) return jsonChild(tree, Number(step));
  return undefined;
}

/** `->>`: strings unquoted, JSON null as SQL NULL, anything else as its text. */
export function jsonAsText(tree: JsonTree): string | null {
  if (tree.kind === 'string') return tree.value;
  if (tree.kind === 'null') return null;
  return tree.raw;
}
