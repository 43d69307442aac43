/**
 * pg_type rows of user types (composites, enums, domains, and the array type each has) and
 * pg_enum's labels, in schema public. I/O functions are PostgreSQL's generic ones for the
 * kind (record_in, enum_in, array_in; a domain uses its base type's).
 */
import { PG_TYPE_FACTS } from '../../functions/system/pg-type-facts.js';
import { PUBLIC_NAMESPACE, ROLE_OID } from '../../functions/system/catalog-oids.js';
import type { StoredUserType } from '../../storage/storage-api.js';
import { baseTypeOf, typeOid, type SqlType } from '../../types/sql-type.js';
import type { SystemRow, SystemSource, SystemTableDef } from './system-table.js';

/** pg_proc OIDs of the generic I/O functions (regproc values print their names). */
const IO: Readonly<Record<'composite' | 'enum' | 'array', readonly [number, number, number, number]>> = {
  composite: [2290, 2291, 2402, 2403],
  enum: [3504, 3505, 3532, 3533],
  array: [750, 751, 2400, 2401],
};
const ARRAY_SUBSCRIPT_HANDLER = 6179;

function userTypes(source: SystemSource): StoredUserType[] {
  return source.txn.listObjects().filter((o): o is StoredUserType => o.kind === 'type');
}

function baseRow(oid: number, typname: string): SystemRow {
  return {
    oid, typname, typnamespace: PUBLIC_NAMESPACE, typowner: ROLE_OID, typisdefined: true, typdelim: ',', typanalyze: 0,
    typmodin: 0, typmodout: 0, typnotnull: false, typbasetype: 0, typtypmod: -1, typndims: 0, typcollation: 0,
    typdefaultbin: null, typdefault: null, typacl: null, typispreferred: false, typsubscript: 0, typelem: 0, typrelid: 0,
  };
}

function ioColumns(io: readonly [number, number, number, number]): SystemRow {
  return { typinput: io[0], typoutput: io[1], typreceive: io[2], typsend: io[3] };
}

/** The row of the type itself. */
function typeRow(stored: StoredUserType): SystemRow {
  const type = stored.type;
  if (type.domain) {
    const base = baseTypeOf(type);
    const facts = PG_TYPE_FACTS.get(typeOid(base));
    return {
      ...baseRow(type.domain.oid, stored.name), typlen: facts?.typlen ?? -1, typbyval: facts?.typbyval ?? false, typtype: 'd',
      typcategory: facts?.typcategory ?? (base.udt?.kind === 'enum' ? 'E' : base.fields ? 'C' : 'U'), typarray: type.domain.arrayOid,
      typinput: facts?.typinput[0] ?? 0, typoutput: facts?.typoutput[0] ?? 0, typreceive: facts?.typreceive[0] ?? 0,
      typsend: facts?.typsend[0] ?? 0, typalign: facts?.typalign ?? 'i', typstorage: facts?.typstorage ?? 'x',
      typnotnull: type.domain.notNull, typbasetype: type.domain.base?.oid ?? typeOid(base), typtypmod: base.typmod, typndims: base.array ? 1 : 0,
      typcollation: facts?.typcollation ?? 0, typdefault: type.domain.defaultSql ?? null,
    };
  }
  const udt = type.udt!;
  const composite = udt.kind === 'composite';
  return {
    ...baseRow(udt.oid, stored.name), ...ioColumns(IO[udt.kind]), typlen: composite ? -1 : 4, typbyval: !composite,
    typtype: composite ? 'c' : 'e', typcategory: composite ? 'C' : 'E', typarray: udt.arrayOid, typrelid: udt.relOid,
    typalign: composite ? 'd' : 'i', typstorage: composite ? 'x' : 'p',
  };
}

/** The row of its array type `_name`. */
function arrayRow(stored: StoredUserType): SystemRow {
  const type: SqlType = stored.type;
  const elementOid = typeOid(type);
  const arrayOid = type.domain ? type.domain.arrayOid : type.udt!.arrayOid;
  return {
    ...baseRow(arrayOid, `_${stored.name}`), ...ioColumns(IO.array), typlen: -1, typbyval: false, typtype: 'b',
    typcategory: 'A', typelem: elementOid, typarray: 0, typalign: type.fields ? 'd' : 'i', typstorage: 'x',
    typsubscript: ARRAY_SUBSCRIPT_HANDLER,
  };
}

/** pg_type rows of the transaction's user types. */
export function* userTypeRows(source: SystemSource): Iterable<SystemRow> {
  for (const stored of userTypes(source)) {
    yield typeRow(stored);
    yield arrayRow(stored);
  }
}

export const pgEnum: SystemTableDef = {
  schema: 'pg_catalog', name: 'pg_enum',
  *rows(source) {
    for (const stored of userTypes(source)) {
      const udt = stored.type.udt;
      if (udt?.kind !== 'enum' || stored.type.domain) continue;
      for (const l of udt.labels ?? []) yield { oid: l.oid, enumtypid: udt.oid, enumsortorder: l.sortOrder, enumlabel: l.label };
    }
  },
};
