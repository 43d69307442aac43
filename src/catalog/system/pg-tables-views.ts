/**
 * The convenience views pg_tables, pg_views, pg_matviews and pg_indexes (Metabase's privilege
 * query unions the first three). Catalog views have no stored definition text here.
 */
import { userName } from '../../functions/system/session-identity.js';
import { listRelations } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

export const pgTables: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_tables',
  *rows({ txn, setting }) {
    for (const r of listRelations(txn)) {
      if (r.relkind !== 'r') continue;
      yield {
        schemaname: r.schema, tablename: r.table.name, tableowner: userName(setting), tablespace: null,
        hasindexes: false, hasrules: false, hastriggers: false, rowsecurity: false,
      };
    }
  },
};

export const pgViews: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_views',
  *rows({ txn, setting }) {
    for (const r of listRelations(txn)) {
      if (r.relkind !== 'v') continue;
      yield { schemaname: r.schema, viewname: r.table.name, viewowner: userName(setting), definition: null };
    }
  },
};

export const pgMatviews: SystemTableDef = { schema: 'pg_catalog', name: 'pg_matviews' };
export const pgIndexes: SystemTableDef = { schema: 'pg_catalog', name: 'pg_indexes' };
