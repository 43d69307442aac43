/**
 * Whether an expression calls a volatile function (random(), nextval(), clock_timestamp() …)
 * anywhere, subqueries included: such an expression must be evaluated once per row it is
 * asked for, so when and how often it runs is visible to the user.
 */
import type { BoundExpr } from './bound-expr.js';
import type { LogicalPlan } from './logical-plan.js';
import { walkExpr } from './map-expr.js';
import { planChildren, planExpressions } from './plan-children.js';

export function isVolatileExpr(expr: BoundExpr): boolean {
  let volatile = false;
  walkExpr(expr, (e) => {
    if (e.kind === 'Call' && e.overload.volatility === 'volatile') volatile = true;
    if (e.kind === 'Subquery' && isVolatilePlan(e.plan)) volatile = true;
  });
  return volatile;
}

/** True when any expression of `plan` or its inputs is volatile. */
export function isVolatilePlan(plan: LogicalPlan): boolean {
  return planExpressions(plan).some(isVolatileExpr) || planChildren(plan).some(isVolatilePlan);
}
