/**
 * A call of a CREATE AGGREGATE aggregate, as a plain aggregate or over a window: the aggregate
 * chosen among the user aggregates of the name (the rules of user functions: polymorphic
 * arguments bound), its state type worked out for the arguments, and its support functions
 * bound (aggregate-support.ts). The executor runs them; `overload` carries the types and the
 * transition's strictness the aggregate node reads for every aggregate.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { functionsKey, inputParameters, userFunctionsNamed } from '../../../catalog/user-functions.js';
import type { AggregateOverload } from '../../../functions/function-types.js';
import type { FunctionCall } from '../../../parser/ast.js';
import type { SqlType } from '../../../types/sql-type.js';
import type { BoundExpr, BoundUserAggregate } from '../../logical/bound-expr.js';
import type { ExprContext } from '../expression/expr-context.js';
import { bindAggregateSupport, stateTypeFor } from './aggregate-support.js';
import { resolveUserCall } from './resolve-user-call.js';

/** A resolved call of a user aggregate. */
export interface UserAggregateCall {
  readonly overload: AggregateOverload;
  readonly args: readonly BoundExpr[];
  readonly type: SqlType;
  readonly user: BoundUserAggregate;
}

/** True when a user aggregate of this name exists (the call is then an aggregate call). */
export function hasUserAggregate(ctx: ExprContext, call: FunctionCall): boolean {
  if (call.schema !== undefined && call.schema !== 'public') return false;
  return userFunctionsNamed(ctx.bind.plan.txn.listObjects(), call.name).some((f) => f.aggregate !== undefined);
}

/**
 * The user aggregate `call` means, its arguments bound in `inner` (the context aggregate
 * arguments are bound in); undefined when none of the name fits (built-ins next).
 */
export function resolveUserAggregate(call: FunctionCall, inner: ExprContext): UserAggregateCall | undefined {
  if (!hasUserAggregate(inner, call)) return undefined;
  const objects = inner.bind.plan.txn.listObjects();
  inner.bind.dependencies.push({ kind: 'functions', name: call.name, key: functionsKey(objects, call.name) });
  const resolved = resolveUserCall({ ...call, star: false }, inner, false, true);
  if (!resolved) return undefined;
  const agg = resolved.fn.aggregate!;
  if (call.star && resolved.args.length > 0) return undefined;
  const argTypes = resolved.args.map((a) => a.type);
  const stateType = stateTypeFor(agg, inputParameters(resolved.fn), argTypes);
  const { user, type } = bindAggregateSupport(inner.bind, agg, argTypes, stateType);
  // Support functions may be replaced or dropped: a plan over them re-plans.
  for (const ref of [agg.sfunc, agg.finalfunc]) {
    if (ref) inner.bind.dependencies.push({ kind: 'functions', name: ref.name, key: functionsKey(objects, ref.name) });
  }
  const overload: AggregateOverload = {
    args: argTypes, returns: type, strict: user.strict,
    // The executor runs user aggregates through their bound support functions, never through `create`.
    create: () => {
      throw new SqlError(SQLSTATE.InternalError, `aggregate ${resolved.fn.name} must be run by its support functions`);
    },
    retainsInput: true,
  };
  return { overload, args: resolved.args, type, user };
}
