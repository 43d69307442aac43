/**
 * pg_catalog.pg_attribute: one row per column of every relation (user columns only: the
 * system columns ctid, xmin … with negative attnum do not exist here). Length, alignment and
 * storage come from pg_type; string columns carry the default collation.
 */
import { C_COLLATION, DEFAULT_COLLATION } from '../../functions/system/catalog-oids.js';
import { PG_TYPE_FACTS } from '../../functions/system/pg-type-facts.js';
import { typeLen, typeOid, type SqlType } from '../../types/sql-type.js';
import { listRelations } from './relation-list.js';
import type { SystemTableDef } from './system-table.js';

const COLLATABLE = new Set(['text', 'varchar', 'bpchar']);

/** attcollation: text types use the database default; `name` is always "C". */
export function collationOf(type: SqlType): number {
  if (COLLATABLE.has(type.id)) return DEFAULT_COLLATION;
  return type.id === 'name' ? C_COLLATION : 0;
}

export const pgAttribute: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_attribute',
  *rows({ txn }) {
    for (const r of listRelations(txn)) {
      let attnum = 0;
      for (const c of r.table.columns) {
        const facts = PG_TYPE_FACTS.get(typeOid(c.type));
        yield {
          attrelid: r.table.oid, attname: c.name, atttypid: typeOid(c.type), attstattarget: c.statistics ?? -1,
          attlen: typeLen(c.type), attnum: ++attnum, attndims: c.type.array ? 1 : 0, attcacheoff: -1,
          atttypmod: c.type.typmod, attbyval: facts?.typbyval ?? false, attalign: facts?.typalign ?? 'i',
          attstorage: c.storage ?? facts?.typstorage ?? 'p', attcompression: '', attnotnull: c.notNull,
          // An identity column's nextval is ours, not a default PostgreSQL would show (no pg_attrdef row).
          atthasdef: c.defaultSql !== undefined && !c.identity, atthasmissing: false, attidentity: c.identity ?? '', attgenerated: '',
          attisdropped: false, attislocal: true, attinhcount: 0, attcollation: collationOf(c.type),
          attacl: null, attoptions: null, attfdwoptions: null, attmissingval: null,
        };
      }
    }
  },
};
