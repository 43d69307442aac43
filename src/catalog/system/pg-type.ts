/**
 * pg_catalog.pg_type: every type this server has, with its array type, all in pg_catalog.
 * Storage and I/O facts are PostgreSQL 15's (pg-type-facts.ts); user types (composites,
 * enums, domains) come from pg-user-types.ts.
 */
import { PG_CATALOG_NAMESPACE, ROLE_OID } from '../../functions/system/catalog-oids.js';
import { PG_TYPE_FACTS } from '../../functions/system/pg-type-facts.js';
import type { SystemTableDef } from './system-table.js';
import { userTypeRows } from './pg-user-types.js';

export const pgType: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_type',
  *rows(source) {
    yield* userTypeRows(source);
    for (const t of PG_TYPE_FACTS.values()) {
      yield {
        oid: t.oid, typname: t.typname, typnamespace: PG_CATALOG_NAMESPACE, typowner: ROLE_OID, typlen: t.typlen,
        typbyval: t.typbyval, typtype: t.typtype, typcategory: t.typcategory, typispreferred: t.typispreferred,
        typisdefined: true, typdelim: t.typdelim, typrelid: 0, typsubscript: t.typsubscript[0], typelem: t.typelem,
        typarray: t.typarray, typinput: t.typinput[0], typoutput: t.typoutput[0], typreceive: t.typreceive[0],
        typsend: t.typsend[0], typmodin: t.typmodin[0], typmodout: t.typmodout[0], typanalyze: 0,
        typalign: t.typalign, typstorage: t.typstorage, typnotnull: false, typbasetype: 0, typtypmod: -1,
        typndims: 0, typcollation: t.typcollation, typdefaultbin: null, typdefault: null, typacl: null,
      };
    }
  },
};
