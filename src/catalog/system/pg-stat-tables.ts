/**
 * pg_stat_user_tables / pg_stat_all_tables: per-table statistics. Only the live row count is
 * real (Metabase reads n_live_tup as its row estimate); scan counters are not tracked.
 */
import type { CatalogRelation } from './relation-list.js';
import { listRelations } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

function statRow(r: CatalogRelation) {
  return {
    relid: r.table.oid, schemaname: r.schema, relname: r.table.name, seq_scan: 0n, seq_tup_read: 0n, idx_scan: null,
    idx_tup_fetch: null, n_tup_ins: BigInt(r.rowCount), n_tup_upd: 0n, n_tup_del: 0n, n_tup_hot_upd: 0n,
    n_live_tup: BigInt(r.rowCount), n_dead_tup: 0n, n_mod_since_analyze: 0n, n_ins_since_vacuum: 0n,
    last_vacuum: null, last_autovacuum: null, last_analyze: null, last_autoanalyze: null,
    vacuum_count: 0n, autovacuum_count: 0n, analyze_count: 0n, autoanalyze_count: 0n,
  };
}

export const pgStatUserTables: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_stat_user_tables',
  rows: ({ txn }) => listRelations(txn).filter((r) => r.schema === 'public' && r.relkind === 'r').map(statRow),
};

export const pgStatAllTables: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_stat_all_tables',
  rows: ({ txn }) => listRelations(txn).filter((r) => r.relkind === 'r').map(statRow),
};
