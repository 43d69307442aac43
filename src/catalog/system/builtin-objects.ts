/**
 * Catalogs holding only what every PostgreSQL database has: access methods, collations,
 * tablespaces, languages and the plpgsql extension (psql's \dx and Grafana's timescaledb
 * probe read pg_extension; `\d` reads pg_am.amname and pg_collation.collname).
 */
import {
  BTREE_AM, C_COLLATION, DEFAULT_COLLATION, DEFAULT_TABLESPACE, GLOBAL_TABLESPACE, HEAP_AM, INTERNAL_LANGUAGE,
  PG_CATALOG_NAMESPACE, PLPGSQL_EXTENSION, PLPGSQL_LANGUAGE, ROLE_OID,
} from '../../functions/system/catalog-oids.js';
import type { SystemTableDef } from './system-table.js';

/** pg_am handler function OIDs as in PostgreSQL 15 (heap_tableam_handler, bthandler). */
const HEAP_HANDLER = 3;
const BTREE_HANDLER = 330;
const POSIX_COLLATION = 951;
const C_LANGUAGE = 13;
const SQL_LANGUAGE = 14;

export const pgAm: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_am',
  rows: () => [
    { oid: HEAP_AM, amname: 'heap', amhandler: HEAP_HANDLER, amtype: 't' },
    { oid: BTREE_AM, amname: 'btree', amhandler: BTREE_HANDLER, amtype: 'i' },
  ],
};

const collation = (oid: number, collname: string, collprovider: string, collcollate: string | null) => ({
  oid, collname, collnamespace: PG_CATALOG_NAMESPACE, collowner: ROLE_OID, collprovider, collisdeterministic: true,
  collencoding: -1, collcollate, collctype: collcollate, colliculocale: null, collversion: null,
});

export const pgCollation: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_collation',
  rows: () => [collation(DEFAULT_COLLATION, 'default', 'd', null), collation(C_COLLATION, 'C', 'c', 'C'),
    collation(POSIX_COLLATION, 'POSIX', 'c', 'POSIX')],
};

export const pgTablespace: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_tablespace',
  rows: () => [
    { oid: DEFAULT_TABLESPACE, spcname: 'pg_default', spcowner: ROLE_OID, spcacl: null, spcoptions: null },
    { oid: GLOBAL_TABLESPACE, spcname: 'pg_global', spcowner: ROLE_OID, spcacl: null, spcoptions: null },
  ],
};

const language = (oid: number, lanname: string, lanispl: boolean, lanpltrusted: boolean) => ({
  oid, lanname, lanowner: ROLE_OID, lanispl, lanpltrusted, lanplcallfoid: 0, laninline: 0, lanvalidator: 0, lanacl: null,
});

export const pgLanguage: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_language',
  rows: () => [language(INTERNAL_LANGUAGE, 'internal', false, false), language(C_LANGUAGE, 'c', false, false),
    language(SQL_LANGUAGE, 'sql', false, true), language(PLPGSQL_LANGUAGE, 'plpgsql', true, true)],
};

export const pgExtension: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_extension',
  rows: () => [{
    oid: PLPGSQL_EXTENSION, extname: 'plpgsql', extowner: ROLE_OID, extnamespace: PG_CATALOG_NAMESPACE,
    extrelocatable: false, extversion: '1.0', extconfig: null, extcondition: null,
  }],
};
