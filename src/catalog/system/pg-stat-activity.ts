/**
 * pg_catalog.pg_stat_activity: this session's own row (other sessions are not visible to a
 * statement; Superset only looks itself up by pid to cancel).
 */
import { DATABASE_OID, ROLE_OID } from '../../functions/system/catalog-oids.js';
import { databaseName, userName } from '../../functions/system/session-identity.js';
import { BACKEND_PID_KEY } from '../../functions/scalar/system-functions.js';
import type { SystemTableDef } from './system-table.js';

export const pgStatActivity: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_stat_activity',
  rows: ({ setting }) => [{
    datid: DATABASE_OID, datname: databaseName(setting), pid: Number(setting(BACKEND_PID_KEY) ?? process.pid),
    leader_pid: null, usesysid: ROLE_OID, usename: userName(setting), application_name: setting('application_name') ?? '',
    client_addr: null, client_hostname: null, client_port: null, backend_start: null, xact_start: null,
    query_start: null, state_change: null, wait_event_type: null, wait_event: null, state: 'active',
    backend_xid: null, backend_xmin: null, query_id: null, query: '', backend_type: 'client backend',
  }],
};
