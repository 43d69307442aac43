/**
 * pg_catalog.pg_attrdef: column defaults. `adbin` holds the default's SQL text (PostgreSQL
 * stores a node tree there, which clients only ever read through pg_get_expr, and our
 * pg_get_expr returns its argument).
 */
import { listRelations } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

/** attrdef OIDs: derived from table OID and column number so they stay stable. */
const ATTRDEF_OID_STRIDE = 1000;
const ATTRDEF_OID_BASE = 1_000_000;

export const pgAttrdef: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_attrdef',
  *rows({ txn }) {
    for (const r of listRelations(txn)) {
      for (let i = 0; i < r.table.columns.length; i++) {
        const c = r.table.columns[i]!;
        if (c.defaultSql === undefined || c.identity) continue;
        yield { oid: ATTRDEF_OID_BASE + r.table.oid * ATTRDEF_OID_STRIDE + i + 1, adrelid: r.table.oid, adnum: i + 1, adbin: c.defaultSql };
      }
    }
  },
};
