/**
 * Subqueries inside expressions: scalar `(SELECT …)` (one column), EXISTS, `x IN (SELECT …)`,
 * `x op ANY/ALL (SELECT …)` and ARRAY(SELECT …). The subquery is bound with the current
 * scope as parent; resolving a name through it marks the subquery correlated.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { ExistsExpr, Expr, InSubqueryExpr, Query, ScalarSubquery } from '../../../parser/ast.js';
import { arrayTypeOf, T } from '../../../types/sql-type.js';
import type { BoundExpr, BoundSubquery, CompareOp } from '../../logical/bound-expr.js';
import { bindQuery } from '../bind-query.js';
import { Scope, type SubqueryBoundary } from '../scope.js';
import { bindExpr } from './bind-expression.js';
import { bindRowSubquery, castColumns, isRowOperand } from './bind-row-subquery.js';
import { unify } from './bind-operator.js';
import type { ExprContext } from './expr-context.js';
import { hasUserOperator, userOperatorFor } from './bind-user-operator.js';

/** Binds `query` as an expression of the given mode. */
export function bindSubqueryExpr(ctx: ExprContext, query: Query, mode: BoundSubquery['mode'],
  operand?: BoundExpr, op?: CompareOp, negated = false): BoundExpr {
  const boundary: SubqueryBoundary = { correlated: false };
  const scope = new Scope([], ctx.scope, boundary);
  let plan = bindQuery(ctx.bind, query, scope);
  if (mode !== 'exists' && plan.output.length !== 1) {
    // PostgreSQL's words: a scalar or ARRAY subquery "must return only one column"; the operand
    // of IN / ANY / ALL is compared with "too many columns".
    const scalar = mode === 'scalar' || mode === 'array';
    throw new SqlError(SQLSTATE.SyntaxError, plan.output.length === 0 ? 'subquery has too few columns'
      : scalar ? 'subquery must return only one column' : 'subquery has too many columns');
  }
  let type = mode === 'exists' || mode === 'in' || mode === 'any' || mode === 'all' ? T.bool : plan.output[0]!.type;
  let boundOperand = operand;
  if (operand && op) {
    const column = plan.output[0]!;
    const probe: BoundExpr = { kind: 'ColumnRef', type: column.type, id: column.id, name: column.name };
    const [l, r] = unify(ctx, operand, probe, op);
    boundOperand = l;
    plan = castColumns(ctx, plan, [r.type]);
  }
  if (mode === 'array') type = arrayTypeOf(type);
  return {
    kind: 'Subquery', type, mode, plan, negated, correlated: boundary.correlated,
    ...(boundOperand ? { operand: boundOperand } : {}), ...(op ? { op } : {}),
  };
}

export function bindScalarSubquery(expr: ScalarSubquery, ctx: ExprContext): BoundExpr {
  return bindSubqueryExpr(ctx, expr.query, 'scalar');
}

export function bindExists(expr: ExistsExpr, ctx: ExprContext): BoundExpr {
  return bindSubqueryExpr(ctx, expr.query, 'exists');
}

export function bindInSubquery(expr: InSubqueryExpr, ctx: ExprContext): BoundExpr {
  if (isRowOperand(expr.operand)) return bindRowSubquery(ctx, expr.operand, expr.query, 'in', '=', expr.negated);
  const operand = bindExpr(subqueryOperand(expr.operand), ctx);
  return bindInWithUserOperator(ctx, expr, operand) ?? bindSubqueryExpr(ctx, expr.query, 'in', operand, '=', expr.negated);
}

/**
 * `x IN (SELECT c …)` where a user operator `=` takes x's and c's types (CREATE OPERATOR):
 * EXISTS over the subquery's rows for which the operator's function holds, correlated. As
 * EXISTS, an unmatched NULL comparison gives false rather than IN's NULL (the same in WHERE).
 */
function bindInWithUserOperator(ctx: ExprContext, expr: InSubqueryExpr, operand: BoundExpr): BoundExpr | undefined {
  if (!hasUserOperator(ctx, '=')) return undefined;
  const boundary: SubqueryBoundary = { correlated: false };
  const plan = bindQuery(ctx.bind, expr.query, new Scope([], ctx.scope, boundary));
  if (plan.output.length !== 1) return undefined;
  const column = plan.output[0]!;
  const op = userOperatorFor(ctx, '=', operand.type, column.type);
  if (!op) return undefined;
  const rowScope = new Scope([{ columns: [{ ...column, name: '*in*' }] }], ctx.scope, boundary);
  const predicate = bindExpr({
    kind: 'FunctionCall', name: op.procedure.name, ...(op.procedure.schema ? { schema: op.procedure.schema } : {}),
    args: [subqueryOperand(expr.operand), { kind: 'ColumnRef', column: '*in*' }], star: false, distinct: false,
  }, { bind: ctx.bind, scope: rowScope, clause: 'WHERE' });
  const exists: BoundExpr = {
    kind: 'Subquery', type: T.bool, mode: 'exists', plan: { kind: 'Filter', input: plan, predicate, output: plan.output },
    negated: false, correlated: true,
  };
  return expr.negated ? { kind: 'Not', type: T.bool, operand: exists } : exists;
}

/**
 * The left side of `… IN / op ANY / op ALL (subquery)`: a row constructor's fields are compared
 * with the subquery's columns one by one, so `ROW(x)` compares `x` with its one column
 * (`row(row(row(1))) = any (select row(row(1)))` is true); two or more fields take
 * bind-row-subquery.ts.
 */
export function subqueryOperand(operand: Expr): Expr {
  return operand.kind === 'Row' && operand.fields.length === 1 ? operand.fields[0]! : operand;
}
