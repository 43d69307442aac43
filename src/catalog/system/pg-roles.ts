/**
 * pg_roles, pg_user, pg_authid: the one role the server has, a superuser with every
 * attribute (trust or password auth all map to it). Passwords never appear.
 */
import { ROLE_OID } from '../../functions/system/catalog-oids.js';
import { userName } from '../../functions/system/session-identity.js';
import type { SystemSource, SystemTableDef } from './system-table.js';

/** PostgreSQL shows this instead of a password in pg_roles/pg_user. */
const HIDDEN_PASSWORD = '********';

function role({ setting }: SystemSource) {
  return {
    oid: ROLE_OID, rolname: userName(setting), rolsuper: true, rolinherit: true, rolcreaterole: true,
    rolcreatedb: true, rolcanlogin: true, rolreplication: true, rolbypassrls: true, rolconnlimit: -1,
    rolvaliduntil: null,
  };
}

export const pgRoles: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_roles',
  rows: (source) => [{ ...role(source), rolpassword: HIDDEN_PASSWORD, rolconfig: null }],
};

export const pgAuthid: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_authid',
  rows: (source) => [{ ...role(source), rolpassword: null }],
};

export const pgUser: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_user',
  rows: ({ setting }) => [{
    usename: userName(setting), usesysid: ROLE_OID, usecreatedb: true, usesuper: true, userepl: true,
    usebypassrls: true, passwd: HIDDEN_PASSWORD, valuntil: null, useconfig: null,
  }],
};
