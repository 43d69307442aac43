/** Cursor statements by hand: DECLARE … CURSOR … FOR query, FETCH / MOVE, CLOSE. */
import type { CloseCursor, DeclareCursor, FetchCursor } from './ast.js';
import { parseQueryRange, type StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** `DECLARE name [BINARY] [INSENSITIVE] [NO SCROLL | SCROLL] CURSOR [WITH | WITHOUT HOLD] FOR query`. */
export function parseDeclare(src: StatementSource): DeclareCursor {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('DECLARE');
  const name = cur.ident();
  let binary = false;
  let scroll = false;
  for (;;) {
    if (cur.acceptWord('BINARY')) binary = true;
    else if (cur.acceptWord('INSENSITIVE', 'ASENSITIVE')) continue;
    else if (cur.acceptWord('NO')) { cur.expectWord('SCROLL'); scroll = false; }
    else if (cur.acceptWord('SCROLL')) scroll = true;
    else break;
  }
  cur.expectWord('CURSOR');
  let hold = false;
  if (cur.acceptWord('WITH')) { cur.expectWord('HOLD'); hold = true; }
  else if (cur.acceptWord('WITHOUT')) cur.expectWord('HOLD');
  cur.expectWord('FOR');
  return { kind: 'DeclareCursor', name, binary, hold, scroll, query: parseQueryRange(src, cur.pos, cur.end) };
}

/** `FETCH|MOVE [FORWARD|NEXT] [n|ALL] [FROM|IN] name`. */
export function parseFetch(src: StatementSource): FetchCursor {
  const cur = new TokenCursor(src.tokens, src.text);
  const move = cur.expectWord('FETCH', 'MOVE') === 'MOVE';
  let count = 1;
  if (cur.acceptWord('NEXT')) count = 1;
  else if (cur.acceptWord('FORWARD')) count = countArg(cur) ?? 1;
  else count = countArg(cur) ?? 1;
  cur.acceptWord('FROM', 'IN');
  const name = cur.ident();
  cur.expectEnd();
  return { kind: 'FetchCursor', name, count, move };
}

function countArg(cur: TokenCursor): number | undefined {
  if (cur.acceptWord('ALL')) return Infinity;
  const t = cur.peek();
  if (t?.type === 'number' && /^\d+$/.test(t.text)) { cur.next(); return Number(t.text); }
  return undefined;
}

/** `CLOSE name | ALL`. */
export function parseClose(src: StatementSource): CloseCursor {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('CLOSE');
  const stmt: CloseCursor = cur.acceptWord('ALL') ? { kind: 'CloseCursor' } : { kind: 'CloseCursor', name: cur.ident() };
  cur.expectEnd();
  return stmt;
}
