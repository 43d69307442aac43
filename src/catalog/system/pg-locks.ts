/**
 * pg_catalog.pg_locks: the advisory locks every session holds or waits for, server-wide (the
 * only heavyweight locks this engine takes: tables are versioned, not locked). Keys split as
 * PostgreSQL splits them: classid = high 32 bits (or the first int4), objid = low 32 bits (or
 * the second), objsubid 1 for a bigint key, 2 for two int4s.
 */
import { DATABASE_OID } from '../../functions/system/catalog-oids.js';
import type { SystemRow, SystemTableDef } from './system-table.js';

export const pgLocks: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_locks',
  rows: ({ server }): SystemRow[] => (server?.advisory.list() ?? []).map((lock) => ({
    locktype: 'advisory', database: DATABASE_OID, relation: null, page: null, tuple: null, virtualxid: null, transactionid: null,
    classid: lock.key.high >>> 0, objid: lock.key.low >>> 0, objsubid: lock.key.objsubid, virtualtransaction: null,
    pid: lock.pid, mode: lock.mode === 'exclusive' ? 'ExclusiveLock' : 'ShareLock', granted: lock.granted, fastpath: false,
    waitstart: lock.waitStart,
  })),
};
