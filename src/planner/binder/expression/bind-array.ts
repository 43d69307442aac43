/**
 * Arrays: ARRAY[…] constructors (elements coerced to a common type), ARRAY(SELECT …),
 * subscripts x[i], and `x op ANY|ALL (array | subquery)`.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import type { ArrayExpr, Expr, QuantifiedExpr, SubscriptExpr } from '../../../parser/ast.js';
import { arrayTypeOf, elementTypeOf, formatTypeName, T, type SqlType } from '../../../types/sql-type.js';
import type { BoundExpr, CompareOp } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { bindCommon } from './bind-function-call.js';
import { operatorMissing, unify } from './bind-operator.js';
import { coerce, isUnknown } from './coerce.js';
import { bindSubqueryExpr, subqueryOperand } from './bind-subquery-expr.js';
import { bindRowSubquery, isRowOperand } from './bind-row-subquery.js';
import { bindJsonbSubscript } from './bind-jsonb-subscript.js';
import type { ExprContext } from './expr-context.js';
import { bindOperatorQuantified } from './bind-operator-quantified.js';
import { bindArrayIndex, bindArraySubscripts } from './bind-array-subscript.js';

const COMPARE_OPS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

export function bindArray(expr: ArrayExpr, ctx: ExprContext): BoundExpr {
  if (expr.query) return bindSubqueryExpr(ctx, expr.query, 'array');
  if (expr.elements.length === 0) return { kind: 'Array', type: T.textArray, elements: [] };
  const elements = bindCommon(ctx, expr.elements.map((e) => bindExpr(e, ctx)), 'ARRAY');
  const element = elements[0]!.type;
  // ARRAY[[1,2],[3,4]] and ARRAY[arr, …] stack arrays into one more dimension: same type.
  if (element.array) return { kind: 'Array', type: element, elements };
  // Records keep their fields: ARRAY[ROW(…), ROW(…)] is an array of that row type.
  return { kind: 'Array', type: arrayTypeOf(element), elements };
}

export function bindSubscript(expr: SubscriptExpr, ctx: ExprContext): BoundExpr {
  // `a[i][j]` arrives as nested Subscript nodes; an array takes them together, one per dimension.
  const steps: SubscriptExpr[] = [];
  let base: Expr = expr;
  while (base.kind === 'Subscript') { steps.unshift(base); base = base.operand; }
  let operand = bindExpr(base, ctx);
  if (operand.type.id === 'jsonb' && !operand.type.array) {
    for (const step of steps) {
      if (step.slice) throw new SqlError(SQLSTATE.DatatypeMismatch, 'jsonb subscript does not support slices');
      operand = bindJsonbSubscript(operand, step.index, ctx);
    }
    return operand;
  }
  if (!operand.type.array) throw notSubscriptable(operand.type);
  if (steps.length > 1 || steps[0]!.slice) return bindArraySubscripts(operand, steps, ctx);
  let index = bindArrayIndex(expr.index, ctx);
  // int2vector/oidvector subscripts start at 0 (pg_index.indkey[0] is the first key column).
  if (operand.type.vector) index = zeroBasedIndex(ctx, index);
  return { kind: 'Subscript', type: elementTypeOf(operand.type), operand, index };
}

/** PostgreSQL 15's error for a subscript on a type without subscripting. */
export function notSubscriptable(type: SqlType): SqlError {
  return new SqlError(SQLSTATE.DatatypeMismatch, `cannot subscript type ${formatTypeName(type)} because it does not support subscripting`);
}

function isQuery(value: Expr | QuantifiedExpr['right']): value is Exclude<QuantifiedExpr['right'], Expr> {
  return ['Select', 'SetOperation', 'Values', 'Convert', 'Search', 'PrintImage'].includes(value.kind);
}

export function bindQuantified(expr: QuantifiedExpr, ctx: ExprContext): BoundExpr {
  const op = (expr.op === '!=' ? '<>' : expr.op) as CompareOp;
  const compare = COMPARE_OPS.has(op);
  if (!compare && isQuery(expr.right)) throw new SqlError(SQLSTATE.FeatureNotSupported, `operator ${expr.op} ANY/ALL is not supported`);
  if (isQuery(expr.right) && isRowOperand(expr.left)) {
    return bindRowSubquery(ctx, expr.left, expr.right, expr.quantifier === 'ANY' ? 'any' : 'all', op, false);
  }
  if (isQuery(expr.right)) {
    return bindSubqueryExpr(ctx, expr.right, expr.quantifier === 'ANY' ? 'any' : 'all', bindExpr(subqueryOperand(expr.left), ctx), op);
  }
  const left = bindExpr(expr.left, ctx);
  let right = bindExpr(expr.right, ctx);
  if (isUnknown(right)) {
    const elementType = isUnknown(left) ? T.text : left.type;
    right = coerce(ctx.bind, right, arrayTypeOf(elementType), 'explicit', () => '');
  }
  if (!right.type.array) throw operatorMissing(op, left, right);
  if (!compare) return bindOperatorQuantified(expr, left, right, ctx);
  const element = { kind: 'Constant', type: elementTypeOf({ ...right.type, typmod: -1 }), value: null } as const;
  const [l] = unify(ctx, left, element, op);
  const arrayType = arrayTypeOf(l.type);
  const r = coerce(ctx.bind, right, arrayType, 'implicit', () => '');
  return { kind: 'Quantified', type: T.bool, op, quantifier: expr.quantifier, left: l, right: r };
}

/** `index + 1`, through the registry's int4 `+` so overflow still raises 22003. */
function zeroBasedIndex(ctx: ExprContext, index: BoundExpr): BoundExpr {
  const one: BoundExpr = { kind: 'Constant', type: T.int4, value: 1 };
  const resolved = resolveOverload(ctx.bind.registry.scalar('+')!, [T.int4, T.int4])!;
  return { kind: 'Call', type: T.int4, name: '+', overload: resolved.overload, args: [index, one] };
}
