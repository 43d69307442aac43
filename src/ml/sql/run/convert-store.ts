/**
 * Stores CONVERT's embedding column into `table_name`, inside the statement's transaction (a
 * failed or cancelled CONVERT leaves the table as it was).
 *
 * Matching rule: the query's rows are matched to the table's rows by the image path value
 * (`image_col`), not by position — so `SELECT * FROM t WHERE …`, reordered or joined queries
 * still land on the right rows, and duplicate paths (same image) get the same embedding. Table
 * rows whose path the query did not return keep their previous embedding (NULL if the column is
 * new). An existing column of that name is replaced (dropped and re-added at the end, as the
 * query's output shows it), keeping the vector indexes on it. A table that does not exist is
 * created from the query's rows. The column's comment says which model wrote it, its width and
 * when (psql's `\d+` shows it).
 */
import type { ExecContext } from '../../../execution/exec-context.js';
import { addColumn, dropColumn, findColumn, withComment } from '../../../catalog/index.js';
import type { StoredTable } from '../../../storage/index.js';
import { T } from '../../../types/sql-type.js';
import type { Row, Value } from '../../../types/value.js';
import type { ConvertPayload } from '../plan/clip-plan-nodes.js';

/** Path → embedding (null: unreadable). */
export type EmbeddingsByPath = ReadonlyMap<string, Float32Array | null>;

/** What a CONVERT stored: the table's rows that received an embedding, of how many. */
export interface StoredCount {
  readonly table: string;
  readonly rows: number;
  readonly tableRows: number;
}

/**
 * Writes the embeddings into payload.tableName; `outputRows` are CONVERT's rows (for a new table).
 * `comment` describes the column (model, dimension, when) for `\d+` and COMMENT readers.
 */
export function storeEmbeddings(
  ctx: ExecContext, payload: ConvertPayload, embeddings: EmbeddingsByPath, outputRows: readonly Row[], comment: string,
): StoredCount {
  const txn = ctx.run.txn;
  const name = payload.tableName!;
  const table = txn.getTable(name);
  if (!table) {
    const created = txn.createTable(name, payload.outputColumns.map((c) => ({ name: c.name, type: c.type, notNull: false })));
    const writer = txn.writer(created, created.columns);
    for (const row of outputRows) writer.append(row);
    txn.replaceTable({ ...withComment(created, created.columns.at(-1)!.id, comment), rowGroups: writer.finish() }, []);
    const embeddingIndex = payload.outputColumns.length - 1;
    return { table: name, rows: outputRows.filter((r) => r[embeddingIndex] !== null).length, tableRows: outputRows.length };
  }
  const previous = findColumn(table, payload.columnName);
  const next = keepVectorIndexes(table, previous?.id, addColumn(previous ? dropColumn(table, payload.columnName) : table,
    { name: payload.columnName, type: T.float4Array, notNull: false }));
  const kept = next.columns.slice(0, -1);
  const imagePosition = kept.findIndex((c) => c.name === payload.imageColumn);
  const readIds = [...kept.map((c) => c.id), ...(previous ? [previous.id] : [])];
  const writer = txn.writer(next, next.columns);
  let stored = 0;
  let tableRows = 0;
  for (const batch of txn.scan(table, readIds)) {
    for (let r = 0; r < batch.rowCount; r++) {
      const row: Value[] = kept.map((_, i) => batch.columns[i]![r]!);
      const path = row[imagePosition];
      const fresh = typeof path === 'string' ? embeddings.get(path) : undefined;
      if (fresh) stored++;
      row.push(fresh !== undefined ? fresh : previous ? batch.columns[kept.length]![r]! : null);
      writer.append(row);
    }
    tableRows += batch.rowCount;
  }
  txn.replaceTable({ ...withComment(next, next.columns.at(-1)!.id, comment), rowGroups: writer.finish() }, table.rowGroups);
  return { table: name, rows: stored, tableRows };
}

/**
 * `next` with the vector indexes `table` had on the replaced column moved to the new one (its
 * last column): re-embedding a column is a write, not a schema change, so an HNSW index on it
 * stays (its shards notice the new column and refill, ml/vector/worker-indexes.ts).
 */
function keepVectorIndexes(table: StoredTable, previousId: number | undefined, next: StoredTable): StoredTable {
  const added = next.columns[next.columns.length - 1]!;
  const kept = (table.indexes ?? []).filter((i) => i.vector && i.columnIds.length === 1 && i.columnIds[0] === previousId)
    .map((i) => ({ ...i, columnIds: [added.id] }));
  return kept.length === 0 ? next : { ...next, indexes: [...(next.indexes ?? []), ...kept] };
}
