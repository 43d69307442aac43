/**
 * UPDATE … SET (a, b) = source, as PostgreSQL's transformMultiAssignRef: a row source gives
 * each column its field (DEFAULT allowed); a subquery source must have one output column per
 * target column (42601 otherwise) and is bound once, as a subquery returning the record of its
 * columns, each target taking one field — an uncorrelated subquery runs once per statement, and
 * no row gives NULL for every column, more than one row is 21000, as PostgreSQL's MULTIEXPR.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { AssignStep, Expr, MultiAssignment } from '../../parser/ast.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalPlan } from '../logical/logical-plan.js';
import { bindQuery } from './bind-query.js';
import { bindRowFields, buildRecord, selectField } from './expression/bind-record.js';
import { resolveUnknown } from './expression/coerce.js';
import type { ExprContext } from './expression/expr-context.js';
import { Scope, type SubqueryBoundary } from './scope.js';

/** One target column's value: an expression still to bind (a row's field), or already bound (a subquery's field). */
export type AssignedValue = { readonly column: string } & ({ readonly value: Expr; readonly indirection?: readonly AssignStep[] } | { readonly bound: BoundExpr });

export function bindMultiAssignment(assignment: MultiAssignment, ctx: ExprContext): AssignedValue[] {
  const { columns, source } = assignment;
  if (source.kind === 'Row' && source.fields.some((f) => f.kind === 'ColumnRef' && f.column === '*')) {
    // ROW(v.*): the relation's columns, one target each.
    const fields = bindRowFields(source, ctx);
    if (fields.length !== columns.length) throw new SqlError(SQLSTATE.SyntaxError, 'number of columns does not match number of values');
    return columns.map((column, i) => ({ column, bound: fields[i]! }));
  }
  if (source.kind === 'Row') return columns.map((column, i) => ({ column, value: source.fields[i]! }));
  if (source.kind !== 'ScalarSubquery') throw new SqlError(SQLSTATE.InternalError, `unexpected multiple-column source ${source.kind}`);
  const boundary: SubqueryBoundary = { correlated: false };
  const plan = bindQuery(ctx.bind, source.query, new Scope([], ctx.scope, boundary));
  if (plan.output.length !== columns.length) throw new SqlError(SQLSTATE.SyntaxError, 'number of columns does not match number of values');
  const record = recordPlan(ctx, plan);
  const subquery: BoundExpr = {
    kind: 'Subquery', type: record.output[0]!.type, mode: 'scalar', plan: record, negated: false, correlated: boundary.correlated,
  };
  return columns.map((column, i) => ({ column, bound: selectField(subquery, i) }));
}

/** `plan` projected to one column: the record of its columns (untyped literals as text, as PostgreSQL resolves them). */
function recordPlan(ctx: ExprContext, plan: LogicalPlan): LogicalPlan {
  const fields = plan.output.map((c) => resolveUnknown(ctx.bind, { kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }));
  const row = buildRecord(fields, plan.output.map((c) => c.name));
  return { kind: 'Project', input: plan, exprs: [row], output: [{ id: ctx.bind.newId(), name: 'row', type: row.type, tableOid: 0, attnum: 0 }] };
}
