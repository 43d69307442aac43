/**
 * Reading and rewriting the rows a table already holds, for ALTER TABLE actions that check them
 * (a new constraint, SET NOT NULL, VALIDATE CONSTRAINT) or convert them (ALTER COLUMN TYPE, ADD
 * COLUMN with a default). A row group at a time, ticking between groups so a long check can be
 * cancelled and never blocks the thread.
 */
import type { RowExpr } from '../../../planner/index.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { Row, Value } from '../../../types/value.js';
import { batchTick, type ExecContext } from '../../exec-context.js';
import { compileExpr } from '../../expression/compile-expr.js';
import { layoutOf } from '../../physical-operator.js';

/** Every stored row of `table` (all its columns, table order), one row group's rows per batch. */
export async function* storedRows(table: StoredTable, ctx: ExecContext): AsyncGenerator<Row[]> {
  const columnIds = table.columns.map((c) => c.id);
  for (const group of table.rowGroups) {
    const rows: Row[] = [];
    for (const batch of ctx.run.txn.scan({ ...table, rowGroups: [group] }, columnIds)) {
      for (let r = 0; r < batch.rowCount; r++) rows.push(batch.columns.map((c) => c[r]!));
    }
    await batchTick(ctx);
    if (rows.length > 0) yield rows;
  }
}

/** True when some row group holds a row. */
export function hasRows(table: StoredTable): boolean {
  return table.rowGroups.some((g) => g.rowCount > 0);
}

/** The first stored row (table order) for which `expr` is FALSE (NULL passes, as CHECK does), or undefined. */
export async function firstRowFailing(table: StoredTable, condition: RowExpr, ctx: ExecContext): Promise<Row | undefined> {
  const evaluate = compileExpr(condition.expr, layoutOf(condition.row.map((c) => c.id)));
  for await (const rows of storedRows(table, ctx)) {
    const values = await evaluate(rows, ctx);
    const at = values.findIndex((v) => v === false);
    if (at >= 0) return rows[at];
  }
  return undefined;
}

/** True when some stored row has NULL in the column at `position`. */
export async function someNull(table: StoredTable, position: number, ctx: ExecContext): Promise<boolean> {
  for await (const rows of storedRows(table, ctx)) {
    if (rows.some((row) => row[position] === null)) return true;
  }
  return false;
}

/**
 * `next` holding every row of `table` transformed by `map` (a batch at a time; rows in `next`'s
 * column order), its row groups newly staged. The old groups are freed at commit.
 */
export async function rewriteRows(
  table: StoredTable, next: StoredTable, map: (rows: Row[]) => Promise<readonly (readonly Value[])[]>, ctx: ExecContext,
): Promise<StoredTable> {
  const writer = ctx.run.txn.writer(next, next.columns);
  for await (const rows of storedRows(table, ctx)) {
    for (const row of await map(rows)) writer.append(row);
  }
  return { ...next, rowGroups: writer.finish() };
}
