/** pg_catalog.pg_namespace: the four schemas (user tables all live in public). */
import { NAMESPACES, ROLE_OID } from '../../functions/system/catalog-oids.js';
import type { SystemTableDef } from './system-table.js';

export const pgNamespace: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_namespace',
  rows: () => NAMESPACES.map(([oid, nspname]) => ({ oid, nspname, nspowner: ROLE_OID, nspacl: null })),
};
