/**
 * `UPDATE … SET a[i] = v` on an array column: a call of array-assign.ts's element setter over
 * the row's current value, the subscript (int4) and the value coerced to the element type
 * (PostgreSQL's 42804 "subscripted assignment to … requires type …" otherwise). One subscript
 * only: arrays here have one dimension.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { arrayAssignElement } from '../../../functions/scalar/array-assign.js';
import type { Expr } from '../../../parser/ast.js';
import { elementTypeOf, T } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import type { ScopeColumn } from '../scope.js';
import { bindExpr } from './bind-expression.js';
import { coerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

export function bindArrayElementAssign(ctx: ExprContext, column: ScopeColumn, subscripts: readonly Expr[], value: Expr): BoundExpr {
  if (subscripts.length > 1) throw new SqlError(SQLSTATE.FeatureNotSupported, 'multidimensional arrays are not supported');
  if (value.kind === 'Default') throw new SqlError(SQLSTATE.FeatureNotSupported, 'DEFAULT in a subscripted assignment is not supported');
  const current: BoundExpr = { kind: 'ColumnRef', type: column.type, id: column.id, name: column.name };
  const element = elementTypeOf(column.type);
  const index = coerce(ctx.bind, bindExpr(subscripts[0]!, ctx), T.int4, 'implicit', () => 'array subscript must have type integer');
  const assigned = coerce(ctx.bind, bindExpr(value, ctx), element, 'assignment',
    (from, to) => `subscripted assignment to "${column.name}" requires type ${to} but expression is of type ${from}`);
  return { kind: 'Call', type: column.type, name: 'array_set_element', overload: arrayAssignElement, args: [current, index, assigned] };
}
