/**
 * pg_aggregate rows of user aggregates (CREATE AGGREGATE) and pg_operator rows of user
 * operators (CREATE OPERATOR), in schema public. Support functions (regproc) are the user
 * function of that name when there is one, else the built-in's pg_proc OID; built-in
 * aggregates and operators are not listed.
 */
import { builtinRegistry } from '../../functions/builtins.js';
import { PUBLIC_NAMESPACE, ROLE_OID } from '../../functions/system/catalog-oids.js';
import { listProcs } from '../../functions/system/proc-list.js';
import type { StoredFunctionRef, StoredObject } from '../../storage/storage-api.js';
import { typeOid, type SqlType } from '../../types/sql-type.js';
import { userFunctionsNamed, userOperatorsNamed } from '../user-functions.js';
import type { SystemTableDef } from './system-table.js';

/** A support function's pg_proc OID (0 when absent). */
function procOid(objects: readonly StoredObject[], ref: StoredFunctionRef | undefined): number {
  if (!ref) return 0;
  const user = userFunctionsNamed(objects, ref.name).find((f) => !f.aggregate);
  return user?.id ?? listProcs(builtinRegistry).find((p) => p.name === ref.name)?.oid ?? 0;
}

function oidOf(type: SqlType | undefined): number {
  return type ? typeOid(type) : 0;
}

export const pgAggregate: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_aggregate',
  *rows(source) {
    const objects = source.txn.listObjects();
    for (const o of objects) {
      if (o.kind !== 'function' || !o.aggregate) continue;
      const a = o.aggregate;
      yield {
        aggfnoid: o.id, aggkind: 'n', aggnumdirectargs: 0, aggtransfn: procOid(objects, a.sfunc), aggfinalfn: procOid(objects, a.finalfunc),
        aggcombinefn: procOid(objects, a.combinefunc), aggserialfn: 0, aggdeserialfn: 0, aggmtransfn: procOid(objects, a.msfunc),
        aggminvtransfn: procOid(objects, a.minvfunc), aggmfinalfn: 0, aggfinalextra: a.finalExtra, aggmfinalextra: false,
        aggfinalmodify: 'r', aggmfinalmodify: 'r', aggsortop: 0, aggtranstype: a.stypePoly ? 0 : typeOid(a.stype), aggtransspace: 0,
        aggmtranstype: oidOf(a.mstype), aggmtransspace: 0, agginitval: a.initcond ?? null, aggminitval: a.minitcond ?? null,
      };
    }
  },
};

export const pgOperator: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_operator',
  *rows(source) {
    const objects = source.txn.listObjects();
    for (const o of objects) {
      if (o.kind !== 'operator') continue;
      const partner = (symbol: string | undefined) => (symbol ? userOperatorsNamed(objects, symbol)[0]?.id ?? 0 : 0);
      yield {
        oid: o.id, oprname: o.name, oprnamespace: PUBLIC_NAMESPACE, oprowner: ROLE_OID, oprkind: o.left ? 'b' : 'l',
        oprcanmerge: false, oprcanhash: false, oprleft: oidOf(o.left), oprright: typeOid(o.right), oprresult: typeOid(o.returns),
        oprcom: partner(o.commutator), oprnegate: partner(o.negator), oprcode: procOid(objects, o.procedure), oprrest: 0, oprjoin: 0,
      };
    }
  },
};
