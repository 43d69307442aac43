/**
 * ALTER TABLE parent ATTACH PARTITION t FOR VALUES … | DEFAULT, as PostgreSQL's
 * ATExecAttachPartition: the table to attach is checked (not already a partition, not part of
 * plain inheritance, no circularity, same persistence, no column the parent lacks), its bound
 * against the parent's partitions (42P17), its columns and CHECKs merged as a partition's
 * (42804); then its rows — every leaf's, when it is partitioned itself — must satisfy its new
 * partition constraint, and the rows of the parent's DEFAULT partition must not belong in it
 * (23514). PostgreSQL skips the scan when CHECKs already imply the constraint; the answer is
 * the same either way, so the rows are always read.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { inheritsFrom, isPartition, isPartitioned } from '../../catalog/index.js';
import type { AttachPartitionBinding } from '../../planner/logical/partition-plan.js';
import type { StoredPartitionBound, StoredTable } from '../../storage/storage-api.js';
import type { Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { checkDefaultPartitionRows, keyedFamilyRows } from '../partition/partition-rows.js';
import { checkNewPartitionBound, evaluatePartitionBound } from '../partition/partition-bound-check.js';
import { PartitionIndex } from '../partition/partition-index.js';
import { PartitionConstraint } from '../partition/partition-router.js';
import { layoutOf } from '../physical-operator.js';
import { mergeIntoExisting } from './alter-inheritance.js';

/** Makes the table named `name` a partition of `parent`. */
export async function attachPartition(parent: StoredTable, name: string, binding: AttachPartitionBinding, ctx: ExecContext): Promise<void> {
  const txn = ctx.run.txn;
  const table = txn.getTable(name);
  if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`);
  checkAttachable(parent, table, ctx);
  const bound = await evaluatePartitionBound(binding.bound, parent.partitionKey!, ctx);
  const siblings = txn.childrenOf(parent.id);
  checkNewPartitionBound(parent, siblings, table.name, bound, ctx);
  const merged = mergeIntoExisting(table, parent, true);
  await checkAttachedRows(parent, table, bound, siblings, binding, ctx);
  const defaultPartition = siblings.find((s) => s.partitionBound?.kind === 'default');
  if (defaultPartition && bound.kind !== 'default') await checkDefaultPartitionRows(parent, defaultPartition, bound, binding.key, ctx);
  txn.replaceTable({ ...table, ...merged, inherits: [parent.id], partitionBound: bound }, []);
}

/** PostgreSQL's checks of the table to attach, in its order (42809, 42P07, 42804). */
function checkAttachable(parent: StoredTable, table: StoredTable, ctx: ExecContext): void {
  const txn = ctx.run.txn;
  if (table.view || table.sequence) {
    throw new SqlError(SQLSTATE.WrongObjectType, `ALTER action ATTACH PARTITION cannot be performed on relation "${table.name}"`,
      { detail: `This operation is not supported for ${table.view ? 'views' : 'sequences'}.` });
  }
  if (isPartition(table)) throw new SqlError(SQLSTATE.WrongObjectType, `"${table.name}" is already a partition`);
  if ((table.inherits ?? []).length > 0) throw new SqlError(SQLSTATE.WrongObjectType, 'cannot attach inheritance child as partition');
  if (!isPartitioned(table) && txn.childrenOf(table.id).length > 0) {
    throw new SqlError(SQLSTATE.WrongObjectType, 'cannot attach inheritance parent as partition');
  }
  if (inheritsFrom(txn, parent, table.id)) {
    throw new SqlError(SQLSTATE.DuplicateTable, 'circular inheritance not allowed',
      { detail: `"${parent.name}" is already a child of "${table.name}".` });
  }
  if (table.temporary && !parent.temporary) {
    throw new SqlError(SQLSTATE.WrongObjectType, `cannot attach a temporary relation as partition of permanent relation "${parent.name}"`);
  }
  if (!table.temporary && parent.temporary) {
    throw new SqlError(SQLSTATE.WrongObjectType, `cannot attach a permanent relation as partition of temporary relation "${parent.name}"`);
  }
  const names = new Set(parent.columns.map((c) => c.name));
  const extra = table.columns.find((c) => !names.has(c.name));
  if (extra) {
    throw new SqlError(SQLSTATE.DatatypeMismatch, `table "${table.name}" contains column "${extra.name}" not found in parent "${parent.name}"`,
      { detail: 'The new partition may contain only the columns present in parent.' });
  }
}

/**
 * 23514 unless every row of `table` (of each of its leaves) fits `bound` — for DEFAULT, fits no
 * other partition — and the parent's own partition constraint.
 */
async function checkAttachedRows(
  parent: StoredTable, table: StoredTable, bound: StoredPartitionBound, siblings: readonly StoredTable[],
  binding: AttachPartitionBinding, ctx: ExecContext,
): Promise<void> {
  const others = siblings.filter((s) => s.partitionBound !== undefined).map((s) => s.partitionBound!);
  const index = new PartitionIndex(parent.partitionKey!, bound.kind === 'default' ? others : [bound]);
  const fits = (key: readonly Value[]) => (index.findBounded(key) >= 0) !== (bound.kind === 'default');
  const above = binding.constraint.length > 0
    ? new PartitionConstraint(binding.constraint, layoutOf(binding.key.rowColumns.map((c) => c.id)))
    : undefined;
  for await (const { member, rows, keys } of keyedFamilyRows(table, binding.key, ctx)) {
    const bad = keys.some((key) => !fits(key)) || (above !== undefined && (await above.violations(rows, ctx)).length > 0);
    if (bad) throw new SqlError(SQLSTATE.CheckViolation, `partition constraint of relation "${member.name}" is violated by some row`, { table: member.name });
  }
}
