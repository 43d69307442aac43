/**
 * Rewrite rules for cast targets: `x::type` and `CAST(x AS type)`. We parse the type ourselves
 * (parse-type-name.ts) and hand node-sql-parser a placeholder `varchar(BASE + k)` — its type
 * grammar is a fixed list, so user-defined types (`'ok'::mood`), `oid[]`, `regclass[]`,
 * `"char"` fail there, and `x::int2vector` is misread as `int(2) AS vector`. Typed literals of
 * built-in types (`TIMESTAMPTZ '…'`, `jsonb '{}'`) become casts of the string the same way.
 */
import { isWord } from './lexer.js';
import { parseTypeName } from './parse-type-name.js';
import { matchClose, type RewriteState } from './rewrite-state.js';
import { TYPE_PLACEHOLDER_BASE } from './rewrite-markers.js';
import { TokenCursor } from './token-cursor.js';
import { startsTypedLiteral } from './transform/transform-type.js';

/** `::type` → `::varchar(BASE + k)`. Unparseable types are left for node-sql-parser to reject. */
export function rewriteCast(st: RewriteState, i: number): number | undefined {
  const t = st.tokens[i]!;
  if (t.type !== 'op' || t.text !== '::') return undefined;
  const end = parseTypeAt(st, i + 1, st.to);
  if (end === undefined) return undefined;
  st.emit(`::${placeholder(st, i + 1, end)}`, i, end - 1);
  return end;
}

/** `CAST(x AS type)`: the type after the last top-level AS becomes the placeholder. */
export function rewriteCastAs(st: RewriteState, i: number): number | undefined {
  if (!isWord(st.tokens[i], 'CAST') || st.tokens[i + 1]?.text !== '(' || i + 1 >= st.to) return undefined;
  const close = matchClose(st.tokens, i + 1, st.to);
  if (close < 0) return undefined;
  let as = -1;
  let depth = 0;
  for (let j = i + 1; j < close; j++) {
    const tj = st.tokens[j]!;
    if (tj.type === 'punct' && (tj.text === '(' || tj.text === '[')) depth++;
    else if (tj.type === 'punct' && (tj.text === ')' || tj.text === ']')) depth--;
    else if (depth === 1 && isWord(tj, 'AS')) as = j;
  }
  if (as < 0 || parseTypeAt(st, as + 1, close) !== close) return undefined;
  st.replaceLater(as + 1, placeholder(st, as + 1, close));
  for (let j = as + 2; j < close; j++) st.replaceLater(j, '');
  return undefined;
}

/** `type 'text'` (a built-in type name, then a string) → `'text'::varchar(BASE + k)`. */
export function rewriteTypedLiteral(st: RewriteState, i: number): number | undefined {
  const t = st.tokens[i]!;
  const prev = i > st.from ? st.tokens[i - 1] : undefined;
  if (t.type !== 'word' || !startsTypedLiteral(t.value) || prev?.text === '.' || prev?.text === '::') return undefined;
  const end = parseTypeAt(st, i, st.to);
  const literal = end === undefined || end >= st.to ? undefined : st.tokens[end];
  if (end === undefined || literal?.type !== 'string') return undefined;
  st.emit(`'${literal.value.replace(/'/g, "''")}'::${placeholder(st, i, end)}`, i, end);
  return end + 1;
}

/** Parses a type in tokens[from, to); returns the index after it, or undefined. */
function parseTypeAt(st: RewriteState, from: number, to: number): number | undefined {
  const cur = new TokenCursor(st.tokens, st.text, from, to);
  try {
    parseTypeName(cur);
  } catch {
    return undefined;
  }
  return cur.pos;
}

function placeholder(st: RewriteState, from: number, to: number): string {
  const type = parseTypeName(new TokenCursor(st.tokens, st.text, from, to));
  st.types.push(type);
  return `varchar(${TYPE_PLACEHOLDER_BASE + st.types.length - 1})`;
}
