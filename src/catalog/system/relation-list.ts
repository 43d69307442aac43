/**
 * Every relation the catalogs describe, in one shape: the transaction's tables (schema
 * public) followed by the system relations themselves, as pg_class, pg_attribute,
 * information_schema.tables/columns and the regclass lookup all need them.
 */
import type { StoredTable } from '../../storage/storage-api.js';
import {
  INFORMATION_SCHEMA_NAMESPACE, PG_CATALOG_NAMESPACE, PUBLIC_NAMESPACE,
} from '../../functions/system/catalog-oids.js';
import type { CatalogTransaction } from '../catalog-transaction.js';
import { isSystemTable } from './system-table.js';
import { systemTables } from './system-tables.js';

export interface CatalogRelation {
  readonly table: StoredTable;
  readonly schema: string;
  readonly namespaceOid: number;
  readonly relkind: 'r' | 'v';
  /** Live rows (copy-on-write DML keeps row group counts exact); 0 for system relations. */
  readonly rowCount: number;
}

/** User tables first (by OID), then pg_catalog and information_schema relations. */
export function listRelations(txn: CatalogTransaction): CatalogRelation[] {
  const user = [...txn.listTables()].sort((a, b) => a.oid - b.oid).map((table): CatalogRelation => ({
    table, schema: 'public', namespaceOid: PUBLIC_NAMESPACE, relkind: 'r',
    rowCount: table.rowGroups.reduce((n, g) => n + g.rowCount, 0),
  }));
  const system = systemTables().map((table): CatalogRelation => ({
    table, schema: table.schema,
    namespaceOid: table.schema === 'pg_catalog' ? PG_CATALOG_NAMESPACE : INFORMATION_SCHEMA_NAMESPACE,
    relkind: table.relkind, rowCount: 0,
  }));
  return [...user, ...system];
}

export { isSystemTable };
