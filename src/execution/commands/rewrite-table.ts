/**
 * The copy-on-write rewrite UPDATE (run-update.ts) and DELETE (run-delete.ts) share: each row group is read whole; groups with no affected
 * row are kept as they are; the others are rewritten through a RowGroupWriter and replaced
 * in one `replaceTable` with the old groups dropped. Yields RETURNING rows. UPDATE checks unique
 * keys once, over the final rows (kept groups + rewritten rows): unlike PostgreSQL's per-row
 * check, `SET id = id + 1` over consecutive ids succeeds here. Foreign keys are checked after
 * the table is replaced: new keys of updated rows (foreign-key-check.ts), and keys that deleted
 * or updated rows took away from tables referencing this one (referenced-key-guard.ts).
 *
 * Row triggers (triggers/table-triggers.ts) fire per affected row as it is rewritten: a BEFORE
 * ROW trigger returning NULL leaves the row as it was (uncounted), one returning a row changes
 * the update; AFTER ROW and STATEMENT triggers fire once every member is rewritten.
 *
 * Over an inheritance tree (`members`) each member table is rewritten in turn, its rows seen
 * through the target's columns (matched by name). An UPDATE of a partitioned table moves a
 * row whose partition key changes to its new partition (deleted here, routed by
 * partitioned-append.ts); an UPDATE of a partition checks its partition constraint.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalDelete, LogicalUpdate } from '../../planner/logical/logical-plan.js';
import type { WriteMember } from '../../planner/logical/partition-plan.js';
import type { RowGroupRef, StoredTable } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import { collectRows, layoutOf } from '../physical-operator.js';
import { buildOperator } from '../physical-planner.js';
import { PartitionedAppend } from '../partition/partitioned-append.js';
import { PartitionConstraint, PartitionRouter, partitionConstraintViolation } from '../partition/partition-router.js';
import type { CommandResult } from '../statement-api.js';
import { ConstraintWriter } from '../constraints/constraint-writer.js';
import { foreignKeyOf } from './foreign-key-check.js';
import { enforceReferencedKeys, referencedPositions } from './referenced-key-guard.js';
import { currentTable } from './table-rows.js';
import { currentOfRow } from './current-of-row.js';
import { RowLineageRecorder } from './row-lineage.js';
import type { RowLocation } from '../../planner/logical/row-location.js';
import { assertUnchangedByTriggers, runAfterRowQueue, TableTriggers, type AfterRowQueue } from '../triggers/table-triggers.js';
import { runInsteadOfRows } from '../triggers/instead-of-rows.js';

type Command = LogicalUpdate | LogicalDelete;

/** What every member's rewrite shares: the statement's compiled expressions over the target's row. */
interface Compiled {
  readonly plan: Command;
  readonly width: number;
  readonly fromRows?: readonly Row[];
  readonly predicate?: CompiledExpr;
  readonly assignments: readonly { readonly column: number; readonly expr: CompiledExpr }[];
  readonly returning?: readonly CompiledExpr[];
  /** RETURNING reads `tableoid`: each returned row carries its table's OID last. */
  readonly withTableoid?: boolean;
  /** UPDATE of a partitioned table: where each new row belongs. */
  readonly router?: PartitionRouter;
  /** The statement's target (named by partition constraint errors). */
  readonly target: StoredTable;
  /** UPDATE of a partition (partitioned or not): the constraint new rows must satisfy. */
  readonly constraint?: PartitionConstraint;
  /** Rows leaving their partition (target's layout), to be routed once all members are done. */
  readonly moved: Row[];
  /** WHERE CURRENT OF: the one row to change (null: the cursor's row is gone, nothing changes). */
  readonly currentOf?: RowLocation | null;
}

