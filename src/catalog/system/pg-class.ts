/**
 * pg_catalog.pg_class: user tables ('r'), partitioned tables ('p'), views ('v'), indexes ('i', btree) and sequences
 * ('S') in schema public, and the catalog relations themselves (base catalogs 'r', catalog
 * views 'v'). No TOAST tables exist here, so those columns are constant.
 */
import { BTREE_AM, HEAP_AM, ROLE_OID } from '../../functions/system/catalog-oids.js';
import { partitionBoundSql } from '../partition-text.js';
import type { StoredTable, StoredView } from '../../storage/storage-api.js';
import { listRelations, type CatalogRelation } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

export const pgClass: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_class',
  *rows({ txn }) {
    // PostgreSQL implements foreign keys with triggers on both tables; psql prints the
    // "Foreign-key constraints:" / "Referenced by:" footers only when relhastriggers is set.
    const withTriggers = new Set(txn.listTables().flatMap((t) => (t.constraints ?? [])
      .filter((c) => c.references).flatMap((c) => [t.id, c.references!.tableId])));
    const byId = new Map(txn.listTables().map((t) => [t.id, t]));
    for (const r of listRelations(txn)) {
      const table = r.relkind === 'r';
      // A partitioned table has no storage of its own (relam and relfilenode 0, as in PostgreSQL 15).
      const stored = r.relkind !== 'v' && r.relkind !== 'p';
      const parentKey = r.table.partitionBound ? txn.getTableById(r.table.inherits?.[0] ?? 0)?.partitionKey : undefined;
      yield {
        oid: r.table.oid, relname: r.table.name, relnamespace: r.namespaceOid, reltype: 0, reloftype: 0,
        relowner: ROLE_OID, relam: table ? HEAP_AM : r.relkind === 'i' ? BTREE_AM : 0,
        relfilenode: stored ? r.table.oid : 0, reltablespace: 0,
        relpages: 0, reltuples: stored ? r.rowCount : -1, relallvisible: 0, reltoastrelid: 0,
        relhasindex: (r.table.indexes?.length ?? 0) > 0, relisshared: false, relpersistence: persistenceOf(r, byId), relkind: r.relkind,
        relnatts: r.table.columns.length, relchecks: table || r.relkind === 'p' ? (r.table.constraints ?? []).filter((c) => c.type === 'c').length : 0, relhasrules: r.relkind === 'v', relhastriggers: ((table || r.relkind === 'p') && withTriggers.has(r.table.id)) || (r.table.triggers?.length ?? 0) > 0,
        relhassubclass: (table || r.relkind === 'p') && txn.childrenOf(r.table.id).length > 0, relrowsecurity: false, relforcerowsecurity: false, relispopulated: true,
        relreplident: table || r.relkind === 'p' ? 'd' : 'n', relispartition: r.table.partitionBound !== undefined, relrewrite: 0, relfrozenxid: 0, relminmxid: 0,
        relacl: null, reloptions: r.table.options ?? viewOptions(r.table.view),
        relpartbound: r.table.partitionBound && parentKey ? partitionBoundSql(r.table.partitionBound, parentKey) : null,
      };
    }
  },
};

/**
 * 't' temporary, 'u' unlogged, 'p' permanent: an index and a sequence owned by a column follow
 * their table (PostgreSQL 15 makes an unlogged table's sequences unlogged too).
 */
function persistenceOf(r: CatalogRelation, byId: ReadonlyMap<number, StoredTable>): 't' | 'u' | 'p' {
  const ownedBy = r.table.sequence?.ownedBy;
  const owner = r.index?.owner ?? (ownedBy ? byId.get(ownedBy.tableId) : undefined) ?? r.table;
  return r.table.temporary || owner.temporary ? 't' : owner.unlogged ? 'u' : 'p';
}

/** A view's reloptions as PostgreSQL stores them (`{security_barrier=true,check_option=local}`), or NULL. */
function viewOptions(view: StoredView | undefined): string[] | null {
  const options = [
    ...(view?.securityBarrier !== undefined ? [`security_barrier=${view.securityBarrier}`] : []),
    ...(view?.checkOption ? [`check_option=${view.checkOption}`] : []),
  ];
  return options.length > 0 ? options : null;
}
