/**
 * A cursor's plan with each row's store location appended as a last, hidden output column, when
 * the plan is a simply updatable scan of one table as PostgreSQL defines it for `WHERE CURRENT
 * OF` (execCurrent.c's search_plan_tree): projections, filters and LIMIT over one table scan
 * (with the tables inheriting from it), each of which hands on its input's current row. Sorts,
 * joins, aggregates, DISTINCT, set operations and set-returning functions do not, and such a
 * cursor is not updatable (55000 at the UPDATE / DELETE).
 */
import { T } from '../../types/sql-type.js';
import type { LogicalPlan, OutputColumn } from './logical-plan.js';
import { ROW_LOCATION_COLUMN_ID } from './planned-table.js';

/** The hidden column: id and output id are both ROW_LOCATION_COLUMN_ID (never a binder id, which are positive). */
const LOCATION: OutputColumn = { id: ROW_LOCATION_COLUMN_ID, name: 'ctid', type: T.text, tableOid: 0, attnum: 0 };

/** The rewritten plan and the table it scans; undefined when the plan is not a simply updatable scan. */
export interface LocatedPlan {
  readonly plan: LogicalPlan;
  /** The scanned table's id (the table UPDATE / DELETE … WHERE CURRENT OF must name). */
  readonly tableId: number;
}

export function withRowLocation(plan: LogicalPlan): LocatedPlan | undefined {
  switch (plan.kind) {
    case 'Scan': {
      if (plan.table.system || plan.columnIds.includes(ROW_LOCATION_COLUMN_ID)) return undefined;
      return {
        plan: { ...plan, columnIds: [...plan.columnIds, ROW_LOCATION_COLUMN_ID], output: [...plan.output, LOCATION] },
        tableId: plan.table.id,
      };
    }
    case 'Filter': case 'Limit': {
      const inner = withRowLocation(plan.input);
      return inner && { plan: { ...plan, input: inner.plan, output: [...plan.output, LOCATION] }, tableId: inner.tableId };
    }
    case 'Project': {
      const inner = withRowLocation(plan.input);
      if (!inner) return undefined;
      const ref = { kind: 'ColumnRef' as const, type: LOCATION.type, id: LOCATION.id, name: LOCATION.name };
      return { plan: { ...plan, input: inner.plan, exprs: [...plan.exprs, ref], output: [...plan.output, LOCATION] }, tableId: inner.tableId };
    }
    default:
      return undefined;
  }
}