/** Rewrites the target's (and its members') row groups for `plan`; yields RETURNING rows. */
export async function* rewriteTable(plan: Command, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const target = currentTable(ctx, plan.table);
  if (plan.viewRows) return yield* runInsteadOfRows(plan, target, ctx);
  const fromOp = plan.from ? buildOperator(plan.from) : undefined;
  const fromRows = fromOp ? await collectRows(fromOp, ctx) : undefined;
  const layout = layoutOf([...plan.rowColumns.map((c) => c.id), ...(fromOp?.columnIds ?? [])]);
  const tableoidId = plan.returning?.tableoidId;
  // RETURNING reads `tableoid` after the row's other columns.
  const returningLayout = tableoidId === undefined ? layout : new Map([...layout, [tableoidId, layout.size]]);
  const targetLayout = layoutOf(plan.rowColumns.map((c) => c.id));
  const partitions = plan.kind === 'Update' ? plan.partitions : undefined;
  const compiled: Compiled = {
    plan, target, width: target.columns.length, ...(fromRows ? { fromRows } : {}),
    ...(plan.predicate ? { predicate: compileExpr(plan.predicate, layout) } : {}),
    assignments: plan.kind === 'Update' ? plan.assignments.map((a) => ({ column: a.column, expr: compileExpr(a.expr, layout) })) : [],
    ...(plan.returning ? { returning: plan.returning.exprs.map((e) => compileExpr(e, returningLayout)) } : {}),
    ...(tableoidId !== undefined ? { withTableoid: true } : {}),
    ...(partitions?.routing ? { router: new PartitionRouter(partitions.routing, targetLayout) } : {}),
    ...(partitions && partitions.constraint.length > 0 ? { constraint: new PartitionConstraint(partitions.constraint, targetLayout) } : {}),
    moved: [],
    ...(plan.currentOf !== undefined ? { currentOf: currentOfRow(plan, plan.currentOf, ctx) } : {}),
  };
  const members = plan.members ?? [{ table: plan.table, columnMap: target.columns.map((_, i) => i), ...(plan.kind === 'Update' && plan.checks ? { checks: plan.checks } : {}) }];
  const event = plan.kind === 'Update' ? 'update' : 'delete';
  const queue: AfterRowQueue = [];
  const triggersOf = (table: StoredTable, columnMap: readonly number[]) => TableTriggers.open(table, event, ctx, queue,
    plan.kind === 'Update' ? new Set(plan.assignments.map((a) => table.columns[columnMap[a.column]!]!.id)) : undefined);
  const targetTriggers = triggersOf(target, target.columns.map((_, i) => i));
  await targetTriggers?.beforeStatement();
  let count = 0;
  for (const member of members) {
    const table = member.table.id === target.id ? target : currentTable(ctx, member.table);
    const rowTriggers = table === target ? targetTriggers : triggersOf(table, member.columnMap);
    count += yield* rewriteMember(compiled, table, member, rowTriggers, ctx);
  }
  if (compiled.moved.length > 0 && partitions) {
    const sink = new PartitionedAppend(target, partitions, undefined, ctx, queue);
    await sink.append(compiled.moved, ctx);
    sink.finish(ctx);
  }
  await runAfterRowQueue(queue);
  await targetTriggers?.afterStatement();
  return { tag: `${plan.kind === 'Update' ? 'UPDATE' : 'DELETE'} ${count}` };
}

