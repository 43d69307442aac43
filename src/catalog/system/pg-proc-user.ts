/**
 * pg_proc rows of user functions and procedures (CREATE FUNCTION / PROCEDURE … LANGUAGE sql),
 * in schema public: signature, modes and names of every parameter, the body in prosrc (or,
 * for BEGIN ATOMIC, in prosqlbody as its text), so psql's \df and pg_proc queries list them.
 */
import { inputParameters } from '../user-functions.js';
import { PLPGSQL_LANGUAGE, PUBLIC_NAMESPACE, ROLE_OID } from '../../functions/system/catalog-oids.js';
import type { StoredFunction, StoredFunctionParameter } from '../../storage/storage-api.js';
import { RECORD_OID, typeOid } from '../../types/sql-type.js';
import type { SystemRow, SystemSource } from './system-table.js';

/** pg_language's OIDs of LANGUAGE sql and internal (aggregates: prosrc aggregate_dummy). */
const SQL_LANGUAGE = 14;
const INTERNAL_LANGUAGE = 12;
const VOID_OID = 2278;
const PSEUDO_OIDS: Readonly<Record<string, number>> = {
  anyelement: 2283, anyarray: 2277, anynonarray: 2776, anyenum: 3500, anycompatible: 5077, anycompatiblearray: 5078, any: 2276,
};

/** pg_type OID of the `trigger` pseudo-type. */
const TRIGGER_OID = 2279;

function parameterOid(p: StoredFunctionParameter): number {
  return p.poly ? PSEUDO_OIDS[p.poly]! : typeOid(p.type);
}

function returnOid(fn: StoredFunction): number {
  if (fn.returnsPoly) return PSEUDO_OIDS[fn.returnsPoly]!;
  if (fn.returnsTrigger) return TRIGGER_OID;
  if (fn.returns.fields) return RECORD_OID;
  return fn.returns.id === 'void' ? VOID_OID : typeOid(fn.returns);
}

function row(fn: StoredFunction): SystemRow {
  const inputs = inputParameters(fn);
  const allInputs = fn.params.every((p) => p.mode === 'i');
  const named = fn.params.some((p) => p.name !== undefined);
  return {
    oid: fn.id, proname: fn.name, pronamespace: PUBLIC_NAMESPACE, proowner: ROLE_OID, prolang: fn.language === 'plpgsql' ? PLPGSQL_LANGUAGE : fn.language === 'internal' ? INTERNAL_LANGUAGE : SQL_LANGUAGE,
    procost: fn.cost, prorows: fn.rows, provariadic: 0, prosupport: 0, prokind: fn.procedure ? 'p' : fn.aggregate ? 'a' : 'f',
    prosecdef: fn.securityDefiner, proleakproof: false, proisstrict: fn.strict, proretset: fn.setof,
    provolatile: fn.volatility, proparallel: 'u', pronargs: inputs.length,
    pronargdefaults: inputs.filter((p) => p.default !== undefined).length,
    prorettype: returnOid(fn), proargtypes: inputs.map(parameterOid),
    proallargtypes: allInputs ? null : fn.params.map(parameterOid),
    proargmodes: allInputs ? null : fn.params.map((p) => p.mode),
    proargnames: named ? fn.params.map((p) => p.name ?? '') : null,
    proargdefaults: null, protrftypes: null, prosrc: fn.atomic ? '' : fn.body, probin: null,
    prosqlbody: fn.atomic ? fn.body : null, proconfig: null, proacl: null,
  };
}

/** One row per user function and procedure. */
export function* userProcRows(source: SystemSource): Iterable<SystemRow> {
  for (const o of source.txn.listObjects()) if (o.kind === 'function') yield row(o);
}
