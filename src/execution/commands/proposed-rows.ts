/**
 * The rows an INSERT proposes: its source's rows as full table rows, with the defaults of the
 * columns it does not list (run-insert.ts stores them, run-insert-on-conflict.ts arbitrates them).
 */
import type { LogicalInsert } from '../../planner/logical/logical-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { buildOperator } from '../physical-planner.js';

/** The source's rows as full table rows (table column order), defaults filled in for unlisted columns. */
export async function* proposedRows(plan: LogicalInsert, table: StoredTable, ctx: ExecContext): AsyncGenerator<Row[], void, void> {
  const source = buildOperator(plan.input);
  const targetIndex = new Map(plan.targets.map((c, i) => [c.id, i]));
  const defaults = new Map([...plan.defaults].map(([id, e]) => [id, compileExpr(e, new Map())]));
  for await (const batch of source.execute(ctx)) {
    const defaultValues = new Map<number, Value[]>();
    for (const [id, compiled] of defaults) defaultValues.set(id, await compiled(batch, ctx));
    yield batch.map((input, r) => table.columns.map((column) => {
      const index = targetIndex.get(column.id);
      if (index !== undefined) return input[index]!;
      return defaultValues.get(column.id)?.[r] ?? null;
    }));
  }
}
