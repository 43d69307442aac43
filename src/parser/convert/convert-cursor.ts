/**
 * Cursor statements: DECLARE name [BINARY] [[NO] SCROLL] CURSOR [WITH[OUT] HOLD] FOR query,
 * FETCH / MOVE [FORWARD] [n | ALL] [FROM | IN] name, CLOSE name | ALL. Fetching backwards or
 * by absolute/relative position is 0A000.
 */
import type { DeclareCursorStmt, FetchStmt } from 'libpg-query';
import type { DeclareCursor, FetchCursor } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertQuery } from './convert-select.js';
import { notSupported } from './not-supported.js';

/** parsenodes.h CURSOR_OPT_* bits. */
const CURSOR_OPT = { BINARY: 0x1, SCROLL: 0x2, HOLD: 0x20 } as const;
/** FETCH_ALL as the grammar stores it (LONG_MAX of the 32-bit WASM build). */
const FETCH_ALL = 2147483647;

/** Convert DECLARE … CURSOR. */
export function convertDeclare(s: DeclareCursorStmt, ctx: ConvertContext): DeclareCursor {
  const options = s.options ?? 0;
  return {
    kind: 'DeclareCursor', name: s.portalname!, query: convertQuery(s.query!, ctx),
    binary: (options & CURSOR_OPT.BINARY) !== 0, hold: (options & CURSOR_OPT.HOLD) !== 0, scroll: (options & CURSOR_OPT.SCROLL) !== 0,
  };
}

/** Convert FETCH / MOVE. */
export function convertFetch(s: FetchStmt, ctx: ConvertContext): FetchCursor {
  const howMany = Number(s.howMany ?? 0);
  if (s.direction !== undefined && s.direction !== 'FETCH_FORWARD') {
    throw notSupported(`FETCH ${s.direction.replace(/^FETCH_/, '')}`, ctx);
  }
  if (howMany < 0) throw notSupported('FETCH BACKWARD', ctx);
  return { kind: 'FetchCursor', name: s.portalname!, count: howMany === FETCH_ALL ? Infinity : howMany, move: s.ismove ?? false };
}
