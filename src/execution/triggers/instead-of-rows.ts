/**
 * UPDATE / DELETE of a view with an INSTEAD OF trigger: the view's rows (the binder's
 * `viewRows` plan) that the statement's WHERE (and USING / FROM) reach are handed, one at a
 * time, to the trigger as OLD (and, for UPDATE, NEW: OLD with the SET values); the statement
 * counts the rows the trigger returned non-NULL for, and RETURNING reads NEW (UPDATE) or OLD.
 * The view's statement-level triggers fire around it.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalDelete, LogicalUpdate } from '../../planner/logical/logical-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { collectRows, layoutOf } from '../physical-operator.js';
import { buildOperator } from '../physical-planner.js';
import type { CommandResult } from '../statement-api.js';
import { runAfterRowQueue, TableTriggers, type AfterRowQueue } from './table-triggers.js';

export async function* runInsteadOfRows(plan: LogicalUpdate | LogicalDelete, view: StoredTable, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const event = plan.kind === 'Update' ? 'update' : 'delete';
  const queue: AfterRowQueue = [];
  const triggers = TableTriggers.open(view, event, ctx, queue);
  if (!triggers?.hasInstead) {
    throw new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, `cannot ${event} view "${view.name}"`,
      { hint: `To enable ${event === 'update' ? 'updating' : 'deleting from'} the view, provide an INSTEAD OF ${event.toUpperCase()} trigger or an unconditional ON ${event.toUpperCase()} DO INSTEAD rule.` });
  }
  await triggers.beforeStatement();
  const fromOp = plan.from ? buildOperator(plan.from) : undefined;
  const fromRows = fromOp ? await collectRows(fromOp, ctx) : undefined;
  const width = plan.rowColumns.length;
  const layout = layoutOf([...plan.rowColumns.map((c) => c.id), ...(fromOp?.columnIds ?? [])]);
  const predicate = plan.predicate ? compileExpr(plan.predicate, layout) : undefined;
  const assignments = plan.kind === 'Update' ? plan.assignments.map((a) => ({ column: a.column, expr: compileExpr(a.expr, layout) })) : [];
  const returning = plan.returning?.exprs.map((e) => compileExpr(e, layout));
  let count = 0;
  for await (const batch of buildOperator(plan.viewRows!).execute(ctx)) {
    // Each view row with its first matching FROM / USING row, or alone.
    const candidates: Row[] = [];
    for (const row of batch) {
      if (!fromRows) { candidates.push(row); continue; }
      const pairs = fromRows.map((f) => [...row, ...f]);
      const keep = predicate ? await predicate(pairs, ctx) : pairs.map(() => true);
      const first = keep.findIndex((k) => k === true);
      if (first >= 0) candidates.push(pairs[first]!);
    }
    const hits = fromRows || !predicate ? candidates.map(() => true) : (await predicate(candidates, ctx)).map((v) => v === true);
    const affected = candidates.filter((_, i) => hits[i]);
    if (affected.length === 0) continue;
    const newValues: Value[][] = [];
    for (const a of assignments) newValues.push(await a.expr(affected, ctx));
    const done: Row[] = [];
    for (let r = 0; r < affected.length; r++) {
      const old = affected[r]!.slice(0, width);
      let next: Row | null = null;
      if (plan.kind === 'Update') {
        next = old.slice();
        assignments.forEach((a, k) => { next![a.column] = newValues[k]![r]!; });
      }
      const result = await triggers.insteadRow(next, old);
      if (result) done.push([...result, ...affected[r]!.slice(width)]);
    }
    count += done.length;
    if (returning && done.length > 0) {
      const columns: Value[][] = [];
      for (const c of returning) columns.push(await c(done, ctx));
      yield done.map((_, r) => columns.map((c) => c[r]!));
    }
  }
  await runAfterRowQueue(queue);
  await triggers.afterStatement();
  return { tag: `${plan.kind === 'Update' ? 'UPDATE' : 'DELETE'} ${count}` };
}
