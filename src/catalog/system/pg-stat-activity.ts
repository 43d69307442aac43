/**
 * pg_catalog.pg_stat_activity: one row per backend of the server, from the activity board every
 * engine thread shares (state, current or last query, times, client). Without a server (unit
 * tests) only this session's own row.
 */
import { DATABASE_OID, ROLE_OID } from '../../functions/system/catalog-oids.js';
import { databaseName, userName } from '../../functions/system/session-identity.js';
import { BACKEND_PID_KEY } from '../../functions/scalar/system-functions.js';
import type { SystemRow, SystemTableDef } from './system-table.js';

const COMMON = { datid: DATABASE_OID, leader_pid: null, usesysid: ROLE_OID, client_hostname: null, backend_xid: null, backend_xmin: null, query_id: null, backend_type: 'client backend' };

export const pgStatActivity: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_stat_activity',
  rows: ({ setting, server }): SystemRow[] => {
    if (!server) {
      return [{
        ...COMMON, datname: databaseName(setting), pid: Number(setting(BACKEND_PID_KEY) ?? process.pid), usename: userName(setting),
        application_name: setting('application_name') ?? '', client_addr: null, client_port: null, backend_start: null,
        xact_start: null, query_start: null, state_change: null, wait_event_type: null, wait_event: null, state: 'active', query: '',
      }];
    }
    return server.backends().map((b) => ({
      ...COMMON, datname: b.datname, pid: b.pid, usename: b.usename, application_name: b.applicationName,
      client_addr: b.clientAddr, client_port: b.clientPort, backend_start: b.backendStart, xact_start: b.xactStart,
      query_start: b.queryStart, state_change: b.stateChange, wait_event_type: b.waitEventType, wait_event: b.waitEvent,
      state: b.state, query: b.query,
    }));
  },
};
