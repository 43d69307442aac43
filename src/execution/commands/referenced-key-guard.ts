/**
 * FOREIGN KEY enforcement on the referenced side: after a DELETE or UPDATE has replaced its
 * table, the keys of the rows it removed (deleted rows, or old versions of rows whose key
 * changed) that no longer exist in the table must not be referenced. Per referencing
 * constraint the action decides: NO ACTION / RESTRICT → 23503; ON DELETE CASCADE deletes the
 * referencing rows, ON DELETE SET NULL nulls their key columns — each such rewrite recurses into
 * the constraints that reference the rewritten table. ON DELETE SET DEFAULT and ON UPDATE
 * CASCADE / SET NULL / SET DEFAULT are 0A000 when a referenced key actually goes away.
 * RESTRICT behaves like NO ACTION (a key re-supplied by the same statement is accepted).
 * Cost: one scan of the table and of each referencing table per statement that removes keys.
 */
import { referencingConstraints } from '../../catalog/index.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { RowGroupRef, RowGroupWriter, StoredConstraint, StoredTable } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { describeKey, foreignKeyOf, positionsOf, storedKeys, tableById } from './foreign-key-check.js';
import { checkNotNull } from './table-rows.js';

/** What removed the rows: decides which action (confdeltype or confupdtype) applies. */
export type KeyRemoval = 'delete' | 'update';

/** Constraints referencing `table` (itself included); empty → no need to collect removed rows. */
export function referencingForeignKeys(table: StoredTable, ctx: ExecContext): { table: StoredTable; constraint: StoredConstraint }[] {
  const tables = ctx.run.txn.listTables();
  const self = (table.constraints ?? []).filter((c) => c.type === 'f' && c.references?.tableId === table.id)
    .map((constraint) => ({ table, constraint }));
  return [...referencingConstraints(tables, table), ...self];
}

/** Positions (in `table`) of every column some foreign key references. */
export function referencedPositions(table: StoredTable, ctx: ExecContext): Set<number> {
  return new Set(referencingForeignKeys(table, ctx).flatMap(({ constraint }) => positionsOf(table, constraint.references!.columnIds)));
}

/**
 * Applies the referencing constraints of table `tableId` to `removed` (old rows in its column
 * order). Call after the statement's `replaceTable`.
 */
export async function enforceReferencedKeys(tableId: number, removed: readonly Row[], removal: KeyRemoval, ctx: ExecContext): Promise<void> {
  if (removed.length === 0) return;
  const parent = tableById(ctx, tableId);
  for (const { table: planned, constraint } of referencingForeignKeys(parent, ctx)) {
    const parentPositions = positionsOf(parent, constraint.references!.columnIds);
    const gone = new Map<string, Value[]>();
    for (const row of removed) {
      const key = foreignKeyOf(row, parentPositions);
      if (key !== undefined && !gone.has(key)) gone.set(key, parentPositions.map((p) => row[p]!));
    }
    if (gone.size === 0) continue;
    for (const key of storedKeys(tableById(ctx, parent.id), parentPositions, ctx)) gone.delete(key);
    if (gone.size === 0) continue;
    const child = tableById(ctx, planned.id);
    const childPositions = positionsOf(child, constraint.columnIds);
    const action = removal === 'delete' ? constraint.references!.onDelete : constraint.references!.onUpdate;
    if (action === 'a' || action === 'r') {
      const hit = firstReference(child, childPositions, gone, ctx);
      if (hit !== undefined) {
        throw new SqlError(SQLSTATE.ForeignKeyViolation,
          `update or delete on table "${parent.name}" violates foreign key constraint "${constraint.name}" on table "${child.name}"`, {
            detail: `${describeKey(parent, parentPositions, gone.get(hit)!, ctx)} is still referenced from table "${child.name}".`,
            table: child.name, constraint: constraint.name,
          });
      }
    } else if (removal === 'delete' && (action === 'c' || action === 'n')) {
      const rewritten = await rewriteReferencing(child, childPositions, gone, action === 'c', ctx);
      await enforceReferencedKeys(child.id, rewritten, 'delete', ctx);
    } else if (firstReference(child, childPositions, gone, ctx) !== undefined) {
      throw new SqlError(SQLSTATE.FeatureNotSupported,
        `foreign key action of constraint "${constraint.name}" is not supported (only NO ACTION, RESTRICT, ON DELETE CASCADE and ON DELETE SET NULL)`);
    }
  }
}

/** The first key of `table` at `positions` that is in `keys`. */
function firstReference(table: StoredTable, positions: readonly number[], keys: ReadonlyMap<string, Value[]>, ctx: ExecContext): string | undefined {
  const columnIds = positions.map((p) => table.columns[p]!.id);
  const local = columnIds.map((_, i) => i);
  for (const batch of ctx.run.txn.scan(table, columnIds)) {
    for (let r = 0; r < batch.rowCount; r++) {
      const key = foreignKeyOf(batch.columns.map((c) => c[r]!), local);
      if (key !== undefined && keys.has(key)) return key;
    }
  }
  return undefined;
}

/**
 * Deletes (CASCADE) or nulls the key of (SET NULL) the rows of `table` whose key is in `keys`,
 * copy-on-write per row group like rewrite-table.ts. Returns the old versions of those rows.
 */
async function rewriteReferencing(table: StoredTable, positions: readonly number[], keys: ReadonlyMap<string, Value[]>,
  cascade: boolean, ctx: ExecContext): Promise<Row[]> {
  const columnIds = table.columns.map((c) => c.id);
  let writer: RowGroupWriter | undefined;
  const kept: RowGroupRef[] = [];
  const dropped: RowGroupRef[] = [];
  const removed: Row[] = [];
  for (const group of table.rowGroups) {
    const rows: Row[] = [];
    for (const batch of ctx.run.txn.scan({ ...table, rowGroups: [group] }, columnIds)) {
      for (let r = 0; r < batch.rowCount; r++) rows.push(batch.columns.map((c) => c[r]!));
    }
    await batchTick(ctx);
    const hits = rows.map((row) => { const key = foreignKeyOf(row, positions); return key !== undefined && keys.has(key); });
    if (!hits.includes(true)) {
      kept.push(group);
      continue;
    }
    dropped.push(group);
    writer ??= ctx.run.txn.writer(table, table.columns);
    const out = writer;
    rows.forEach((row, i) => {
      if (!hits[i]) { out.append(row); return; }
      removed.push(row);
      if (cascade) return;
      const nulled = row.slice();
      for (const p of positions) nulled[p] = null;
      checkNotNull(table, nulled, ctx);
      out.append(nulled);
    });
  }
  if (writer) ctx.run.txn.replaceTable({ ...table, rowGroups: [...kept, ...writer.finish()] }, dropped);
  return removed;
}
