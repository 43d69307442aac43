/**
 * SET lists of UPDATE and INSERT … ON CONFLICT DO UPDATE: each item assignment-cast to its
 * column (DEFAULT allowed), `SET (a, b) = …` split per column (bind-multi-assignment.ts),
 * `SET col[i] = v` / `SET col.f = v` into arrays, composites and jsonb; 42601 for a column set twice.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Assignment, AssignStep, Expr, MultiAssignment } from '../../parser/ast.js';
import type { StoredColumn, StoredTable } from '../../types/stored-table.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { OutputColumn } from '../logical/logical-plan.js';
import { bindMultiAssignment, type AssignedValue } from './bind-multi-assignment.js';
import { assignTo, checkIdentityWrite, defaultFor, findTargetColumn } from './bind-target-table.js';
import { bindExpr } from './expression/bind-expression.js';
import { asDomainColumn, assignLeafType, coerceAssignedLeaf, composeAssignment } from './expression/bind-assign-indirection.js';
import { bindJsonbSubscriptAssign } from './expression/bind-jsonb-subscript.js';
import type { ExprContext } from './expression/expr-context.js';

/** One bound SET item: the table column's index and its new value. */
export interface BoundAssignment {
  readonly column: number;
  readonly expr: BoundExpr;
}

/**
 * Binds `items` in `ctx` (whose scope sees the target row as `row`, table column order);
 * `resolve` gives a SET name's column index (a view maps its column names to the base table's).
 */
export function bindAssignments(ctx: ExprContext, table: StoredTable, row: readonly OutputColumn[],
  items: readonly (Assignment | MultiAssignment)[],
  resolve: (name: string) => number = (name) => findTargetColumn(table, name, ctx.bind)): BoundAssignment[] {
  const { bind } = ctx;
  const targets: AssignedValue[] = items.flatMap((a) => ('source' in a ? bindMultiAssignment(a, ctx) : [a]));
  const assigned = new Map<number, { expr: BoundExpr; indirect: boolean }>();
  for (const target of targets) {
    const { column } = target;
    const index = resolve(column);
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
  // A domain column assigned through indirection: its constraints hold for the composed value.
  return [...assigned].map(([column, { expr, indirect }]) => ({ column, expr: indirect ? asDomainColumn(bind, expr, table.columns[column]!.type) : expr }));
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
