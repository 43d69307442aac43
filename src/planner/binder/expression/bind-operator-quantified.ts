/**
 * `x op ANY|ALL (array)` for an operator other than the comparisons (LIKE, ILIKE, NOT LIKE,
 * `~`, `@>` …): the operator is resolved for (x, element) like a binary operator and must
 * yield boolean, as PostgreSQL's make_scalar_array_op requires.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { QuantifiedExpr } from '../../../parser/ast.js';
import { returnTypeOf } from '../../../functions/function-types.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import { arrayTypeOf, elementTypeOf, T } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { operatorMissing } from './bind-operator.js';
import { coerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

/** `right` is already an array (an untyped literal was made an array of `left`'s type). */
export function bindOperatorQuantified(expr: QuantifiedExpr, left: BoundExpr, right: BoundExpr, ctx: ExprContext): BoundExpr {
  const element: BoundExpr = { kind: 'Constant', type: elementTypeOf({ ...right.type, typmod: -1 }), value: null };
  const overloads = ctx.bind.registry.scalar(expr.op);
  const resolved = overloads && resolveOverload(overloads, [left.type, element.type]);
  if (!resolved) throw operatorMissing(expr.op, left, element);
  const type = returnTypeOf(resolved.overload.returns, resolved.paramTypes);
  if (type.id !== 'bool' || type.array) {
    throw new SqlError(SQLSTATE.WrongObjectType, 'op ANY/ALL (array) requires operator to yield boolean');
  }
  const [leftType, elementType] = resolved.paramTypes as [typeof T.bool, typeof T.bool];
  return {
    kind: 'Quantified', type: T.bool, op: '=', quantifier: expr.quantifier,
    left: coerce(ctx.bind, left, leftType, 'implicit', () => ''),
    right: coerce(ctx.bind, right, arrayTypeOf(elementType), 'implicit', () => ''),
    operator: { symbol: expr.op, overload: resolved.overload, argTypes: resolved.paramTypes },
  };
}
