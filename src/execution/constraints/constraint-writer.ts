/**
 * One writing statement's constraint checks on one table's new rows — NOT NULL, CHECK, unique
 * keys and foreign keys — set up once, for INSERT (partition/table-append.ts), COPY FROM
 * (copy/run-copy-from.ts, also ThanoSQL's if_exists='append') and UPDATE
 * (commands/rewrite-table.ts). Rows come in batches (`validate`) or one at a time with the
 * CHECKs batched (`validateLater`, COPY's row path), so a row-batch reader can use either.
 *
 * Two modes, because the statements see the table differently:
 * - `append`: new rows join the table's rows; each new key is checked against the table's
 *   keys (read once) as it comes.
 * - `rewrite`: row groups are rewritten (UPDATE); unique keys are checked once over the final
 *   rows — the kept groups plus the rewritten rows — so `SET id = id + 1` over consecutive ids
 *   succeeds (unlike PostgreSQL's per-row check; see rewrite-table.ts).
 */
import type { RowChecks } from '../../planner/logical/logical-plan.js';
import type { RowGroupRef, StoredTable } from '../../storage/storage-api.js';
import type { Row } from '../../types/value.js';
import { CheckConstraintChecker } from '../commands/check-constraint-check.js';
import { ForeignKeyChecker } from '../commands/foreign-key-check.js';
import { checkNotNull } from '../commands/table-rows.js';
import { UniqueChecker } from '../commands/unique-check.js';
import type { ExecContext } from '../exec-context.js';

export type ConstraintMode = 'append' | 'rewrite';

export class ConstraintWriter {
  /** `rewrite`: the rows of rewritten groups, in write order, for the closing unique check. */
  private readonly rewritten: Row[] = [];

  private constructor(
    readonly table: StoredTable,
    private readonly mode: ConstraintMode,
    private readonly unique: UniqueChecker | undefined,
    private readonly foreign: ForeignKeyChecker | undefined,
    private readonly checks: CheckConstraintChecker | undefined,
  ) {}

  /** The checks of `table` for one statement; `checks` are the plan's bound CHECK constraints. */
  static open(table: StoredTable, checks: RowChecks | undefined, ctx: ExecContext, mode: ConstraintMode): ConstraintWriter {
    const unique = UniqueChecker.forTable(table, ctx);
    if (mode === 'append') unique?.seed(table.rowGroups);
    return new ConstraintWriter(table, mode, unique, ForeignKeyChecker.forTable(table, ctx), CheckConstraintChecker.forPlan(table, checks));
  }

  /** Whether some check reads the new rows (unique, foreign keys, CHECK); NOT NULL alone does not. */
  get readsRows(): boolean {
    return this.unique !== undefined || this.foreign !== undefined || this.checks !== undefined;
  }

  /** NOT NULL, then CHECK constraints, for new rows in the table's column order (23502 / 23514). */
  async validate(rows: readonly Row[], ctx: ExecContext): Promise<void> {
    for (const row of rows) checkNotNull(this.table, row, ctx);
    await this.checks?.check(rows, ctx);
  }

  /**
   * CHECK constraints for one new row whose NOT NULLs its builder checked (COPY), buffered into
   * batches: returns a promise only when a batch was checked; `settle` checks the rest.
   */
  validateLater(row: Row, ctx: ExecContext): Promise<void> | undefined {
    return this.checks?.add(row, ctx);
  }

  /** A validated new row: its unique key (23505 at once in `append` mode) and foreign keys are recorded. */
  keep(row: Row): void {
    if (this.mode === 'append') this.unique?.add(row);
    else if (this.unique) this.rewritten.push(row);
    this.foreign?.add(row);
  }

  /** `rewrite`: a row carried unchanged into a rewritten group (its key still counts for uniqueness). */
  carry(row: Row): void {
    if (this.unique) this.rewritten.push(row);
  }

  /**
   * Before the table's new row groups are published: the buffered CHECKs, and in `rewrite` mode
   * the unique keys of the final rows (`kept`: the groups left as they were).
   */
  async settle(ctx: ExecContext, kept: readonly RowGroupRef[] = []): Promise<void> {
    await this.checks?.flush(ctx);
    if (this.mode === 'rewrite' && this.unique && this.rewritten.length > 0) {
      this.unique.seed(kept);
      for (const row of this.rewritten) this.unique.add(row);
    }
  }

  /** After the table is replaced: the new rows' foreign keys against the referenced tables (23503). */
  finish(): void {
    this.foreign?.finish();
  }
}
