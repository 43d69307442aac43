/**
 * INSERT … ON CONFLICT DO NOTHING / DO UPDATE. Each proposed row (NOT NULL and CHECK checked
 * first, as PostgreSQL does) is looked up in the arbiter indexes (conflict-arbiter.ts): without
 * a conflict it is inserted; with one it is skipped (DO NOTHING, or DO UPDATE whose WHERE is not
 * true) or the existing row takes DO UPDATE's SET, computed over that row and `excluded`. A row
 * the statement already inserted or updated cannot be updated again (21000, PostgreSQL's words).
 *
 * The changes are published together as one copy-on-write rewrite (rewrite-table.ts's way): the
 * row groups holding updated rows are rewritten, the inserted rows appended, and unique keys
 * checked once over the final rows (a non-arbiter unique index still gives 23505). Two sessions
 * inserting the same key concurrently cannot both commit it: the commit's merge re-checks unique
 * keys against rows added concurrently (catalog/merge-concurrent-writes.ts).
 *
 * Triggers: INSERT's BEFORE ROW triggers see each proposed row before its conflict check, DO
 * UPDATE's BEFORE UPDATE ones the existing row and its update; AFTER ROW events of both fire
 * once the rows are published.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalInsert, LogicalOnConflict } from '../../planner/logical/logical-plan.js';
import type { RowGroupRef, StoredTable } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import { ConstraintWriter } from '../constraints/constraint-writer.js';
import { reserveMemory, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf } from '../physical-operator.js';
import type { CommandResult } from '../statement-api.js';
import { ConflictArbiter, INSERTED, type RowLocation } from './conflict-arbiter.js';
import { foreignKeyOf } from './foreign-key-check.js';
import { proposedRows } from './proposed-rows.js';
import { enforceReferencedKeys, referencedPositions } from './referenced-key-guard.js';
import { currentTable } from './table-rows.js';
import { assertUnchangedByTriggers, runAfterRowQueue, TableTriggers, type AfterRowQueue } from '../triggers/table-triggers.js';

/** Runs the INSERT; yields RETURNING rows (inserted and updated, in the order they were handled). */
export async function* runInsertOnConflict(plan: LogicalInsert, conflict: LogicalOnConflict,
  ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const table = currentTable(ctx, plan.table);
  const arbiter = await ConflictArbiter.open(table, conflict.arbiters, ctx);
  const constraints = ConstraintWriter.open(table, plan.checks, ctx, 'rewrite');
  const stored = new StoredRows(table, ctx);
  const pairLayout = layoutOf([...plan.rowColumns.map((c) => c.id), ...conflict.excluded.map((c) => c.id)]);
  const where = conflict.where ? compileExpr(conflict.where, pairLayout) : undefined;
  const sets = conflict.assignments.map((a) => ({ column: a.column, expr: compileExpr(a.expr, pairLayout) }));
  const tableoidId = plan.returning?.tableoidId;
  const returning = plan.returning?.exprs.map((e) => compileExpr(e,
    layoutOf([...plan.rowColumns.map((c) => c.id), ...(tableoidId !== undefined ? [tableoidId] : [])])));
  const referenced = [...referencedPositions(table, ctx)];
  const inserted: Row[] = [];
  /** Old versions of updated rows whose referenced key changed (referenced-key-guard.ts). */
  const removed: Row[] = [];
  let count = 0;
  // PostgreSQL fires INSERT's statement triggers, and DO UPDATE's UPDATE ones (BEFORE: INSERT first; AFTER: UPDATE first).
  const queue: AfterRowQueue = [];
  const insertTriggers = TableTriggers.open(table, 'insert', ctx, queue);
  const updateTriggers = conflict.action === 'update'
    ? TableTriggers.open(table, 'update', ctx, queue, new Set(sets.map((set) => table.columns[set.column]!.id))) : undefined;
  await insertTriggers?.beforeStatement();
  await updateTriggers?.beforeStatement();
  for await (const proposed of proposedRows(plan, table, ctx)) {
    const rows = insertTriggers?.hasBeforeRow ? await insertTriggers.beforeInsertRows(proposed) : proposed;
    await constraints.validate(rows, ctx);
    const handled: Row[] = [];
    for (const row of rows) {
      const at = arbiter.find(row);
      if (!at) {
        arbiter.add(row, { group: INSERTED, row: inserted.length });
        inserted.push(row);
        handled.push(row);
        insertTriggers?.afterRow(row, null);
        continue;
      }
      if (conflict.action === 'nothing') continue;
      if (at.group === INSERTED || stored.isUpdated(at)) throw secondUpdate();
      const existing = await stored.row(at);
      const pair = [[...existing, ...row]];
      if (where && (await where(pair, ctx))[0] !== true) continue;
      let next: Row | null = existing.slice();
      for (const set of sets) next[set.column] = (await set.expr(pair, ctx))[0]!;
      if (updateTriggers?.hasBeforeRow) next = await updateTriggers.beforeRow(next, existing);
      if (!next) continue;
      updateTriggers?.afterRow(next, existing);
      await constraints.validate([next], ctx);
      arbiter.remove(existing, at);
      arbiter.add(next, at);
      stored.update(at, next);
      if (referenced.some((p) => foreignKeyOf(existing, [p]) !== foreignKeyOf(next, [p]))) removed.push(existing);
      handled.push(next);
    }
    count += handled.length;
    if (returning && handled.length > 0) {
      const seen = tableoidId === undefined ? handled : handled.map((row) => [...row, table.oid]);
      const columns: Value[][] = [];
      for (const c of returning) columns.push(await c(seen, ctx));
      yield seen.map((_, r) => columns.map((c) => c[r]!));
    }
  }
  arbiter.release();
  if (insertTriggers?.hasBeforeRow || updateTriggers?.hasBeforeRow) assertUnchangedByTriggers(table, ctx);
  await publish(table, stored, inserted, constraints, ctx);
  stored.release();
  await enforceReferencedKeys(table.id, removed, 'update', ctx);
  await runAfterRowQueue(queue);
  await updateTriggers?.afterStatement();
  await insertTriggers?.afterStatement();
  return { tag: `INSERT 0 ${count}` };
}

