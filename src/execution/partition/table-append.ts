/**
 * Appending rows to one table within a write statement, with the table's own constraints (NOT
 * NULL, CHECK bound for this table's row, unique keys, foreign keys: constraints/
 * constraint-writer.ts); staged through a RowGroupWriter and published by `finish` (one
 * `replaceTable`, only if rows were added, so a statement that routes no row to a partition
 * does not touch it).
 */
import type { RowChecks } from '../../planner/logical/logical-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { Row } from '../../types/value.js';
import { ConstraintWriter } from '../constraints/constraint-writer.js';
import type { ExecContext } from '../exec-context.js';

export class TableAppend {
  private readonly writer;
  private readonly constraints;
  private added = 0;

  constructor(readonly table: StoredTable, checks: RowChecks | undefined, ctx: ExecContext) {
    this.writer = ctx.run.txn.writer(table, table.columns);
    this.constraints = ConstraintWriter.open(table, checks, ctx, 'append');
  }

  /** NOT NULL, then CHECK constraints, for rows in this table's column order (23502 / 23514). */
  validate(rows: readonly Row[], ctx: ExecContext): Promise<void> {
    return this.constraints.validate(rows, ctx);
  }

  /** Stages validated rows (unique and foreign keys are checked as they come, and at `finish`). */
  store(rows: readonly Row[]): void {
    for (const row of rows) {
      this.constraints.keep(row);
      this.writer.append(row);
    }
    this.added += rows.length;
  }

  /** Publishes the staged rows; the foreign keys are checked once the table is replaced. */
  finish(ctx: ExecContext): void {
    if (this.added === 0) {
      this.writer.discard();
      return;
    }
    const current = ctx.run.txn.getTableById(this.table.id) ?? this.table;
    ctx.run.txn.replaceTable({ ...current, rowGroups: [...current.rowGroups, ...this.writer.finish()] }, []);
    this.constraints.finish();
  }
}
