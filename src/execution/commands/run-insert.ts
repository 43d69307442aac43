/**
 * INSERT: streams the source rows, fills defaults for unlisted columns, checks NOT NULL,
 * checks CHECK constraints (check-constraint-check.ts), unique keys (unique-check.ts) and foreign keys (foreign-key-check.ts), stages the rows with a RowGroupWriter and appends the
 * new row groups to the table.
 * Yields RETURNING rows; tag `INSERT 0 n`.
 */
import type { LogicalInsert } from '../../planner/logical/logical-plan.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf } from '../physical-operator.js';
import { buildOperator } from '../physical-planner.js';
import type { CommandResult } from '../statement-api.js';
import { CheckConstraintChecker } from './check-constraint-check.js';
import { ForeignKeyChecker } from './foreign-key-check.js';
import { checkNotNull, currentTable } from './table-rows.js';
import { UniqueChecker } from './unique-check.js';

export async function* runInsert(plan: LogicalInsert, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const table = currentTable(ctx, plan.table);
  const source = buildOperator(plan.input);
  const targetIndex = new Map(plan.targets.map((c, i) => [c.id, i]));
  const defaults = new Map([...plan.defaults].map(([id, e]) => [id, compileExpr(e, new Map())]));
  const returning = plan.returning?.exprs.map((e) => compileExpr(e, layoutOf(plan.rowColumns.map((c) => c.id))));
  const writer = ctx.run.txn.writer(table, table.columns);
  const unique = UniqueChecker.forTable(table, ctx);
  unique?.seed(table.rowGroups);
  const foreign = ForeignKeyChecker.forTable(table, ctx);
  const checks = CheckConstraintChecker.forPlan(table, plan.checks);
  let count = 0;
  for await (const batch of source.execute(ctx)) {
    const defaultValues = new Map<number, Value[]>();
    for (const [id, compiled] of defaults) defaultValues.set(id, await compiled(batch, ctx));
    const rows: Row[] = batch.map((input, r) => table.columns.map((column) => {
      const index = targetIndex.get(column.id);
      if (index !== undefined) return input[index]!;
      return defaultValues.get(column.id)?.[r] ?? null;
    }));
    for (const row of rows) checkNotNull(table, row, ctx);
    await checks?.check(rows, ctx);
    for (const row of rows) {
      unique?.add(row);
      foreign?.add(row);
      writer.append(row);
    }
    count += rows.length;
    if (returning) {
      const columns: Value[][] = [];
      for (const c of returning) columns.push(await c(rows, ctx));
      yield rows.map((_, r) => columns.map((c) => c[r]!));
    }
  }
  const groups = writer.finish();
  ctx.run.txn.replaceTable({ ...table, rowGroups: [...table.rowGroups, ...groups] }, []);
  foreign?.finish();
  return { tag: `INSERT 0 ${count}` };
}
