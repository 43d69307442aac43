/**
 * CHECK enforcement for INSERT/UPDATE/COPY: the table's CHECK expressions (bound by the planner
 * over the full new row) are evaluated a batch of rows at a time; a row for which one is FALSE
 * is 23514 (NULL passes, as in PostgreSQL). Constraints are tried in name order, as PostgreSQL
 * does, so the first violated name is the one reported. A view's CHECK OPTION (written through
 * the view) comes after them, innermost view first: 44000 naming the view.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { RowChecks } from '../../planner/logical/logical-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import { formatText } from '../../types/text-codec.js';
import type { Row } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import { layoutOf } from '../physical-operator.js';

/** Rows buffered by `add` before they are checked together. */
const ROWS_PER_CHECK = 1024;

export class CheckConstraintChecker {
  private pending: Row[] = [];

  private constructor(
    private readonly table: StoredTable,
    private readonly checks: readonly { readonly name: string; readonly expr: CompiledExpr; readonly view?: string }[],
  ) {}

  /** A checker for the plan's CHECK constraints, or undefined when the table has none. */
  static forPlan(table: StoredTable, checks: RowChecks | undefined): CheckConstraintChecker | undefined {
    if (!checks || checks.checks.length === 0) return undefined;
    const layout = layoutOf(checks.rowColumns.map((c) => c.id));
    const compiled = checks.checks.filter((c) => !c.view).map((c) => ({ name: c.name, expr: compileExpr(c.expr, layout) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const views = checks.checks.filter((c) => c.view).map((c) => ({ name: c.name, view: c.view, expr: compileExpr(c.expr, layout) }));
    return new CheckConstraintChecker(table, [...compiled, ...views]);
  }

  /** Checks `rows` (table column order) now. */
  async check(rows: readonly Row[], ctx: ExecContext): Promise<void> {
    if (rows.length === 0) return;
    const results = [];
    for (const { expr } of this.checks) results.push(await expr(rows, ctx));
    // PostgreSQL checks row by row, each row's constraints in name order: report the first row.
    for (let r = 0; r < rows.length; r++) {
      const failed = results.findIndex((values) => values[r] === false);
      if (failed >= 0) throw this.violation(this.checks[failed]!, rows[r]!, ctx);
    }
  }

  /** Buffers a row; returns a promise only when the buffer is full and was checked. */
  add(row: Row, ctx: ExecContext): Promise<void> | undefined {
    this.pending.push(row);
    return this.pending.length >= ROWS_PER_CHECK ? this.flush(ctx) : undefined;
  }

  /** Checks the buffered rows. */
  flush(ctx: ExecContext): Promise<void> {
    const rows = this.pending;
    this.pending = [];
    return this.check(rows, ctx);
  }

  private violation(check: { readonly name: string; readonly view?: string }, row: Row, ctx: ExecContext): SqlError {
    const { name, view } = check;
    const cells = row.map((v, c) => (v === null ? 'null' : formatText(v, this.table.columns[c]!.type, ctx.textOptions)));
    if (view) {
      return new SqlError(SQLSTATE.WithCheckOptionViolation, `new row violates check option for view "${view}"`,
        { detail: `Failing row contains (${cells.join(', ')}).` });
    }
    return new SqlError(SQLSTATE.CheckViolation, `new row for relation "${this.table.name}" violates check constraint "${name}"`,
      { detail: `Failing row contains (${cells.join(', ')}).`, table: this.table.name, constraint: name });
  }
}
