/**
 * Rows of a table and every table inheriting from it, read as the columns of an ancestor:
 * each member's columns are matched by name (children may order them differently, or have
 * more), a batch at a time. Partitioned members hold no rows and are skipped.
 */
import { descendantsOf } from '../../catalog/inheritance.js';
import type { CatalogReader } from '../../catalog/catalog-transaction.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { Row } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';

/** Column ids of `member` for the columns `names` (a child has every column of its ancestors). */
export function memberColumnIds(member: StoredTable, names: readonly string[]): number[] {
  return names.map((n) => member.columns.find((c) => c.name === n)?.id ?? -1);
}

/** Batches of `table`'s family's rows with the columns `names`, each with the member it came from. */
export async function* familyRows(
  reader: CatalogReader, table: StoredTable, names: readonly string[], ctx: ExecContext,
): AsyncGenerator<{ readonly member: StoredTable; readonly rows: Row[] }, void, void> {
  for (const member of descendantsOf(reader, table)) {
    if (member.partitionKey) continue;
    const ids = memberColumnIds(member, names);
    for (const batch of reader.scan(member, ids.filter((id) => id >= 0))) {
      await batchTick(ctx);
      const rows: Row[] = [];
      for (let r = 0; r < batch.rowCount; r++) {
        let k = 0;
        rows.push(ids.map((id) => (id >= 0 ? batch.columns[k++]![r]! : null)));
      }
      if (rows.length > 0) yield { member, rows };
    }
  }
}
