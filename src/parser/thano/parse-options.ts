/**
 * ThanoSQL `OPTIONS ( key = value, … )`: Python-style literals — 'str' / "str", ints, floats,
 * True / False / None, lists `[…]`; bare words are taken as strings.
 */
import type { OptionValue, Options } from '../ast.js';
import { isWord } from '../lexer.js';
import type { TokenCursor } from './token-cursor.js';

/** Parse `OPTIONS(…)` if the cursor is at OPTIONS; otherwise `{}`. Keys are lower-cased. */
export function parseOptionsClause(cur: TokenCursor): Options {
  if (!cur.acceptWord('OPTIONS')) return {};
  cur.expectPunct('(');
  const out: Record<string, OptionValue> = {};
  if (cur.acceptPunct(')')) return out;
  do {
    const key = cur.ident().toLowerCase();
    cur.expectPunct('=');
    out[key] = parseOptionValue(cur);
  } while (cur.acceptPunct(','));
  cur.expectPunct(')');
  return out;
}

/** One value: string, number, boolean, None, or a list. */
export function parseOptionValue(cur: TokenCursor): OptionValue {
  const t = cur.peek();
  if (t === undefined) throw cur.error();
  if (cur.acceptPunct('[')) {
    const items: OptionValue[] = [];
    if (cur.acceptPunct(']')) return items;
    do items.push(parseOptionValue(cur)); while (cur.acceptPunct(','));
    cur.expectPunct(']');
    return items;
  }
  if (t.type === 'string' || t.type === 'qident') { cur.next(); return t.value; }
  if (t.type === 'op' && (t.text === '-' || t.text === '+') && cur.peek(1)?.type === 'number') {
    cur.next();
    const n = Number(cur.next().text);
    return t.text === '-' ? -n : n;
  }
  if (t.type === 'number') { cur.next(); return Number(t.text); }
  if (isWord(t, 'TRUE')) { cur.next(); return true; }
  if (isWord(t, 'FALSE')) { cur.next(); return false; }
  if (isWord(t, 'NONE', 'NULL')) { cur.next(); return null; }
  if (t.type === 'word') {
    cur.next();
    let text = t.value;
    while (cur.isPunct('.') && cur.peek(1)?.type === 'word') { cur.next(); text += '.' + cur.next().value; }
    return text;
  }
  throw cur.error();
}
