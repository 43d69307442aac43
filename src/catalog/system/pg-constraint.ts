/**
 * pg_catalog.pg_constraint: PRIMARY KEY ('p'), UNIQUE ('u'), FOREIGN KEY ('f') and CHECK ('c')
 * constraints; a CHECK's conbin is its SQL text (pg_get_expr returns it as is), not a node tree.
 * NOT NULL is a column property here as in PostgreSQL 15 (no row).
 */
import { PUBLIC_NAMESPACE } from '../../functions/system/catalog-oids.js';
import { listConstraints } from './object-defs.js';
import { attnumOf } from './relation-columns.js';
import type { SystemTableDef } from './system-table.js';

export const pgConstraint: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_constraint',
  *rows({ txn }) {
    const tables = txn.listTables();
    for (const { table, constraint } of listConstraints(txn)) {
      const ref = constraint.references;
      const target = ref ? tables.find((t) => t.id === ref.tableId) : undefined;
      // A foreign key's conindid is the referenced table's unique index on the referenced columns.
      const refIndex = ref && target?.indexes?.find((i) => i.unique && i.columnIds.length === ref.columnIds.length
        && i.columnIds.every((id) => ref.columnIds.includes(id)));
      yield {
        oid: constraint.oid, conname: constraint.name, connamespace: PUBLIC_NAMESPACE, contype: constraint.type,
        condeferrable: false, condeferred: false, convalidated: !constraint.notValid, conrelid: table.oid, contypid: 0,
        conindid: constraint.indexOid ?? refIndex?.oid ?? 0, conparentid: 0, confrelid: target?.oid ?? 0,
        confupdtype: ref?.onUpdate ?? ' ', confdeltype: ref?.onDelete ?? ' ', confmatchtype: ref ? (ref.matchFull ? 'f' : 's') : ' ',
        // A CHECK is inherited unless NO INHERIT; keys and foreign keys never are.
        conislocal: true, coninhcount: 0, connoinherit: constraint.type !== 'c' || constraint.noInherit === true,
        conkey: constraint.columnIds.map((id) => attnumOf(table, id)),
        confkey: ref && target ? ref.columnIds.map((id) => attnumOf(target, id)) : null,
        conpfeqop: null, conppeqop: null, conffeqop: null, confdelsetcols: null, conexclop: null, conbin: constraint.checkSql ?? null,
      };
    }
  },
};
