/**
 * The convenience views pg_tables, pg_views, pg_matviews and pg_indexes (Metabase's privilege
 * query unions the first three). Catalog views have no stored definition text here; user
 * views show the SQL they were created with.
 */
import { userName } from '../../functions/system/session-identity.js';
import { indexDefinition, viewDefinition } from './object-defs.js';
import { listRelations } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

export const pgTables: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_tables',
  *rows({ txn, setting }) {
    for (const r of listRelations(txn)) {
      if (r.relkind !== 'r' && r.relkind !== 'p') continue;
      yield {
        schemaname: r.schema, tablename: r.table.name, tableowner: userName(setting), tablespace: null,
        hasindexes: (r.table.indexes?.length ?? 0) > 0, hasrules: false, hastriggers: (r.table.triggers?.length ?? 0) > 0, rowsecurity: false,
      };
    }
  },
};

export const pgViews: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_views',
  *rows({ txn, setting }) {
    for (const r of listRelations(txn)) {
      if (r.relkind !== 'v') continue;
      yield { schemaname: r.schema, viewname: r.table.name, viewowner: userName(setting), definition: viewDefinition(r.table) };
    }
  },
};

export const pgMatviews: SystemTableDef = { schema: 'pg_catalog', name: 'pg_matviews' };
export const pgIndexes: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_indexes',
  *rows({ txn }) {
    for (const r of listRelations(txn)) {
      if (!r.index) continue;
      yield {
        schemaname: r.schema, tablename: r.index.owner.name, indexname: r.index.index.name, tablespace: null,
        indexdef: indexDefinition(r.index.owner, r.index.index),
      };
    }
  },
};
