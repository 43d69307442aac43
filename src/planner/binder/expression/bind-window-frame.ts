/**
 * A window's frame clause, bound: ROWS / GROUPS offsets as bigint counts, RANGE offsets typed
 * as PostgreSQL's in_range support picks them for the one ORDER BY key (integers: bigint or
 * the key's own width; float: double; numeric; date / timestamp / time / interval: interval),
 * with PostgreSQL's errors for frames that cannot be (42P20, 0A000, 42804, 42P10).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { canCast } from '../../../functions/casts.js';
import type { FrameBound, WindowFrame } from '../../../parser/ast.js';
import { formatTypeName, T, type ScalarTypeId, type SqlType } from '../../../types/sql-type.js';
import type { BoundExpr, BoundFrame, BoundFrameBound, BoundRangeOffsets, SortKey } from '../../logical/bound-expr.js';
import { referencedIds } from '../../logical/map-expr.js';
import { bindExpr } from './bind-expression.js';
import { bindOperatorCall } from './bind-operator.js';
import { coerce, isUnknown, tryCoerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

export const DEFAULT_FRAME: BoundFrame = { mode: 'RANGE', start: { kind: 'UnboundedPreceding' }, end: { kind: 'CurrentRow' } };

/** Offset types in_range accepts per ORDER BY key type, and how the executor adds them. */
const RANGE_SUPPORT: Partial<Record<ScalarTypeId, { offsets: readonly SqlType[]; arithmetic: BoundRangeOffsets['arithmetic'] }>> = {
  int2: { offsets: [T.int8, T.int4, T.int2], arithmetic: 'integer' },
  int4: { offsets: [T.int8, T.int4, T.int2], arithmetic: 'integer' },
  int8: { offsets: [T.int8], arithmetic: 'integer' },
  float4: { offsets: [T.float8], arithmetic: 'float' },
  float8: { offsets: [T.float8], arithmetic: 'float' },
  numeric: { offsets: [T.numeric], arithmetic: 'numeric' },
  date: { offsets: [T.interval], arithmetic: 'operator' },
  timestamp: { offsets: [T.interval], arithmetic: 'operator' },
  timestamptz: { offsets: [T.interval], arithmetic: 'operator' },
  interval: { offsets: [T.interval], arithmetic: 'operator' },
  time: { offsets: [T.interval], arithmetic: 'time' },
};

const hasOffset = (b: FrameBound): b is Extract<FrameBound, { offset: unknown }> => b.kind === 'Preceding' || b.kind === 'Following';

function bindOffsetExpr(bound: Extract<FrameBound, { offset: unknown }>, mode: WindowFrame['mode'], ctx: ExprContext): BoundExpr {
  const offset = bindExpr(bound.offset, { ...ctx, windows: undefined, aggregates: undefined, clause: `window ${mode}` });
  if (referencedIds(offset).size > 0) {
    throw new SqlError(SQLSTATE.InvalidColumnReference, `argument of ${mode} must not contain variables`);
  }
  return offset;
}

/** ROWS / GROUPS: a bigint count of rows or peer groups (an assignment cast, as PostgreSQL's). */
function bindCountBound(bound: FrameBound, mode: WindowFrame['mode'], ctx: ExprContext): BoundFrameBound {
  if (!hasOffset(bound)) return { kind: bound.kind };
  const offset = coerce(ctx.bind, bindOffsetExpr(bound, mode, ctx), T.int8, 'assignment',
    (from) => `argument of ${mode} must be type bigint, not type ${from}`);
  return { kind: bound.kind, offset };
}

