/**
 * Cursor statements: DECLARE name [BINARY] [[NO] SCROLL] CURSOR [WITH[OUT] HOLD] FOR query,
 * FETCH / MOVE [NEXT | PRIOR | FIRST | LAST | ABSOLUTE n | RELATIVE n | [FORWARD | BACKWARD]
 * [n | ALL]] [FROM | IN] name, CLOSE name | ALL.
 */
import type { DeclareCursorStmt, FetchStmt } from 'libpg-query';
import type { DeclareCursor, FetchCursor } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertQuery } from './convert-select.js';

/** parsenodes.h CURSOR_OPT_* bits. */
const CURSOR_OPT = { BINARY: 0x1, SCROLL: 0x2, NO_SCROLL: 0x4, HOLD: 0x20 } as const;
/** FETCH_ALL as the grammar stores it (LONG_MAX of the 32-bit WASM build). */
const FETCH_ALL = 2147483647;

/** Convert DECLARE … CURSOR. */
export function convertDeclare(s: DeclareCursorStmt, ctx: ConvertContext): DeclareCursor {
  const options = s.options ?? 0;
  return {
    kind: 'DeclareCursor', name: s.portalname!, query: convertQuery(s.query!, ctx),
    binary: (options & CURSOR_OPT.BINARY) !== 0, hold: (options & CURSOR_OPT.HOLD) !== 0, scroll: (options & CURSOR_OPT.SCROLL) !== 0,
    ...((options & CURSOR_OPT.NO_SCROLL) !== 0 ? { noScroll: true } : {}),
  };
}

const DIRECTIONS: Readonly<Record<string, FetchCursor['direction']>> = {
  FETCH_FORWARD: 'FORWARD', FETCH_BACKWARD: 'BACKWARD', FETCH_ABSOLUTE: 'ABSOLUTE', FETCH_RELATIVE: 'RELATIVE',
};

/** Convert FETCH / MOVE. */
export function convertFetch(s: FetchStmt): FetchCursor {
  const howMany = Number(s.howMany ?? 0);
  const direction = DIRECTIONS[s.direction ?? 'FETCH_FORWARD'] ?? 'FORWARD';
  const all = howMany === FETCH_ALL && (direction === 'FORWARD' || direction === 'BACKWARD');
  return { kind: 'FetchCursor', name: s.portalname!, direction, count: all ? Infinity : howMany, move: s.ismove ?? false };
}
