/**
 * Resolves a written type (TypeRef, already normalised to pg_type names by the parser) to a
 * SqlType with its typmod: varchar(n) → n+4, numeric(p,s) → ((p<<16)|(s & 0x7ff))+4, interval as
 * PostgreSQL packs its fields and precision.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { TypeRef } from '../../../parser/ast.js';
import { intervalTypmod } from '../../../types/interval-typmod.js';
import { numericTypmod } from '../../../types/numeric-typmod.js';
import { arrayTypeOf, TYPE_INFO, vectorType, type ScalarTypeId, type SqlType } from '../../../types/sql-type.js';

/** Finds a user-defined type (CREATE TYPE / DOMAIN) by name; the binder's catalog supplies it. */
export type UserTypeLookup = (name: string) => SqlType | undefined;

const VARHDRSZ = 4;
const ALIASES: Readonly<Record<string, ScalarTypeId>> = {
  int: 'int4', integer: 'int4', smallint: 'int2', bigint: 'int8', real: 'float4', float: 'float8',
  'double precision': 'float8', double: 'float8', decimal: 'numeric', boolean: 'bool', character: 'bpchar',
  'character varying': 'varchar', string: 'text', 'timestamp without time zone': 'timestamp',
  'timestamp with time zone': 'timestamptz', 'time without time zone': 'time', int2: 'int2', int4: 'int4', int8: 'int8',
};

/**
 * Catalog-only types clients cast to, and the types our catalogs use for them (the same
 * stand-ins pg_catalog's columns have: pg_node_tree → text …); int2vector/oidvector are
 * vector-flagged int2[]/oid[] (see SqlType.vector), an array of them a plain array.
 */
const CATALOG_STAND_INS: Readonly<Record<string, SqlType>> = {
  regnamespace: { id: 'oid', array: false, typmod: -1 }, regprocedure: { id: 'regproc', array: false, typmod: -1 },
  xid: { id: 'oid', array: false, typmod: -1 }, int2vector: { id: 'int2', array: true, typmod: -1 },
  oidvector: { id: 'oid', array: true, typmod: -1 }, pg_node_tree: { id: 'text', array: false, typmod: -1 },
  aclitem: { id: 'text', array: false, typmod: -1 },
};

const MAX_TIME_PRECISION = 6;
const PRECISION_NAMES: Readonly<Record<string, string>> = { timestamp: 'TIMESTAMP', timestamptz: 'TIMESTAMP(%d) WITH TIME ZONE', time: 'TIME' };

/** timestamp(p) / time(p): p in 0…6 (PostgreSQL clamps a larger p to 6 with a warning, which we skip). */
function timePrecision(id: string, mods: readonly number[]): number {
  const p = mods[0]!;
  if (mods.length > 1) throw new SqlError(SQLSTATE.InvalidParameterValue, 'invalid type modifier');
  if (p < 0) {
    const name = PRECISION_NAMES[id]!.includes('%d') ? PRECISION_NAMES[id]!.replace('%d', String(p)) : `${PRECISION_NAMES[id]}(${p})`;
    throw new SqlError(SQLSTATE.InvalidParameterValue, `${name} precision must not be negative`);
  }
  return Math.min(p, MAX_TIME_PRECISION);
}

/**
 * The SqlType for a TypeRef; 42704 for unknown names. Built-in names win over user types
 * (pg_catalog is first on the search path), as in PostgreSQL.
 */
export function bindTypeRef(ref: TypeRef, userTypes?: UserTypeLookup): SqlType {
  const name = ref.name.toLowerCase();
  const standIn = CATALOG_STAND_INS[name];
  if (name === 'int2vector' || name === 'oidvector') {
    const element = name === 'int2vector' ? 'int2' : 'oid';
    return ref.arrayDims > 0 ? { id: element, array: true, typmod: -1 } : vectorType(element);
  }
  if (standIn) return { ...standIn, array: standIn.array || ref.arrayDims > 0 };
  const id = (ALIASES[name] ?? name) as ScalarTypeId;
  if (!(id in TYPE_INFO) || id === 'unknown' || id === 'void' || id === 'enum' || ref.schema !== undefined) {
    const qualified = ref.schema === undefined || ref.schema === 'public' ? ref.name : `${ref.schema}.${ref.name}`;
    const user = userTypes?.(qualified);
    if (user) return ref.arrayDims > 0 ? arrayTypeOf(user) : user;
    throw new SqlError(SQLSTATE.UndefinedObject, `type "${qualified}" does not exist`);
  }
  let typmod = -1;
  const mods = ref.modifiers;
  // `char` alone is char(1) (the parser adds the modifier); `bpchar` alone has no length limit.
  if ((id === 'varchar' || id === 'bpchar') && mods.length > 0) typmod = mods[0]! + VARHDRSZ;
  else if (id === 'numeric' && mods.length > 0) typmod = numericTypmod(mods[0]!, mods[1]);
  else if (id === 'interval' && mods.length > 0) typmod = intervalTypmod(mods[0]!, mods[1]);
  else if ((id === 'timestamp' || id === 'timestamptz' || id === 'time') && mods.length > 0) typmod = timePrecision(id, mods);
  return { id, array: ref.arrayDims > 0, typmod };
}
