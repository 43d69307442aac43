/**
 * INSERT: streams the source rows, fills defaults for unlisted columns, checks NOT NULL,
 * CHECK constraints (check-constraint-check.ts), unique keys (unique-check.ts) and foreign
 * keys (foreign-key-check.ts), stages the rows with a RowGroupWriter and appends the new row
 * groups to the table (partition/table-append.ts). A partitioned target routes each row to
 * its partition, a partition checks its partition constraint (partition/partitioned-append.ts).
 * BEFORE ROW triggers may change or skip each row before the checks, AFTER ROW and STATEMENT
 * triggers fire once the rows are stored (triggers/table-triggers.ts).
 * Yields RETURNING rows; tag `INSERT 0 n`. ON CONFLICT runs in run-insert-on-conflict.ts.
 */
import type { LogicalInsert } from '../../planner/logical/logical-plan.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf } from '../physical-operator.js';
import { PartitionedAppend, type AppendedRows } from '../partition/partitioned-append.js';
import { TableAppend } from '../partition/table-append.js';
import type { CommandResult } from '../statement-api.js';
import { proposedRows } from './proposed-rows.js';
import { runInsertOnConflict } from './run-insert-on-conflict.js';
import { currentTable } from './table-rows.js';
import { runAfterRowQueue, TableTriggers, type AfterRowQueue } from '../triggers/table-triggers.js';

/** Where INSERT's rows go: the table itself, or its partitions. */
interface RowSink {
  /** Stores the rows; gives those stored (a partition's triggers may change or skip them) and their tables' OIDs (`tableoid`). */
  append(rows: readonly Row[], ctx: ExecContext): Promise<AppendedRows>;
  finish(ctx: ExecContext): void;
}

export async function* runInsert(plan: LogicalInsert, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  if (plan.onConflict) return yield* runInsertOnConflict(plan, plan.onConflict, ctx);
  const table = currentTable(ctx, plan.table);
  const tableoidId = plan.returning?.tableoidId;
  const layout = layoutOf([...plan.rowColumns.map((c) => c.id), ...(tableoidId !== undefined ? [tableoidId] : [])]);
  const returning = plan.returning?.exprs.map((e) => compileExpr(e, layout));
  const queue: AfterRowQueue = [];
  const triggers = TableTriggers.open(table, 'insert', ctx, queue);
  await triggers?.beforeStatement();
  const sink: RowSink = table.view ? viewSink(table, triggers) : plan.partitions
    ? new PartitionedAppend(table, plan.partitions, plan.checks, ctx, queue)
    : plainSink(new TableAppend(table, plan.checks, ctx));
  let count = 0;
  for await (const proposed of proposedRows(plan, table, ctx)) {
    const given = table.view ? await triggers!.insteadRows(proposed)
      : triggers?.hasBeforeRow ? await triggers.beforeInsertRows(proposed) : proposed;
    if (given.length === 0) continue;
    const { rows, oids } = await sink.append(given, ctx);
    if (triggers?.hasAfterRow) for (const row of rows) triggers.afterRow(row, null);
    count += rows.length;
    if (returning) {
      const seen = tableoidId === undefined ? rows : rows.map((row, r) => [...row, oids[r]!]);
      const columns: Value[][] = [];
      for (const c of returning) columns.push(await c(seen, ctx));
      yield rows.map((_, r) => columns.map((c) => c[r]!));
    }
  }
  sink.finish(ctx);
  await runAfterRowQueue(queue);
  await triggers?.afterStatement();
  return { tag: `INSERT 0 ${count}` };
}


/** A view with an INSTEAD OF INSERT trigger (the binder made it the target): the trigger took the rows. */
function viewSink(view: StoredTable, triggers: TableTriggers | undefined): RowSink {
  if (!triggers?.hasInstead) {
    throw new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, `cannot insert into view "${view.name}"`,
      { hint: 'To enable inserting into the view, provide an INSTEAD OF INSERT trigger or an unconditional ON INSERT DO INSTEAD rule.' });
  }
  return { append: async (rows) => ({ rows, oids: rows.map(() => view.oid) }), finish: () => undefined };
}

function plainSink(append: TableAppend): RowSink {
  return {
    async append(rows, ctx) {
      await append.validate(rows, ctx);
      append.store(rows);
      return { rows, oids: rows.map(() => append.table.oid) };
    },
    finish: (ctx) => append.finish(ctx),
  };
}
