/**
 * pg_catalog.pg_namespace: the four built-in schemas, those CREATE SCHEMA made, and the session's
 * temporary schema once it holds a relation (PostgreSQL creates it at the first temporary table).
 */
import { NAMESPACES, ROLE_OID, TEMP_NAMESPACE, TEMP_SCHEMA } from '../../functions/system/catalog-oids.js';
import type { SystemTableDef } from './system-table.js';

export const pgNamespace: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_namespace',
  *rows({ txn }) {
    for (const [oid, nspname] of NAMESPACES) yield { oid, nspname, nspowner: ROLE_OID, nspacl: null };
    for (const o of txn.listObjects()) if (o.kind === 'schema') yield { oid: o.id, nspname: o.name, nspowner: ROLE_OID, nspacl: null };
    if (txn.listTables().some((t) => t.temporary)) yield { oid: TEMP_NAMESPACE, nspname: TEMP_SCHEMA, nspowner: ROLE_OID, nspacl: null };
  },
};