/** Rewrites one member table; yields its RETURNING rows and returns how many rows it affected. */
async function* rewriteMember(c: Compiled, table: StoredTable, member: WriteMember, triggers: TableTriggers | undefined,
  ctx: ExecContext): AsyncGenerator<Row[], number, void> {
  const { plan, fromRows, predicate, assignments, returning } = c;
  /** A member row seen as the target's row (its columns in the target's order). */
  const view = (row: Row): Row => member.columnMap.map((i) => row[i]!);
  const isUpdate = plan.kind === 'Update';
  const writer = ctx.run.txn.writer(table, table.columns);
  const lineage = RowLineageRecorder.open(ctx, table.id);
  const kept: RowGroupRef[] = [];
  const dropped: RowGroupRef[] = [];
  const columnIds = table.columns.map((col) => col.id);
  const constraints = isUpdate ? ConstraintWriter.open(table, member.checks, ctx, 'rewrite') : undefined;
  const referenced = [...referencedPositions(table, ctx)];
  /** Old rows whose referenced key may have gone (deleted, or updated in a referenced column). */
  const removed: Row[] = [];
  /** A row of a rewritten group that the statement leaves as it was (row `index` of its group). */
  const carry = (row: Row, index: number) => {
    writer.append(row);
    lineage?.appendedFrom(index);
    constraints?.carry(row);
  };
  let count = 0;
  const visible = snapshotGroups(table, ctx);
  const only = c.currentOf;
  if (only !== undefined && only?.tableId !== table.id) {
    writer.discard();
    return 0;
  }
  for (const group of table.rowGroups) {
    if ((visible && !visible.has(group.id)) || (only && only.groupId !== group.id)) {
      kept.push(group);
      continue;
    }
    const rows: Row[] = [];
    for (const batch of ctx.run.txn.scan({ ...table, rowGroups: [group] }, columnIds)) {
      for (let r = 0; r < batch.rowCount; r++) rows.push(batch.columns.map((col) => col[r]!));
    }
    await batchTick(ctx);
    // Each target row paired with its first matching FROM row (UPDATE … FROM), or alone.
    const candidates: Row[] = [];
    const matched: boolean[] = [];
    for (const row of rows) {
      const seen = view(row);
      if (!fromRows) {
        candidates.push(seen);
        continue;
      }
      const pairs = fromRows.map((f) => [...seen, ...f]);
      const keep = predicate ? await predicate(pairs, ctx) : pairs.map(() => true);
      const first = keep.findIndex((k) => k === true);
      candidates.push(first >= 0 ? pairs[first]! : seen);
      matched.push(first >= 0);
    }
    const hits = only ? candidates.map((_, i) => i === only.index)
      : fromRows ? matched : predicate ? (await predicate(candidates, ctx)).map((v) => v === true) : candidates.map(() => true);
    const affected = candidates.filter((_, i) => hits[i]);
    if (affected.length === 0) {
      kept.push(group);
      continue;
    }
    count += affected.length;
    dropped.push(group);
    lineage?.startGroup(group.id, rows.length);
    const newValues: Value[][] = [];
    for (const a of assignments) newValues.push(await a.expr(affected, ctx));
    // New rows in the member's layout, and as the target sees them (with the FROM columns).
    const updated: Row[] = [];
    const outputRows: Row[] = [];
    let hit = 0;
    /** A BEFORE ROW trigger returned NULL: the row stays as it was and is not counted. */
    const skipRow = (i: number): void => {
      hits[i] = false;
      count--;
      carry(rows[i]!, i);
    };
    for (let i = 0; i < rows.length; i++) {
      if (!hits[i]) { carry(rows[i]!, i); continue; }
      if (!isUpdate) {
        if (triggers?.hasBeforeRow && !(await triggers.beforeRow(null, rows[i]!))) {
          skipRow(i);
          continue;
        }
        triggers?.afterRow(null, rows[i]!);
        if (referenced.length > 0) removed.push(rows[i]!);
        outputRows.push(candidates[i]!);
        continue;
      }
      let next: Row | null = rows[i]!.slice();
      assignments.forEach((a, k) => { next![member.columnMap[a.column]!] = newValues[k]![hit]!; });
      hit++;
      if (triggers?.hasBeforeRow) next = await triggers.beforeRow(next, rows[i]!);
      if (!next) {
        skipRow(i);
        continue;
      }
      triggers?.afterRow(next, rows[i]!);
      updated.push(next);
      outputRows.push([...view(next), ...candidates[i]!.slice(c.width)]);
      if (referenced.some((p) => foreignKeyOf(rows[i]!, [p]) !== foreignKeyOf(next, [p]))) removed.push(rows[i]!);
    }
    /** Per updated row, the table it ends in (its member unless it moves). */
    let destinations: readonly number[] | undefined;
    if (isUpdate) {
      const left = await leavePartition(c, member, updated, outputRows, ctx);
      const staying = left.staying;
      destinations = left.destinations;
      await constraints?.validate(staying, ctx);
      // Updated rows' new versions, in row order (when none left the table: else they are gone).
      const followed = staying === updated ? hits.flatMap((h, i) => (h ? [i] : [])) : undefined;
      staying.forEach((row, k) => {
        constraints?.keep(row);
        writer.append(row);
        if (followed) lineage?.appendedFrom(followed[k]!);
        else lineage?.appendedOther();
      });
    }
    if (returning) {
      const oidOf = (id: number) => (id === table.id ? table.oid : ctx.run.txn.getTableById(id)?.oid ?? 0);
      const seen = c.withTableoid ? outputRows.map((row, r) => [...row, destinations ? oidOf(destinations[r]!) : table.oid]) : outputRows;
      const columns: Value[][] = [];
      for (const r of returning) columns.push(await r(seen, ctx));
      yield seen.map((_, r) => columns.map((col) => col[r]!));
    }
  }
  if (count === 0 && plan.members) {
    // A member the statement does not change is left alone (not replaced, not locked).
    writer.discard();
    return 0;
  }
  if (triggers?.hasBeforeRow) assertUnchangedByTriggers(table, ctx);
  await constraints?.settle(ctx, kept);
  const groups = writer.finish();
  lineage?.finish(groups);
  ctx.run.txn.replaceTable({ ...table, rowGroups: [...kept, ...groups] }, dropped);
  if (count > 0) ctx.modifyingWith?.rewritten.add(table.id);
  constraints?.finish();
  await enforceReferencedKeys(table.id, removed, isUpdate ? 'update' : 'delete', ctx);
  return count;
}

