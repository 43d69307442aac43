/**
 * `INSERT INTO t (a[1], a[3], f.x, f4[1].y[2]) …`: each listed target with indirection takes a
 * source value of its leaf type (an element, a slice, a field); then a Project folds the
 * entries of each column, in order, into one value starting from NULL — as PostgreSQL does, the
 * column default plays no part (`(a[2])` gives `[2:2]={v}`). Two entries may name one column
 * only when both have indirection.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { AssignStep, Insert } from '../../parser/ast.js';
import type { StoredColumn } from '../../types/stored-table.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { asDomainColumn, assignLeafType, composeAssignment } from './expression/bind-assign-indirection.js';
import { Scope } from './scope.js';

/** The listed targets as the source must fill them: a column, or a pseudo-column of the leaf type. */
export function insertEntryTargets(bind: BindContext, insert: Insert, columns: readonly StoredColumn[]): StoredColumn[] {
  const steps = insert.indirection!;
  const plain = new Set<number>();
  const indirect = new Set<number>();
  return columns.map((column, i) => {
    const path = steps[i];
    const clash = path ? plain.has(column.id) : plain.has(column.id) || indirect.has(column.id);
    if (clash) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${column.name}" specified more than once`, { position: bind.positionOf(column.name) });
    (path ? indirect : plain).add(column.id);
    return path ? { ...column, type: assignLeafType(column.type, path, column.name) } : column;
  });
}

/** The source plan (one output per entry) folded into one output per distinct column. */
export function foldInsertEntries(bind: BindContext, insert: Insert, plan: LogicalPlan, columns: readonly StoredColumn[]):
  { plan: LogicalPlan; targets: StoredColumn[] } {
  const steps = insert.indirection!;
  const ctx = { bind, scope: new Scope([]), clause: 'INSERT' };
  const folded = new Map<number, { column: StoredColumn; expr: BoundExpr; indirect: boolean }>();
  plan.output.forEach((out, i) => {
    const column = columns[i]!;
    const value: BoundExpr = { kind: 'ColumnRef', type: out.type, id: out.id, name: out.name };
    const path: readonly AssignStep[] | undefined = steps[i];
    if (!path) { folded.set(column.id, { column, expr: value, indirect: false }); return; }
    const current: BoundExpr = folded.get(column.id)?.expr ?? { kind: 'Constant', type: column.type, value: null };
    folded.set(column.id, { column, expr: composeAssignment(ctx, current, path, value, column.name), indirect: true });
  });
  // A domain column's constraints hold for the value its entries built (PostgreSQL checks the result).
  const entries = [...folded.values()].map((e) => (e.indirect ? { ...e, expr: asDomainColumn(bind, e.expr, e.column.type) } : e));
  const output: OutputColumn[] = entries.map(({ column }) => ({ id: bind.newId(), name: column.name, type: column.type, tableOid: 0, attnum: 0 }));
  return { plan: { kind: 'Project', input: plan, exprs: entries.map((e) => e.expr), output }, targets: entries.map((e) => e.column) };
}