/** 21000: a row the statement inserted or updated is the conflicting row of a later proposed row. */
function secondUpdate(): SqlError {
  return new SqlError(SQLSTATE.CardinalityViolation, 'ON CONFLICT DO UPDATE command cannot affect row a second time', {
    hint: 'Ensure that no rows proposed for insertion within the same command have duplicate constrained values.',
  });
}

/** Rewrites the groups holding updated rows, appends the inserted rows, checks keys and publishes. */
async function publish(table: StoredTable, stored: StoredRows, inserted: readonly Row[], constraints: ConstraintWriter,
  ctx: ExecContext): Promise<void> {
  const writer = ctx.run.txn.writer(table, table.columns);
  const kept: RowGroupRef[] = [];
  const dropped: RowGroupRef[] = [];
  table.rowGroups.forEach((group, g) => {
    const rows = stored.rewritten(g);
    if (!rows) {
      kept.push(group);
      return;
    }
    dropped.push(group);
    rows.forEach((row, r) => {
      if (stored.isUpdated({ group: g, row: r })) constraints.keep(row);
      else constraints.carry(row);
      writer.append(row);
    });
  });
  for (const row of inserted) {
    constraints.keep(row);
    writer.append(row);
  }
  if (inserted.length === 0 && dropped.length === 0) {
    writer.discard();
    return;
  }
  await constraints.settle(ctx, kept);
  ctx.run.txn.replaceTable({ ...table, rowGroups: [...kept, ...writer.finish()] }, dropped);
  if (dropped.length > 0) ctx.modifyingWith?.rewritten.add(table.id);
  constraints.finish();
}

/** The stored rows DO UPDATE reads and changes: a row group is read whole the first time one of its rows is. */
class StoredRows {
  private readonly groups = new Map<number, Row[]>();
  private readonly updated = new Map<number, Set<number>>();
  private readonly memory;

  constructor(private readonly table: StoredTable, private readonly ctx: ExecContext) {
    this.memory = reserveMemory(ctx, 'INSERT … ON CONFLICT DO UPDATE');
  }

  async row(at: RowLocation): Promise<Row> {
    let rows = this.groups.get(at.group);
    if (!rows) {
      rows = [];
      const columnIds = this.table.columns.map((c) => c.id);
      for (const batch of this.ctx.run.txn.scan({ ...this.table, rowGroups: [this.table.rowGroups[at.group]!] }, columnIds)) {
        for (let r = 0; r < batch.rowCount; r++) rows.push(batch.columns.map((c) => c[r]!));
      }
      this.memory.addRows(rows);
      this.groups.set(at.group, rows);
    }
    return rows[at.row]!;
  }

  isUpdated(at: RowLocation): boolean {
    return this.updated.get(at.group)?.has(at.row) ?? false;
  }

  update(at: RowLocation, row: Row): void {
    this.groups.get(at.group)![at.row] = row;
    let rows = this.updated.get(at.group);
    if (!rows) this.updated.set(at.group, (rows = new Set()));
    rows.add(at.row);
  }

  /** The rows of group `g` (updated ones in their new version) when one was updated. */
  rewritten(g: number): readonly Row[] | undefined {
    return this.updated.has(g) ? this.groups.get(g) : undefined;
  }

  release(): void {
    this.memory.release();
  }
}
