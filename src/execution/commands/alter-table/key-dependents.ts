/**
 * The foreign keys that rely on one unique index of a table (PostgreSQL records a FOREIGN KEY's
 * dependency on the referenced key's index): those referencing the index's columns, when no
 * other unique index over the same columns would still back them.
 */
import { referencingConstraints } from '../../../catalog/index.js';
import type { StoredConstraint, StoredTable } from '../../../storage/storage-api.js';
import type { ExecContext } from '../../exec-context.js';

const sameColumns = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id) => b.includes(id));

/** Foreign keys (of any table, `table` included) that dropping index `indexOid` of `table` would leave without a key. */
export function keyDependents(ctx: ExecContext, table: StoredTable, indexOid: number): { table: StoredTable; constraint: StoredConstraint }[] {
  const index = table.indexes?.find((i) => i.oid === indexOid);
  if (!index) return [];
  const others = (table.indexes ?? []).filter((i) => i.oid !== indexOid && i.unique && sameColumns(i.columnIds, index.columnIds));
  if (others.length > 0) return [];
  const self = (table.constraints ?? []).filter((c) => c.type === 'f' && c.references?.tableId === table.id)
    .map((constraint) => ({ table, constraint }));
  return [...referencingConstraints(ctx.run.txn.listTables(), table), ...self]
    .filter(({ constraint }) => sameColumns(constraint.references!.columnIds, index.columnIds));
}
