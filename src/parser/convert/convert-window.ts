/**
 * WindowDef → WindowSpec: PARTITION BY, ORDER BY, the named window it builds on, and the
 * frame, decoded from PostgreSQL's frameOptions bits (parsenodes.h FRAMEOPTION_*): ROWS,
 * RANGE or GROUPS, the bounds (offsets as written: the binder types them), EXCLUDE.
 */
import type { WindowDef } from 'libpg-query';
import type { FrameBound, FrameExclusion, WindowFrame, WindowSpec } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr, convertExprs } from './convert-expr.js';
import { convertOrderBy } from './convert-select.js';

const FRAME = {
  NONDEFAULT: 0x1, RANGE: 0x2, ROWS: 0x4, GROUPS: 0x8,
  START_UNBOUNDED_PRECEDING: 0x20, START_UNBOUNDED_FOLLOWING: 0x80, START_CURRENT_ROW: 0x200,
  START_OFFSET_PRECEDING: 0x800, START_OFFSET_FOLLOWING: 0x2000,
  END_UNBOUNDED_PRECEDING: 0x40, END_UNBOUNDED_FOLLOWING: 0x100, END_CURRENT_ROW: 0x400,
  END_OFFSET_PRECEDING: 0x1000, END_OFFSET_FOLLOWING: 0x4000,
  EXCLUDE_CURRENT_ROW: 0x8000, EXCLUDE_GROUP: 0x10000, EXCLUDE_TIES: 0x20000,
} as const;

/** `OVER w` / `OVER (…)` of a call, or one `WINDOW name AS (…)` (whose own name is not its ref). */
export function convertWindowSpec(w: WindowDef, ctx: ConvertContext, named = false): WindowSpec {
  const ref = named ? w.refname : w.name ?? w.refname;
  const frame = convertFrame(w, ctx);
  return {
    ...(ref !== undefined ? { ref } : {}),
    ...(!named && w.name !== undefined ? { whole: true } : {}),
    partitionBy: convertExprs(w.partitionClause, ctx),
    orderBy: w.orderClause ? convertOrderBy(w.orderClause, ctx) : [],
    ...(frame ? { frame } : {}),
  };
}

function convertFrame(w: WindowDef, ctx: ConvertContext): WindowFrame | undefined {
  const opts = w.frameOptions ?? 0;
  if (!(opts & FRAME.NONDEFAULT)) return undefined;
  const mode = opts & FRAME.GROUPS ? 'GROUPS' : opts & FRAME.RANGE ? 'RANGE' : 'ROWS';
  const exclude: FrameExclusion | undefined = opts & FRAME.EXCLUDE_CURRENT_ROW ? 'CURRENT ROW'
    : opts & FRAME.EXCLUDE_GROUP ? 'GROUP' : opts & FRAME.EXCLUDE_TIES ? 'TIES' : undefined;
  const offset = (node: typeof w.startOffset) => convertExpr(node!, ctx);
  const start: FrameBound = opts & FRAME.START_UNBOUNDED_PRECEDING ? { kind: 'UnboundedPreceding' }
    : opts & FRAME.START_UNBOUNDED_FOLLOWING ? { kind: 'UnboundedFollowing' }
      : opts & FRAME.START_CURRENT_ROW ? { kind: 'CurrentRow' }
        : { kind: opts & FRAME.START_OFFSET_PRECEDING ? 'Preceding' : 'Following', offset: offset(w.startOffset) };
  const end: FrameBound = opts & FRAME.END_UNBOUNDED_PRECEDING ? { kind: 'UnboundedPreceding' }
    : opts & FRAME.END_UNBOUNDED_FOLLOWING ? { kind: 'UnboundedFollowing' }
      : opts & FRAME.END_CURRENT_ROW ? { kind: 'CurrentRow' }
        : { kind: opts & FRAME.END_OFFSET_PRECEDING ? 'Preceding' : 'Following', offset: offset(w.endOffset) };
  return { mode, start, end, ...(exclude ? { exclude } : {}) };
}
