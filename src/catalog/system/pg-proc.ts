/**
 * pg_catalog.pg_proc: the registered functions (one row per overload) and the type I/O
 * functions pg_type names, all in pg_catalog (proc-list.ts derives them from the registry).
 */
import { builtinRegistry } from '../../functions/builtins.js';
import { INTERNAL_LANGUAGE, PG_CATALOG_NAMESPACE, ROLE_OID } from '../../functions/system/catalog-oids.js';
import { listProcs } from '../../functions/system/proc-list.js';
import type { SystemTableDef } from './system-table.js';
import { userProcRows } from './pg-proc-user.js';

/** PostgreSQL's default prorows for set-returning functions. */
const SRF_ROWS = 1000;

export const pgProc: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_proc',
  *rows(source) {
    for (const p of listProcs(builtinRegistry)) {
      yield {
        oid: p.oid, proname: p.name, pronamespace: PG_CATALOG_NAMESPACE, proowner: ROLE_OID, prolang: INTERNAL_LANGUAGE,
        procost: 1, prorows: p.returnsSet ? SRF_ROWS : 0, provariadic: p.variadic, prosupport: 0, prokind: p.kind,
        prosecdef: false, proleakproof: false, proisstrict: p.strict, proretset: p.returnsSet,
        provolatile: p.volatility, proparallel: 's', pronargs: p.argTypes.length, pronargdefaults: 0,
        prorettype: p.returnType, proargtypes: p.argTypes, proallargtypes: null, proargmodes: null,
        proargnames: null, proargdefaults: null, protrftypes: null, prosrc: p.name, probin: null,
        prosqlbody: null, proconfig: null, proacl: null,
      };
    }
    yield* userProcRows(source);
  },
};
