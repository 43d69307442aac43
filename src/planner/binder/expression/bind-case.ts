/**
 * CASE: the simple form `CASE x WHEN v …` becomes comparisons `x = v`; conditions are
 * coerced to boolean and results to their common type (42804 "CASE types … cannot be
 * matched" otherwise).
 */
import type { CaseExpr } from '../../../parser/ast.js';
import { T } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { bindCommon } from './bind-function-call.js';
import { bindComparison } from './bind-operator.js';
import { coerceToBool } from './coerce.js';
import type { ExprContext } from './expr-context.js';

export function bindCase(expr: CaseExpr, ctx: ExprContext): BoundExpr {
  const operand = expr.operand ? bindExpr(expr.operand, ctx) : undefined;
  const conditions = expr.whens.map((w) => {
    const when = bindExpr(w.when, ctx);
    return operand ? bindComparison(ctx, '=', operand, when) : coerceToBool(ctx.bind, when, 'CASE');
  });
  const results = expr.whens.map((w) => bindExpr(w.then, ctx));
  const elseExpr: BoundExpr = expr.else ? bindExpr(expr.else, ctx) : { kind: 'Constant', type: T.unknown, value: null };
  // PostgreSQL resolves the type with ELSE first (transformCaseExpr), which decides ties.
  const [elseUnified, ...unified] = bindCommon(ctx, [elseExpr, ...results], 'CASE');
  return {
    kind: 'Case', type: elseUnified!.type,
    whens: conditions.map((when, i) => ({ when, then: unified[i]! })),
    else: elseUnified!,
  };
}
