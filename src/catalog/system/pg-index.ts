/**
 * pg_catalog.pg_index: one row per index (PRIMARY KEY / UNIQUE constraints' and CREATE INDEX's).
 * indkey/indoption are int2vector, indclass/indcollation oidvector: text `1 2`, subscripts from 0.
 */
import { attnumOf } from './relation-columns.js';
import { collationOf } from './pg-attribute.js';
import type { SystemTableDef } from './system-table.js';

export const pgIndex: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_index',
  *rows({ txn }) {
    for (const table of txn.listTables()) {
      for (const index of table.indexes ?? []) {
        const columns = index.columnIds.map((id) => table.columns.find((c) => c.id === id)!);
        yield {
          indexrelid: index.oid, indrelid: table.oid, indnatts: columns.length, indnkeyatts: columns.length,
          indisunique: index.unique, indnullsnotdistinct: false, indisprimary: index.primary, indisexclusion: false,
          indimmediate: true, indisclustered: false, indisvalid: true, indcheckxmin: false, indisready: true,
          indislive: true, indisreplident: false, indkey: index.columnIds.map((id) => attnumOf(table, id)),
          indcollation: columns.map((c) => collationOf(c.type)), indclass: columns.map(() => 0),
          indoption: columns.map(() => 0), indexprs: null, indpred: null,
        };
      }
    }
  },
};
