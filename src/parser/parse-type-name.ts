/**
 * Type names written in DDL and casts, parsed by hand: multi-word names (double precision,
 * character varying, timestamp with time zone), schema qualification (`pg_catalog.` dropped,
 * others kept), modifiers and `[]`.
 */
import type { TypeRef } from './ast.js';
import type { TokenCursor } from './token-cursor.js';
import { normaliseType } from './transform/transform-type.js';

const SECOND_WORDS: Readonly<Record<string, readonly string[]>> = {
  DOUBLE: ['PRECISION'], CHARACTER: ['VARYING'], CHAR: ['VARYING'], NATIONAL: ['CHARACTER'],
};

/** Parse a type at the cursor. */
export function parseTypeName(cur: TokenCursor): TypeRef {
  let schema: string | undefined;
  const q = cur.peek();
  if ((q?.type === 'word' || q?.type === 'qident') && cur.peek(1)?.text === '.') {
    cur.pos += 2;
    const folded = q.type === 'word' ? q.value.toLowerCase() : q.value;
    if (folded !== 'pg_catalog') schema = folded;
  }
  const type = parseUnqualified(cur);
  return schema === undefined ? type : { ...type, schema };
}

function parseUnqualified(cur: TokenCursor): TypeRef {
  const first = cur.peek();
  if (first?.type === 'qident') {
    cur.next();
    return withSuffix(cur, first.value, true);
  }
  const words = [cur.expectWord(...anyWord(cur))];
  const seconds = SECOND_WORDS[words[0]!];
  if (seconds && cur.isWord(...seconds)) words.push(cur.next().value.toUpperCase());
  return withSuffix(cur, words.join(' '), false);
}

function anyWord(cur: TokenCursor): string[] {
  const t = cur.peek();
  return t?.type === 'word' ? [t.value.toUpperCase()] : ['\u0000'];
}

function withSuffix(cur: TokenCursor, written: string, quoted: boolean): TypeRef {
  const mods: number[] = [];
  if (cur.acceptPunct('(')) {
    do {
      const t = cur.next();
      if (t.type !== 'number') throw cur.error(t);
      mods.push(Number(t.text));
    } while (cur.acceptPunct(','));
    cur.expectPunct(')');
  }
  let name = written;
  if (/^(TIMESTAMP|TIME)$/.test(written.toUpperCase()) && cur.isWord('WITH', 'WITHOUT')) {
    name += ' ' + cur.next().value + ' ' + cur.expectWord('TIME') + ' ' + cur.expectWord('ZONE');
  }
  let dims = 0;
  while (cur.isPunct('[')) {
    cur.next();
    if (cur.peek()?.type === 'number') cur.next();
    cur.expectPunct(']');
    dims++;
  }
  if (cur.acceptWord('ARRAY')) dims = Math.max(dims, 1);
  return normaliseType(quoted ? name : name.toLowerCase(), mods, dims, quoted);
}
