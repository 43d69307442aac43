/**
 * `GROUPING(a, b)`: allowed where aggregates are (the select list, HAVING, ORDER BY of a
 * grouped query); its arguments are checked against GROUP BY when the aggregate node is built.
 * A GROUPING in a subquery over an enclosing query's columns is that query's (PostgreSQL's
 * agglevelsup), read back as a correlated reference.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { GroupingExpr } from '../../../parser/ast.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { outerAggregateLevel } from '../aggregate-level.js';
import { bindExpr } from './bind-expression.js';
import { resolveUnknown } from './coerce.js';
import type { ExprContext } from './expr-context.js';

/** PostgreSQL's limit: the result is an int4 bit mask. */
const MAX_GROUPING_ARGS = 31;

export function bindGroupingCall(expr: GroupingExpr, ctx: ExprContext): BoundExpr {
  const position = ctx.bind.positionOf('grouping');
  const inner: ExprContext = { ...ctx, aggregates: undefined, windows: undefined, setFunctions: undefined };
  const args = expr.args.map((a) => resolveUnknown(ctx.bind, bindExpr(a, inner)));
  // Like an aggregate, GROUPING belongs to the nearest query level whose columns it reads.
  const outer = ctx.aggregates?.inside ? undefined : outerAggregateLevel(ctx.scope, args);
  const collector = outer?.collector ?? ctx.aggregates;
  if (!collector || collector.inside) {
    const message = collector?.inside || ctx.clause === 'aggregate function calls'
      ? 'aggregate function calls cannot be nested'
      : `grouping operations are not allowed in ${ctx.clause}`;
    throw new SqlError(SQLSTATE.GroupingError, message, { position });
  }
  if (expr.args.length > MAX_GROUPING_ARGS) {
    throw new SqlError(SQLSTATE.TooManyArguments, `GROUPING must have fewer than ${MAX_GROUPING_ARGS + 1} arguments`, { position });
  }
  outer?.markCorrelated();
  return collector.addGrouping(args, position, () => ctx.bind.newId());
}
