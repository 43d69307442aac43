/**
 * UPDATE [ONLY] … SET … [FROM …] [WHERE …] [RETURNING …]: SET values are assignment-cast to the
 * column types (DEFAULT allowed), `SET (a, b) = …` split per column (bind-multi-assignment.ts),
 * `SET col[i] = v` on jsonb columns; WHERE and SET see the target row and the FROM items. Without
 * ONLY the tables inheriting from the target are updated too (bind-write-members.ts).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Update } from '../../parser/ast.js';
import type { LogicalUpdate } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import { bindRowChecks } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { bindFrom } from './bind-from.js';
import { currentOfPart } from './bind-current-of.js';
import { bindMultiAssignment, type AssignedValue } from './bind-multi-assignment.js';
import {
  assignTo, bindReturning, checkIdentityWrite, defaultFor, findTargetColumn, rowColumns, targetTable,
} from './bind-target-table.js';
import { bindPartitionedWrite, bindWriteMembers } from './bind-write-members.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { notSubscriptable } from './expression/bind-array.js';
import { assignLeafType, coerceAssignedLeaf, composeAssignment } from './expression/bind-assign-indirection.js';
import { bindJsonbSubscriptAssign } from './expression/bind-jsonb-subscript.js';
import type { ExprContext } from './expression/expr-context.js';
import type { AssignStep, Expr } from '../../parser/ast.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { StoredColumn } from '../../types/stored-table.js';
import { Scope, type ScopeColumn } from './scope.js';

export function bindUpdate(bind: BindContext, update: Update): LogicalUpdate {
  const table = targetTable(bind, update.table);
  const row = rowColumns(bind, table);
  const target = { alias: update.alias ?? table.name, columns: row };
  const from = update.from.length > 0 ? bindFrom(bind, update.from) : undefined;
  const scope = new Scope([target, ...(from?.scope.relations ?? [])]);
  const ctx = { bind, scope, clause: 'UPDATE' };
  const targets: AssignedValue[] = update.assignments.flatMap((a) => ('source' in a ? bindMultiAssignment(a, ctx) : [a]));
  const assigned = new Map<number, { expr: BoundExpr; indirect: boolean }>();
  for (const target of targets) {
    const { column } = target;
    const index = findTargetColumn(table, column, bind);
    const steps = 'value' in target ? target.indirection : undefined;
    const previous = assigned.get(index);
    // Two assignments into parts of one column (`SET a[1] = x, a[2] = y`) apply in order.
    if (previous && (!previous.indirect || !steps)) throw new SqlError(SQLSTATE.SyntaxError, `multiple assignments to same column "${column}"`);
    const stored = table.columns[index]!;
    const isDefault = 'value' in target && target.value.kind === 'Default';
    checkIdentityWrite(stored, isDefault, true);
    let expr: BoundExpr;
    if ('value' in target && steps) {
      const current: BoundExpr = previous?.expr ?? { kind: 'ColumnRef', type: row[index]!.type, id: row[index]!.id, name: row[index]!.name };
      expr = bindIndirectAssignment(ctx, current, stored, steps, target.value);
    } else if (isDefault) expr = defaultFor(bind, stored);
    else expr = assignTo(bind, 'bound' in target ? target.bound : bindExpr(target.value, ctx), stored);
    assigned.set(index, { expr, indirect: steps !== undefined });
  }
  const assignments = [...assigned].map(([column, { expr }]) => ({ column, expr }));
  const predicate = update.where ? coerceToBool(bind, bindExpr(update.where, { ...ctx, clause: 'WHERE' }), 'WHERE') : undefined;
  const returning = bindReturning(bind, update.returning, scope.relations);
  const checks = bindRowChecks(bind, table);
  const members = bindWriteMembers(bind, table, update.only === true);
  const partitions = bindPartitionedWrite(bind, table, row);
  return {
    kind: 'Update', table: plannedTable(table), rowColumns: row, assignments, ...(checks ? { checks } : {}),
    ...(members ? { members } : {}), ...(partitions ? { partitions } : {}),
    ...(predicate ? { predicate } : {}), ...(from ? { from: from.plan } : {}), ...(returning ? { returning } : {}),
    ...currentOfPart(update.currentOf, from !== undefined),
  };
}

/** `SET col[i]… = value`, `SET col.f = value`: jsonb columns (setPath), arrays and composites. */
function bindIndirectAssignment(ctx: ExprContext, current: BoundExpr, stored: StoredColumn, steps: readonly AssignStep[],
  value: Expr): BoundExpr {
  if (value.kind === 'Default') throw new SqlError(SQLSTATE.FeatureNotSupported, 'DEFAULT in a subscripted assignment is not supported');
  if (stored.type.id === 'jsonb' && !stored.type.array && steps.every((s) => s.kind === 'index')) {
    const subscripts = steps.map((s) => (s as Extract<AssignStep, { kind: 'index' }>).index);
    return bindJsonbSubscriptAssign(current, subscripts, bindExpr(value, ctx), ctx);
  }
  if (stored.type.id === 'jsonb' && steps[0]?.kind === 'slice') throw new SqlError(SQLSTATE.DatatypeMismatch, 'jsonb subscript does not support slices');
  const leafType = assignLeafType(stored.type, steps, stored.name);
  const leaf = coerceAssignedLeaf(ctx, bindExpr(value, ctx), leafType, steps, stored.name);
  return composeAssignment(ctx, current, steps, leaf, stored.name);
}
