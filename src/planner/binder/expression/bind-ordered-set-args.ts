/**
 * The arguments of `agg(direct…) WITHIN GROUP (ORDER BY sorted…)`: ordered-set aggregates
 * (percentile_cont/disc, mode) resolve an overload over the direct then the sorted argument
 * types; hypothetical-set ones (rank, dense_rank, percent_rank, cume_dist) pair each direct
 * argument with a sort key and unify the two types (PostgreSQL's "WITHIN GROUP types … cannot
 * be matched"). The aggregate's arguments are direct ++ sorted, its ORDER BY the sorted ones
 * coerced to the resolved types, so the executor feeds rows in that order.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { FunctionCall } from '../../../parser/ast.js';
import type { AggregateOverload } from '../../../functions/function-types.js';
import { returnTypeOf } from '../../../functions/function-types.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import { selectCommonType } from '../../../functions/type-resolution.js';
import { formatTypeName, type SqlType } from '../../../types/sql-type.js';
import type { BoundExpr, SortKey } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { coerce, resolveUnknown } from './coerce.js';
import type { ExprContext } from './expr-context.js';

/** What bindAggregate needs of a WITHIN GROUP call. */
export interface OrderedSetArgs {
  readonly overload: AggregateOverload;
  readonly type: SqlType;
  readonly args: readonly BoundExpr[];
  readonly orderBy: readonly SortKey[];
}

/** `missing(args)` is the 42883 for argument types no overload takes. */
export function bindOrderedSetArgs(call: FunctionCall, inner: ExprContext,
  missing: (args: readonly BoundExpr[]) => SqlError): OrderedSetArgs {
  const { bind } = inner;
  const overloads = bind.registry.orderedSet(call.name);
  const direct = call.args.map((a) => bindExpr(a, inner));
  const items = call.orderBy ?? [];
  const sorted = items.map((item) => resolveUnknown(bind, bindExpr(item.expr, inner)));
  if (!overloads) {
    const plain = bind.registry.aggregate(call.name);
    if (plain && resolveOverload(plain, [...direct, ...sorted].map((a) => resolveUnknown(bind, a).type))) {
      throw new SqlError(SQLSTATE.WrongObjectType, `${call.name} is not an ordered-set aggregate, so it cannot have WITHIN GROUP`,
        { position: bind.positionOf(call.name) });
    }
    throw missing([...direct.map((a) => resolveUnknown(bind, a)), ...sorted]);
  }
  let args: BoundExpr[];
  let overload: AggregateOverload;
  let paramTypes: readonly SqlType[];
  if (overloads[0]!.orderedSet === 'hypothetical') {
    if (direct.length !== sorted.length) throw missing([...direct.map((a) => resolveUnknown(bind, a)), ...sorted]);
    const types = sorted.map((s, i) => {
      const common = selectCommonType([s.type, direct[i]!.type]);
      if (!common) {
        throw new SqlError(SQLSTATE.DatatypeMismatch,
          `WITHIN GROUP types ${formatTypeName(s.type)} and ${formatTypeName(direct[i]!.type)} cannot be matched`);
      }
      return common;
    });
    paramTypes = [...types, ...types];
    args = [...direct, ...sorted];
    overload = overloads[0]!;
  } else {
    const all = [...direct, ...sorted];
    const resolved = resolveOverload(overloads, all.map((a) => a.type));
    if (!resolved || resolved.paramTypes.length !== all.length) throw missing(all.map((a) => resolveUnknown(bind, a)));
    paramTypes = resolved.paramTypes;
    args = all;
    overload = resolved.overload;
  }
  const coerced = args.map((a, i) => coerce(bind, a, paramTypes[i]!, 'implicit', () => ''));
  const orderBy = items.map((item, i): SortKey => ({
    expr: coerced[direct.length + i]!,
    descending: item.direction === 'DESC',
    nullsFirst: item.nulls ? item.nulls === 'FIRST' : item.direction === 'DESC',
  }));
  return { overload, type: returnTypeOf(overload.returns, paramTypes), args: coerced, orderBy };
}

/**
 * An ordered-set aggregate called without WITHIN GROUP: 42809 when its arguments would fit
 * (PostgreSQL resolves the call first), else nothing (the caller's 42883 follows).
 */
export function refuseWithoutWithinGroup(call: FunctionCall, ctx: ExprContext): void {
  const overloads = ctx.bind.registry.orderedSet(call.name);
  if (!overloads || call.args.length === 0 && ctx.bind.registry.window(call.name)) return;
  const types = call.args.map((a) => bindExpr(a, ctx).type);
  const fits = overloads[0]!.orderedSet === 'hypothetical' ? types.length > 0 : resolveOverload(overloads, types);
  if (fits) {
    throw new SqlError(SQLSTATE.WrongObjectType, `WITHIN GROUP is required for ordered-set aggregate ${call.name}`,
      { position: ctx.bind.positionOf(call.name) });
  }
}
