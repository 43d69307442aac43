/**
 * Every relation the catalogs describe, in one shape: the transaction's tables, views and
 * indexes (schema public, by OID) followed by the system relations themselves, as pg_class, pg_attribute,
 * information_schema.tables/columns and the regclass lookup all need them.
 */
import type { StoredIndex, StoredObject, StoredTable } from '../../storage/storage-api.js';
import { baseName, userSchemaOf } from '../schemas.js';
import {
  INFORMATION_SCHEMA_NAMESPACE, PG_CATALOG_NAMESPACE, PUBLIC_NAMESPACE, TEMP_NAMESPACE, TEMP_SCHEMA,
} from '../../functions/system/catalog-oids.js';
import type { CatalogReader } from '../catalog-transaction.js';
import { isSystemTable } from './system-table.js';
import { systemTables } from './system-tables.js';

export interface CatalogRelation {
  readonly table: StoredTable;
  readonly schema: string;
  readonly namespaceOid: number;
  readonly relkind: 'r' | 'p' | 'v' | 'i' | 'S';
  /** Live rows (copy-on-write DML keeps row group counts exact); 0 for system relations. */
  readonly rowCount: number;
  /** relkind 'i': the index and the table it belongs to (`table` is then a stand-in). */
  readonly index?: { readonly owner: StoredTable; readonly index: StoredIndex };
}

/** public, the session's temporary schema, or the user schema its stored name starts with (pg_namespace name and OID). */
export function namespaceOf(table: StoredTable, objects: readonly StoredObject[]): { schema: string; namespaceOid: number } {
  if (table.temporary) return { schema: TEMP_SCHEMA, namespaceOid: TEMP_NAMESPACE };
  const user = userSchemaOf(objects, table.name);
  return user ? { schema: user.schema.name, namespaceOid: user.schema.id } : { schema: 'public', namespaceOid: PUBLIC_NAMESPACE };
}

/** `table` as the catalogs name it: without the `schema.` its stored name carries. */
function shownTable(table: StoredTable, objects: readonly StoredObject[]): StoredTable {
  const user = userSchemaOf(objects, table.name);
  return user ? { ...table, name: user.name } : table;
}

/** An index as a relation: its OID and name, and the key columns as its attributes. */
function indexRelation(owner: StoredTable, index: StoredIndex, objects: readonly StoredObject[]): CatalogRelation {
  const columns = index.columnIds.map((id, i) => {
    const { comment: _c, defaultSql: _d, ...column } = owner.columns.find((c) => c.id === id)!;
    return { ...column, id: i + 1, notNull: false };
  });
  const table: StoredTable = {
    id: 0, oid: index.oid, name: baseName(objects, index.name), columns, rowGroups: [], nextColumnId: columns.length + 1, version: 0,
    ...(index.comment === undefined ? {} : { comment: index.comment }),
  };
  const rowCount = owner.rowGroups.reduce((n, g) => n + g.rowCount, 0);
  return { table, ...namespaceOf(owner, objects), relkind: 'i', rowCount, index: { owner, index } };
}

/** User tables, views and indexes first (by OID), then pg_catalog and information_schema relations. */
export function listRelations(txn: CatalogReader): CatalogRelation[] {
  const objects = txn.listObjects();
  const user = txn.listTables().flatMap((table): CatalogRelation[] => [{
    table: shownTable(table, objects), ...namespaceOf(table, objects), relkind: table.view ? 'v' : table.sequence ? 'S' : table.partitionKey ? 'p' : 'r',
    // A sequence is one row (its counter); tables count their row groups (exact under copy-on-write DML).
    rowCount: table.sequence ? 1 : table.rowGroups.reduce((n, g) => n + g.rowCount, 0),
  }, ...(table.indexes ?? []).map((index) => indexRelation(table, index, objects))]).sort((a, b) => a.table.oid - b.table.oid);
  const system = systemTables().map((table): CatalogRelation => ({
    table, schema: table.schema,
    namespaceOid: table.schema === 'pg_catalog' ? PG_CATALOG_NAMESPACE : INFORMATION_SCHEMA_NAMESPACE,
    relkind: table.relkind, rowCount: 0,
  }));
  return [...user, ...system];
}

export { isSystemTable };