/** The in_range offset type for `key`: the exact match preferred, else the only one reachable. */
function rangeOffsetType(key: SqlType, offset: BoundExpr): SqlType {
  const support = key.array ? undefined : RANGE_SUPPORT[key.id];
  const preferred = isUnknown(offset) ? key : offset.type;
  const candidates = (support?.offsets ?? []).filter((t) => isUnknown(offset) || canCast(offset.type, t, 'implicit'));
  const exact = candidates.find((t) => t.id === preferred.id && !preferred.array);
  if (exact) return exact;
  const described = `column type ${formatTypeName(key)} and offset type ${formatTypeName(offset.type)}`;
  if (candidates.length === 0) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `RANGE with offset PRECEDING/FOLLOWING is not supported for ${described}`,
      { hint: 'Cast the offset value to an appropriate type.' });
  }
  if (candidates.length > 1) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `RANGE with offset PRECEDING/FOLLOWING has multiple interpretations for ${described}`,
      { hint: 'Cast the offset value to the exact intended type.' });
  }
  return candidates[0]!;
}

/**
 * RANGE with offsets: the bounds' offsets in their in_range type, and for date / timestamp /
 * interval keys the per-row `key ± offset` each bound compares against (date keys compared as
 * timestamps, as in_range_date_interval does).
 */
function bindRangeFrame(frame: WindowFrame, orderBy: readonly SortKey[], ctx: ExprContext): BoundFrame {
  if (orderBy.length !== 1) {
    throw new SqlError(SQLSTATE.WindowingError, 'RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column');
  }
  const sortKey = orderBy[0]!;
  const bindBound = (bound: FrameBound): BoundFrameBound => {
    if (!hasOffset(bound)) return { kind: bound.kind };
    const raw = bindOffsetExpr(bound, 'RANGE', ctx);
    const type = rangeOffsetType(sortKey.expr.type, raw);
    return { kind: bound.kind, offset: tryCoerce(ctx.bind, raw, type, 'implicit')! };
  };
  const start = bindBound(frame.start);
  const end = bindBound(frame.end);
  const arithmetic = RANGE_SUPPORT[sortKey.expr.type.id]!.arithmetic;
  const key = sortKey.expr.type.id === 'date' ? tryCoerce(ctx.bind, sortKey.expr, T.timestamp, 'implicit')! : sortKey.expr;
  // PRECEDING subtracts on an ascending key, adds on a descending one (and FOLLOWING mirrors).
  const sum = (b: BoundFrameBound): BoundExpr | undefined => {
    if (arithmetic !== 'operator' || !('offset' in b)) return undefined;
    const subtract = (b.kind === 'Preceding') !== sortKey.descending;
    return bindOperatorCall(ctx, subtract ? '-' : '+', [key, b.offset]);
  };
  const startSum = sum(start);
  const endSum = sum(end);
  return {
    mode: 'RANGE', start, end, ...(frame.exclude ? { exclude: frame.exclude } : {}),
    range: {
      key, descending: sortKey.descending, nullsFirst: sortKey.nullsFirst, arithmetic,
      ...(startSum ? { startSum } : {}), ...(endSum ? { endSum } : {}),
    },
  };
}

export function bindFrame(frame: WindowFrame | undefined, orderBy: readonly SortKey[], ctx: ExprContext): BoundFrame {
  if (!frame) return DEFAULT_FRAME;
  if (frame.start.kind === 'UnboundedFollowing') {
    throw new SqlError(SQLSTATE.WindowingError, 'frame start cannot be UNBOUNDED FOLLOWING');
  }
  if (frame.end.kind === 'UnboundedPreceding') {
    throw new SqlError(SQLSTATE.WindowingError, 'frame end cannot be UNBOUNDED PRECEDING');
  }
  if (frame.mode === 'GROUPS' && orderBy.length === 0) {
    throw new SqlError(SQLSTATE.WindowingError, 'GROUPS mode requires an ORDER BY clause');
  }
  if (frame.mode === 'RANGE' && (hasOffset(frame.start) || hasOffset(frame.end))) return bindRangeFrame(frame, orderBy, ctx);
  return {
    mode: frame.mode, start: bindCountBound(frame.start, frame.mode, ctx), end: bindCountBound(frame.end, frame.mode, ctx),
    ...(frame.exclude ? { exclude: frame.exclude } : {}),
  };
}