/**
 * Under data-modifying WITH items (ctx.modifyingWith) the statement's UPDATEs and DELETEs see
 * the snapshot's rows only: the row groups it holds (a group an INSERT of the statement added
 * is passed over). A table an UPDATE or DELETE of the statement already rewrote mixes old rows
 * and new ones in its new groups; PostgreSQL changes a row once there and which change wins
 * is unspecified, so that is 0A000 rather than a guess.
 */
function snapshotGroups(table: StoredTable, ctx: ExecContext): Set<number> | undefined {
  if (!ctx.modifyingWith) return undefined;
  if (ctx.modifyingWith.rewritten.has(table.id)) {
    throw new SqlError(SQLSTATE.FeatureNotSupported,
      `updating or deleting rows of "${table.name}" that a data-modifying WITH item of the same statement updated or deleted is not supported`);
  }
  return new Set(ctx.snapshot.getTableById(table.id)?.rowGroups.map((g) => g.id) ?? []);
}

/**
 * Of a member's updated rows, those that stay in it (and, under a partitioned target, the table
 * each row ends in). Under a partitioned target a row whose
 * key now routes elsewhere is set aside in `c.moved` (as the target's row); under a partition
 * target a row outside its partition is 23514.
 */
async function leavePartition(c: Compiled, member: WriteMember, updated: readonly Row[],
  outputRows: readonly Row[], ctx: ExecContext): Promise<{ readonly staying: readonly Row[]; readonly destinations?: readonly number[] }> {
  if (updated.length === 0 || (!c.router && !c.constraint)) return { staying: updated };
  const seen = outputRows.map((r) => r.slice(0, c.width));
  if (c.constraint) {
    // Checked before routing, as the target's row: a row may not leave the subtree being updated.
    const bad = await c.constraint.violations(seen, ctx);
    if (bad.length > 0) throw partitionConstraintViolation(c.target, seen[bad[0]!]!, ctx);
  }
  if (!c.router) return { staying: updated };
  const destinations = await c.router!.route(seen, ctx);
  const staying: Row[] = [];
  destinations.forEach((id, i) => {
    if (id === member.table.id) staying.push(updated[i]!);
    else c.moved.push(seen[i]!);
  });
  return { staying, destinations };
}
