/**
 * Markers of NULL-extended rows. On the nullable side of an outer join a relation's whole-row
 * value (`t`, `t.*`) is NULL in the rows the join made up, not a record of NULL fields: as in
 * PostgreSQL, `count(t.*)` skips them and `to_json(t)` gives null — while a real row whose
 * columns are all NULL stays a record. Telling the two apart needs a column that is never
 * NULL in a real row: a table's `tableoid`, else a constant `true` added below the join.
 * Either is pruned when no whole-row reference reads it. An aliased join `(a JOIN b) AS j` has
 * none: PostgreSQL builds j's whole row from its columns, `(,,)` when NULL-extended.
 */
import { T } from '../../types/sql-type.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import { TABLEOID_COLUMN_ID } from '../logical/planned-table.js';
import type { BindContext } from './bind-context.js';
import type { BoundFrom } from './bind-from.js';

/** Gives every relation of `side` (the nullable side of an outer join) a marker column. */
export function markNullExtended(bind: BindContext, side: BoundFrom): BoundFrom {
  const present = new Set(side.plan.output.map((c) => c.id));
  let added: OutputColumn | undefined;
  const relations = side.relations.map((relation) => {
    if (relation.marker !== undefined || relation.joinAlias) return relation;
    const tableoid = relation.columns.find((c) => c.system && c.attnum === TABLEOID_COLUMN_ID && present.has(c.id));
    if (tableoid) return { ...relation, marker: tableoid };
    added ??= { id: bind.newId(), name: '?present?', type: T.bool, tableOid: 0, attnum: 0 };
    return { ...relation, marker: added };
  });
  if (!added) return side.relations.some((r, i) => r !== relations[i]) ? { plan: side.plan, relations } : side;
  return { plan: withConstant(side.plan, added), relations };
}

/**
 * `plan` with one more output column, constant true: appended to the nearest projection when
 * only row-preserving nodes lie above it (so pruning can drop it again), else in a new one.
 */
function withConstant(plan: LogicalPlan, column: OutputColumn): LogicalPlan {
  const value: BoundExpr = { kind: 'Constant', type: T.bool, value: true };
  switch (plan.kind) {
    case 'Project':
      return { ...plan, exprs: [...plan.exprs, value], output: [...plan.output, column] };
    case 'Filter': case 'Sort': case 'TopN': case 'Limit': case 'Distinct': {
      const input = withConstant(plan.input, column);
      return { ...plan, input, output: input.output } as LogicalPlan;
    }
    default:
      return {
        kind: 'Project', input: plan,
        exprs: [...plan.output.map((c): BoundExpr => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name })), value],
        output: [...plan.output, column],
      };
  }
}
