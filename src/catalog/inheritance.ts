/**
 * Table inheritance and partitioning over a catalog reader: a table's parents, ancestors and
 * descendants as PostgreSQL's pg_inherits relates them. Children point at their parents
 * (`StoredTable.inherits`); the reader indexes them the other way (`childrenOf`).
 */
import type { StoredTable } from '../storage/storage-api.js';
import type { CatalogReader } from './catalog-transaction.js';

/** True for a partitioned table (relkind 'p'). */
export function isPartitioned(table: StoredTable): boolean {
  return table.partitionKey !== undefined;
}

/** True for a partition (relispartition). */
export function isPartition(table: StoredTable): boolean {
  return table.partitionBound !== undefined;
}

/** The table's parents in INHERITS order (pg_inherits.inhseqno), skipping any that are gone. */
export function parentsOf(reader: Pick<CatalogReader, 'getTableById'>, table: StoredTable): StoredTable[] {
  return (table.inherits ?? []).flatMap((id) => reader.getTableById(id) ?? []);
}

/**
 * `table` and every table inheriting from it, parents before children, each once (a table
 * reached through two parents is listed at its first visit), as PostgreSQL's find_all_inheritors.
 * @example descendantsOf(reader, parent).map((t) => t.name) // ['parent', 'child', 'grandchild']
 */
export function descendantsOf(reader: Pick<CatalogReader, 'childrenOf'>, table: StoredTable): StoredTable[] {
  const out = [table];
  const seen = new Set([table.id]);
  for (let i = 0; i < out.length; i++) {
    for (const child of reader.childrenOf(out[i]!.id)) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      out.push(child);
    }
  }
  return out;
}

/** The partition's ancestors, nearest first, up to the root of its partition tree. */
export function partitionAncestors(reader: Pick<CatalogReader, 'getTableById'>, table: StoredTable): StoredTable[] {
  const out: StoredTable[] = [];
  let current = table;
  while (isPartition(current)) {
    const parent = reader.getTableById(current.inherits![0]!);
    if (!parent) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

/** True when `ancestor` is `table` or one of the tables it inherits from, directly or not. */
export function inheritsFrom(reader: Pick<CatalogReader, 'getTableById'>, table: StoredTable, ancestor: number): boolean {
  const seen = new Set<number>();
  const visit = (t: StoredTable): boolean => {
    if (t.id === ancestor) return true;
    if (seen.has(t.id)) return false;
    seen.add(t.id);
    return parentsOf(reader, t).some(visit);
  };
  return visit(table);
}
