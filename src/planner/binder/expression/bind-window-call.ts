/**
 * `f(…) OVER (…)`: window-only functions (row_number, lag …) and aggregates used as window
 * functions. The window spec is resolved against the SELECT's named windows, its PARTITION
 * BY / ORDER BY bound in the select list's scope, and the call collected into the level's
 * WindowCollector (42P20 where window functions are not allowed, or when nested).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { FunctionCall, WindowSpec } from '../../../parser/ast.js';
import { returnTypeOf } from '../../../functions/function-types.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import { formatTypeName, type SqlType } from '../../../types/sql-type.js';
import type { BoundExpr, BoundWindowFunction, SortKey } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { parameterlessWithoutStar } from './bind-function-call.js';
import { bindFrame } from './bind-window-frame.js';
import { coerce, coerceToBool, resolveUnknown } from './coerce.js';
import { resolveUserAggregate } from '../user-functions/bind-user-aggregate.js';
import type { ExprContext } from './expr-context.js';

/**
 * The spec with its named base window (`OVER w`, `OVER (w ORDER BY …)`) merged in; a copy may
 * add ORDER BY or a frame, never replace PARTITION BY / ORDER BY or copy a frame (42P20).
 */
export function resolveSpec(spec: WindowSpec, ctx: ExprContext): WindowSpec {
  if (spec.ref === undefined) return spec;
  const base = ctx.windows?.named.get(spec.ref);
  if (!base) throw new SqlError(SQLSTATE.UndefinedObject, `window "${spec.ref}" does not exist`, { position: ctx.bind.positionOf(spec.ref) });
  const merged = resolveSpec(base, ctx);
  if (spec.whole) return merged;
  const refuse = (what: string) => new SqlError(SQLSTATE.WindowingError, what);
  if (spec.partitionBy.length > 0) throw refuse(`cannot override PARTITION BY clause of window "${spec.ref}"`);
  if (spec.orderBy.length > 0 && merged.orderBy.length > 0) throw refuse(`cannot override ORDER BY clause of window "${spec.ref}"`);
  if (merged.frame) {
    throw new SqlError(SQLSTATE.WindowingError, `cannot copy window "${spec.ref}" because it has a frame clause`,
      { hint: spec.orderBy.length === 0 && !spec.frame ? 'Omit the parentheses in this OVER clause.' : undefined });
  }
  return {
    partitionBy: merged.partitionBy,
    orderBy: spec.orderBy.length > 0 ? spec.orderBy : merged.orderBy,
    ...(spec.frame ? { frame: spec.frame } : {}),
  };
}

export function bindWindowCall(call: FunctionCall, ctx: ExprContext): BoundExpr {
  const collector = ctx.windows;
  if (!collector) {
    throw new SqlError(SQLSTATE.WindowingError, `window functions are not allowed in ${ctx.clause}`, { position: ctx.bind.positionOf(call.name) });
  }
  const spec = resolveSpec(call.over!, ctx);
  // Arguments, PARTITION BY and ORDER BY may use plain aggregates (grouped queries), not windows.
  const inner: ExprContext = { ...ctx, windows: undefined, clause: 'window functions' };
  // Untyped arguments stay unknown for overload resolution (ntile(NULL) is ntile(integer)).
  let args = call.star ? [] : call.args.map((a) => bindExpr(a, inner));
  const partitionBy = spec.partitionBy.map((e) => resolveUnknown(ctx.bind, bindExpr(e, inner)));
  const orderBy: SortKey[] = spec.orderBy.map((item) => ({
    expr: resolveUnknown(ctx.bind, bindExpr(item.expr, inner)),
    descending: item.direction === 'DESC',
    nullsFirst: item.nulls ? item.nulls === 'FIRST' : item.direction === 'DESC',
  }));
  const frame = bindFrame(spec.frame, orderBy, ctx);
  const types = args.map((a) => a.type);
  const missing = () => new SqlError(SQLSTATE.UndefinedFunction,
    `function ${call.name}(${types.map(formatTypeName).join(', ')}) does not exist`, {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
      position: ctx.bind.positionOf(call.name),
    });
  let fn: BoundWindowFunction['fn'];
  let paramTypes: readonly SqlType[];
  let type: SqlType;
  const aggregates = ctx.bind.registry.aggregate(call.name);
  const userAggregate = resolveUserAggregate(call, inner);
  if (userAggregate) {
    if (call.distinct) throw new SqlError(SQLSTATE.FeatureNotSupported, 'DISTINCT is not implemented for window functions');
    fn = { kind: 'aggregate', overload: userAggregate.overload, user: userAggregate.user };
    paramTypes = userAggregate.overload.args as SqlType[];
    type = userAggregate.type;
    args = [...userAggregate.args];
  } else if (aggregates) {
    if (call.distinct) throw new SqlError(SQLSTATE.FeatureNotSupported, 'DISTINCT is not implemented for window functions');
    if (call.orderBy && call.orderBy.length > 0) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, 'aggregate ORDER BY is not implemented for window functions');
    }
    const resolved = resolveOverload(aggregates, types);
    if (!resolved) throw missing();
    if (!call.star && args.length === 0) throw parameterlessWithoutStar(call.name);
    fn = { kind: 'aggregate', overload: resolved.overload };
    paramTypes = resolved.paramTypes;
    type = returnTypeOf(resolved.overload.returns, resolved.paramTypes);
  } else {
    const overloads = ctx.bind.registry.window(call.name);
    if (!overloads) {
      if (ctx.bind.registry.scalar(call.name)) {
        throw new SqlError(SQLSTATE.WrongObjectType, `OVER specified, but ${call.name} is not a window function nor an aggregate function`,
          { position: ctx.bind.positionOf(call.name) });
      }
      throw missing();
    }
    const resolved = resolveOverload(overloads, types);
    if (!resolved) throw missing();
    fn = { kind: 'window', overload: resolved.overload };
    paramTypes = resolved.paramTypes;
    type = returnTypeOf(resolved.overload.returns, resolved.paramTypes);
  }
  const filter = call.filter ? coerceToBool(ctx.bind, bindExpr(call.filter, inner), 'FILTER') : undefined;
  return collector.add({
    name: call.name, type, fn,
    args: args.map((a, i) => coerce(ctx.bind, a, paramTypes[i]!, 'implicit', () => '')),
    ...(filter ? { filter } : {}),
    partitionBy, orderBy, frame,
  }, () => ctx.bind.newId());
}
