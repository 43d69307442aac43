/**
 * `(a, b) [NOT] IN (SELECT x, y …)` and `(a, b) op ANY/ALL (SELECT x, y …)`: a row constructor
 * against a subquery of as many columns, compared row-wise as PostgreSQL does (each pair
 * coerced to a common type; NULL when a NULL pair leaves it undecided). The operand becomes a
 * record of the coerced fields and the subquery's columns are cast to match; the executor
 * compares the record's fields with each row (row-quantified.ts).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { Query, RowExpr } from '../../../parser/ast.js';
import { T } from '../../../types/sql-type.js';
import type { BoundExpr, BoundSubquery, CompareOp } from '../../logical/bound-expr.js';
import type { LogicalPlan } from '../../logical/logical-plan.js';
import { bindQuery } from '../bind-query.js';
import { Scope, type SubqueryBoundary } from '../scope.js';
import { unify } from './bind-operator.js';
import { bindRowFields, buildRecord } from './bind-record.js';
import { coerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

/** A row constructor of at least two fields: compared row-wise (one field keeps the scalar path). */
export function isRowOperand(expr: { readonly kind: string }): expr is RowExpr {
  return expr.kind === 'Row' && (expr as RowExpr).fields.length >= 2;
}

/** Casts the plan's columns to `types` with one projection (none when they already match). */
export function castColumns(ctx: ExprContext, plan: LogicalPlan, types: readonly BoundExpr['type'][]): LogicalPlan {
  const same = plan.output.every((c, i) => c.type.id === types[i]!.id && c.type.array === types[i]!.array);
  if (same) return plan;
  const exprs = plan.output.map((c, i) => coerce(ctx.bind, { kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }, types[i]!, 'implicit', () => ''));
  return {
    kind: 'Project', input: plan, exprs,
    output: plan.output.map((c, i) => ({ ...c, id: ctx.bind.newId(), type: types[i]!, tableOid: 0, attnum: 0 })),
  };
}

export function bindRowSubquery(ctx: ExprContext, row: RowExpr, query: Query, mode: 'in' | 'any' | 'all',
  op: CompareOp, negated: boolean): BoundExpr {
  const fields = bindRowFields(row, ctx);
  const boundary: SubqueryBoundary = { correlated: false };
  const plan = bindQuery(ctx.bind, query, new Scope([], ctx.scope, boundary));
  if (plan.output.length !== fields.length) {
    throw new SqlError(SQLSTATE.SyntaxError, plan.output.length > fields.length ? 'subquery has too many columns' : 'subquery has too few columns');
  }
  const pairs = fields.map((field, i) => {
    const column = plan.output[i]!;
    return unify(ctx, field, { kind: 'ColumnRef', type: column.type, id: column.id, name: column.name }, op);
  });
  const operand = buildRecord(pairs.map(([l]) => l), pairs.map((_, i) => `f${i + 1}`));
  const bound: BoundSubquery = {
    kind: 'Subquery', type: T.bool, mode, plan: castColumns(ctx, plan, pairs.map(([, r]) => r.type)),
    negated, correlated: boundary.correlated, operand, op, rowWise: true,
  };
  return bound;
}
