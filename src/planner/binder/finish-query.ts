/**
 * ORDER BY / LIMIT / OFFSET on top of a VALUES list or set operation: sort items name output
 * columns, ordinals, or expressions over the output columns.
 */
import type { OrderItem, Expr } from '../../parser/ast.js';
import type { LogicalPlan } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindLimitExpr, bindOrderBy } from './bind-order-by.js';
import { bindExpr } from './expression/bind-expression.js';
import { Scope } from './scope.js';

export function finishQuery(bind: BindContext, input: LogicalPlan,
  query: { readonly orderBy: readonly OrderItem[]; readonly limit?: Expr; readonly offset?: Expr }, parent?: Scope): LogicalPlan {
  let plan = input;
  if (query.orderBy.length > 0) {
    const scope = new Scope([{ columns: plan.output }], parent);
    const keys = bindOrderBy(bind, query.orderBy, {
      outputs: plan.output,
      bindInput: (expr) => bindExpr(expr, { bind, scope, clause: 'ORDER BY' }),
    });
    plan = { kind: 'Sort', input: plan, keys, output: plan.output };
  }
  const limit = bindLimitExpr(bind, query.limit, 'LIMIT');
  const offset = bindLimitExpr(bind, query.offset, 'OFFSET');
  if (limit || offset) plan = { kind: 'Limit', input: plan, ...(limit ? { limit } : {}), ...(offset ? { offset } : {}), output: plan.output };
  return plan;
}
