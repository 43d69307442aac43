/**
 * UPDATE and DELETE by copy-on-write: each row group is read whole; groups with no affected
 * row are kept as they are; the others are rewritten through a RowGroupWriter and replaced
 * in one `replaceTable` with the old groups dropped. Yields RETURNING rows. UPDATE checks unique
 * keys once, over the final rows (kept groups + rewritten rows): unlike PostgreSQL's per-row
 * check, `SET id = id + 1` over consecutive ids succeeds here. Foreign keys are checked after
 * the table is replaced: new keys of updated rows (foreign-key-check.ts), and keys that deleted
 * or updated rows took away from tables referencing this one (referenced-key-guard.ts).
 */
import type { LogicalDelete, LogicalUpdate } from '../../planner/logical/logical-plan.js';
import type { RowGroupRef } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { collectRows, layoutOf } from '../physical-operator.js';
import { buildOperator } from '../physical-planner.js';
import type { CommandResult } from '../statement-api.js';
import { CheckConstraintChecker } from './check-constraint-check.js';
import { ForeignKeyChecker, foreignKeyOf } from './foreign-key-check.js';
import { enforceReferencedKeys, referencedPositions } from './referenced-key-guard.js';
import { checkNotNull, currentTable } from './table-rows.js';
import { UniqueChecker } from './unique-check.js';

type Command = LogicalUpdate | LogicalDelete;

export async function* runRewrite(plan: Command, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const table = currentTable(ctx, plan.table);
  const fromOp = plan.kind === 'Update' && plan.from ? buildOperator(plan.from) : undefined;
  const fromRows = fromOp ? await collectRows(fromOp, ctx) : undefined;
  const ids = [...plan.rowColumns.map((c) => c.id), ...(fromOp?.columnIds ?? [])];
  const layout = layoutOf(ids);
  const predicate = plan.predicate ? compileExpr(plan.predicate, layout) : undefined;
  const assignments = plan.kind === 'Update' ? plan.assignments.map((a) => ({ column: a.column, expr: compileExpr(a.expr, layout) })) : [];
  const returning = plan.returning?.exprs.map((e) => compileExpr(e, layout));
  const writer = ctx.run.txn.writer(table, table.columns);
  const kept: RowGroupRef[] = [];
  const dropped: RowGroupRef[] = [];
  const columnIds = table.columns.map((c) => c.id);
  const unique = plan.kind === 'Update' ? UniqueChecker.forTable(table, ctx) : undefined;
  const foreign = plan.kind === 'Update' ? ForeignKeyChecker.forTable(table, ctx) : undefined;
  const checks = plan.kind === 'Update' ? CheckConstraintChecker.forPlan(table, plan.checks) : undefined;
  const referenced = [...referencedPositions(table, ctx)];
  /** Old rows whose referenced key may have gone (deleted, or updated in a referenced column). */
  const removed: Row[] = [];
  const written: Row[] = [];
  const append = (row: Row) => {
    writer.append(row);
    if (unique) written.push(row);
  };
  let count = 0;
  for (const group of table.rowGroups) {
    const rows: Row[] = [];
    for (const batch of ctx.run.txn.scan({ ...table, rowGroups: [group] }, columnIds)) {
      for (let r = 0; r < batch.rowCount; r++) rows.push(batch.columns.map((c) => c[r]!));
    }
    await batchTick(ctx);
    // Each target row paired with its first matching FROM row (UPDATE … FROM), or alone.
    const candidates: Row[] = [];
    const matched: boolean[] = [];
    for (const row of rows) {
      if (!fromRows) {
        candidates.push(row);
        continue;
      }
      const pairs = fromRows.map((f) => [...row, ...f]);
      const keep = predicate ? await predicate(pairs, ctx) : pairs.map(() => true);
      const first = keep.findIndex((k) => k === true);
      candidates.push(first >= 0 ? pairs[first]! : row);
      matched.push(first >= 0);
    }
    const hits = fromRows ? matched : predicate ? (await predicate(candidates, ctx)).map((v) => v === true) : candidates.map(() => true);
    const affected = candidates.filter((_, i) => hits[i]);
    if (affected.length === 0) {
      kept.push(group);
      continue;
    }
    count += affected.length;
    dropped.push(group);
    let outputRows: Row[] = affected;
    const newValues: Value[][] = [];
    for (const a of assignments) newValues.push(await a.expr(affected, ctx));
    let hit = 0;
    for (let i = 0; i < rows.length; i++) {
      if (!hits[i]) { append(rows[i]!); continue; }
      if (plan.kind === 'Delete') {
        if (referenced.length > 0) removed.push(rows[i]!);
        continue;
      }
      const updated = rows[i]!.slice();
      assignments.forEach((a, k) => { updated[a.column] = newValues[k]![hit]!; });
      checkNotNull(table, updated, ctx);
      foreign?.add(updated, rows[i]!);
      if (referenced.some((p) => foreignKeyOf(rows[i]!, [p]) !== foreignKeyOf(updated, [p]))) removed.push(rows[i]!);
      append(updated);
      outputRows[hit] = [...updated, ...candidates[i]!.slice(table.columns.length)];
      hit++;
    }
    if (plan.kind === 'Update') {
      outputRows = outputRows.slice(0, hit);
      await checks?.check(outputRows.map((r) => r.slice(0, table.columns.length)), ctx);
    }
    if (returning) {
      const columns: Value[][] = [];
      for (const c of returning) columns.push(await c(outputRows, ctx));
      yield outputRows.map((_, r) => columns.map((c) => c[r]!));
    }
  }
  if (unique && written.length > 0) {
    unique.seed(kept);
    for (const row of written) unique.add(row);
  }
  const groups = writer.finish();
  ctx.run.txn.replaceTable({ ...table, rowGroups: [...kept, ...groups] }, dropped);
  foreign?.finish();
  await enforceReferencedKeys(table.id, removed, plan.kind === 'Update' ? 'update' : 'delete', ctx);
  return { tag: `${plan.kind === 'Update' ? 'UPDATE' : 'DELETE'} ${count}` };
}
