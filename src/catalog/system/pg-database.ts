/**
 * pg_catalog.pg_database: the one database this server serves (src/protocol/README.md), UTF8
 * with the "C" locale from the libc provider, like `initdb --locale=C`.
 */
import { DATABASE_OID, DEFAULT_TABLESPACE, ROLE_OID, UTF8_ENCODING } from '../../functions/system/catalog-oids.js';
import { databaseName } from '../../functions/system/session-identity.js';
import type { SystemTableDef } from './system-table.js';

export const pgDatabase: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_database',
  rows: ({ setting }) => [{
    oid: DATABASE_OID, datname: databaseName(setting), datdba: ROLE_OID, encoding: UTF8_ENCODING,
    datlocprovider: 'c', datistemplate: false, datallowconn: true, datconnlimit: -1, datfrozenxid: 0,
    datminmxid: 1, dattablespace: DEFAULT_TABLESPACE, datcollate: 'C', datctype: 'C', daticulocale: null,
    datcollversion: null, datacl: null,
  }],
};
