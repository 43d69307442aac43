/**
 * TRUNCATE: every named table — and, unless ONLY, every table inheriting from it — loses all its
 * rows at once (its row groups are dropped, freed at commit). A table another table's FOREIGN KEY references must be truncated with it, or CASCADE
 * adds the referencing tables (one NOTICE each, transitively), as PostgreSQL does; else 0A000.
 * RESTART IDENTITY sets the sequences the tables' columns own back to their start — like
 * ALTER SEQUENCE … RESTART here, not undone by ROLLBACK (PostgreSQL undoes it). Statement-level
 * TRUNCATE triggers fire around it: every table's BEFORE ones, the truncation, the AFTER ones.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { descendantsOf, isPartitioned, ownedSequences, referencingConstraints, restartValue } from '../../catalog/index.js';
import type { LogicalTruncate } from '../../planner/logical/logical-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { TableTriggers } from '../triggers/table-triggers.js';

export async function runTruncate(plan: LogicalTruncate, ctx: ExecContext): Promise<CommandResult> {
  const txn = ctx.run.txn;
  const targets = new Map<number, StoredTable>();
  for (const name of plan.names) {
    const table = txn.getTable(name);
    if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`);
    if (table.view || table.sequence) throw new SqlError(SQLSTATE.WrongObjectType, `"${table.name}" is not a table`);
    if (plan.only?.includes(name)) {
      if (isPartitioned(table)) {
        throw new SqlError(SQLSTATE.WrongObjectType, 'cannot truncate only a partitioned table', {
          hint: 'Do not specify the ONLY keyword, or use TRUNCATE ONLY on the partitions directly.',
        });
      }
      targets.set(table.id, table);
      continue;
    }
    // Without ONLY the tables inheriting from it (partitions at every level) are truncated too.
    for (const t of descendantsOf(txn, table)) targets.set(t.id, t);
  }
  const tables = txn.listTables();
  // Breadth-first over the tables added, as PostgreSQL adds (and announces) them.
  const queue = [...targets.values()];
  for (let i = 0; i < queue.length; i++) {
    const referenced = queue[i]!;
    for (const { table } of referencingConstraints(tables, referenced)) {
      if (targets.has(table.id)) continue;
      if (!plan.cascade) {
        throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot truncate a table referenced in a foreign key constraint', {
          detail: `Table "${table.name}" references "${referenced.name}".`,
          hint: `Truncate table "${table.name}" at the same time, or use TRUNCATE ... CASCADE.`,
        });
      }
      ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message: `truncate cascades to table "${table.name}"` });
      targets.set(table.id, table);
      queue.push(table);
    }
  }
  // BEFORE TRUNCATE triggers of every table first, then the truncation, then the AFTER ones.
  const triggers = [...targets.values()].flatMap((t) => TableTriggers.open(t, 'truncate', ctx, []) ?? []);
  for (const t of triggers) await t.beforeStatement();
  for (const { id } of targets.values()) {
    const table = txn.getTableById(id)!;
    if (table.rowGroups.length > 0) txn.replaceTable({ ...table, rowGroups: [] }, table.rowGroups);
  }
  if (plan.restartIdentity) {
    for (const table of targets.values()) {
      for (const sequence of ownedSequences(tables, table)) {
        const start = restartValue(sequence.sequence!, undefined);
        txn.advanceSequence(sequence, () => ({ lastValue: start, isCalled: false }));
      }
    }
  }
  for (const t of triggers) await t.afterStatement();
  return { tag: 'TRUNCATE TABLE' };
}
