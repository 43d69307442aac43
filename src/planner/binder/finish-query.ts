/**
 * ORDER BY / LIMIT / OFFSET on top of a VALUES list or set operation: sort items name output
 * columns, ordinals, or expressions over the output columns. FETCH FIRST … WITH TIES keeps the
 * sort keys on the Limit, which also passes the rows tying with the last one counted.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { OrderItem, Expr } from '../../parser/ast.js';
import type { SortKey } from '../logical/bound-expr.js';
import type { LogicalPlan } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindLimitExpr, bindOrderBy } from './bind-order-by.js';
import { bindExpr } from './expression/bind-expression.js';
import { Scope } from './scope.js';

/** The LIMIT / OFFSET / FETCH FIRST … [WITH TIES] part of a query. */
export interface QueryTail {
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
  readonly withTies?: boolean;
}

export function finishQuery(bind: BindContext, input: LogicalPlan, query: QueryTail, parent?: Scope): LogicalPlan {
  let plan = input;
  let keys: SortKey[] = [];
  if (query.orderBy.length > 0) {
    const scope = new Scope([{ columns: plan.output }], parent);
    keys = bindOrderBy(bind, query.orderBy, {
      outputs: plan.output,
      bindInput: (expr) => bindExpr(expr, { bind, scope, clause: 'ORDER BY' }),
    });
    plan = { kind: 'Sort', input: plan, keys, output: plan.output };
  }
  return limitPlan(bind, plan, query, keys, parent);
}

/** A Limit over `plan` (already sorted by `keys`) when the query has LIMIT / OFFSET. */
export function limitPlan(bind: BindContext, plan: LogicalPlan, query: QueryTail, keys: readonly SortKey[], parent?: Scope): LogicalPlan {
  if (query.withTies && query.limit?.kind === 'Literal' && query.limit.type === 'null') {
    throw new SqlError(SQLSTATE.InvalidRowCountInLimitClause, 'row count cannot be null in FETCH FIRST ... WITH TIES clause');
  }
  const limit = bindLimitExpr(bind, query.limit, 'LIMIT', parent);
  const offset = bindLimitExpr(bind, query.offset, 'OFFSET', parent);
  if (!limit && !offset) return plan;
  return {
    kind: 'Limit', input: plan, ...(limit ? { limit } : {}), ...(offset ? { offset } : {}),
    ...(query.withTies ? { ties: keys } : {}), output: plan.output,
  };
}
