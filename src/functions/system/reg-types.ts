/**
 * The object-identifier alias types' text forms: regclass, regtype and regproc read a name
 * and store an OID, and print the OID back as a name (PostgreSQL's regclassin/regclassout …).
 * regtype and regproc need only the type table and the function registry; regclass asks the
 * catalog through the evaluation context's `CatalogLookup`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import {
  arrayTypeOf, formatTypeName, TYPE_INFO, typeFromOid, typeOid, type ScalarTypeId, type SqlType,
} from '../../types/sql-type.js';
import { builtinRegistry } from '../builtins.js';
import type { CatalogLookup } from './catalog-lookup.js';
import { listProcs } from './proc-list.js';
import { parseQualifiedName, quoteName } from './qualified-name.js';

/** The alias types whose text form is a name. */
export const REG_TYPES: ReadonlySet<ScalarTypeId> = new Set(['regclass', 'regtype', 'regproc']);

/** Written type names that are not pg_type names (what format_type prints, SQL spellings). */
const TYPE_ALIASES: Readonly<Record<string, ScalarTypeId>> = {
  integer: 'int4', int: 'int4', smallint: 'int2', bigint: 'int8', real: 'float4', 'double precision': 'float8',
  boolean: 'bool', 'character varying': 'varchar', character: 'bpchar', decimal: 'numeric',
  'timestamp without time zone': 'timestamp', 'timestamp with time zone': 'timestamptz',
  'time without time zone': 'time', '"char"': 'char',
};

/** Pseudo-types: no values of them exist, but catalog queries name them ('trigger'::regtype). */
const PSEUDO_TYPES: Readonly<Record<string, number>> = {
  any: 2276, anyelement: 2283, anyarray: 2277, record: 2249, cstring: 2275, internal: 2281, trigger: 2279,
  event_trigger: 3838, language_handler: 2280, anynonarray: 2776, anyenum: 3500, void: 2278,
};

/** A numeric string is taken as the OID itself, as in PostgreSQL. */
function asOid(text: string): number | undefined {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** `'integer'::regtype`, `'_float4'::regtype`, `'real[]'::regtype` → the type's OID. */
export function regtypeIn(text: string, catalog?: CatalogLookup): number {
  const oid = asOid(text);
  if (oid !== undefined) return oid;
  const user = userTypeOidByName(text, catalog);
  if (user !== undefined) return user;
  let name = text.trim().replace(/^pg_catalog\./i, '').replace(/\s+/g, ' ');
  let array = false;
  if (name.endsWith('[]')) { array = true; name = name.slice(0, -2).trim(); }
  if (name.startsWith('_')) { array = true; name = name.slice(1); }
  name = name.replace(/\(.*\)$/, '').trim();
  const lower = name.startsWith('"') ? name : name.toLowerCase();
  const pseudo = PSEUDO_TYPES[lower.replace(/^"(.*)"$/, '$1')];
  if (pseudo !== undefined && !array) return pseudo;
  const id = TYPE_ALIASES[lower] ?? (lower.replace(/^"(.*)"$/, '$1') as ScalarTypeId);
  const info = TYPE_INFO[id];
  const found = info && (array ? info.arrayOid : info.oid);
  if (!found) throw new SqlError(SQLSTATE.UndefinedObject, `type "${text}" does not exist`);
  return found;
}

/** A user type's OID (or its array's) from `name`, `name[]`, `_name` or `public.name`. */
function userTypeOidByName(text: string, catalog: CatalogLookup | undefined): number | undefined {
  if (!catalog?.userTypeByName) return undefined;
  let name = text.trim().replace(/^public\./i, '');
  const array = name.endsWith('[]');
  if (array) name = name.slice(0, -2).trim();
  name = name.startsWith('"') ? name.replace(/^"(.*)"$/, '$1') : name.toLowerCase();
  const type = catalog.userTypeByName(name) ?? (array ? undefined : catalog.userTypeByName(name.replace(/^_/, '')));
  if (!type) return undefined;
  const wantArray = array || !catalog.userTypeByName(name);
  return typeOid(wantArray ? arrayTypeOf(type) : type);
}

/** The type with pg_type OID `oid`: a built-in one, else a user type the catalog knows. */
function typeByOid(oid: number, catalog: CatalogLookup | undefined): SqlType | undefined {
  return typeFromOid(oid) ?? catalog?.userTypeByOid?.(oid);
}

/** format_type(oid, typmod): PostgreSQL's display name, `???` for OIDs we do not know. */
export function formatType(oid: number, typmod: number | null, catalog?: CatalogLookup): string {
  const type = typeByOid(oid, catalog);
  if (!type) return '???';
  return formatTypeName(type.udt || type.domain ? type : { ...type, typmod: typmod ?? -1 });
}

export function regtypeOut(oid: number, catalog?: CatalogLookup): string {
  if (oid === 0) return '-';
  return typeByOid(oid, catalog) ? formatType(oid, -1, catalog) : String(oid);
}

/** pg_type_is_visible: true for any type we know (all are in pg_catalog or public), NULL otherwise. */
export function typeIsVisible(oid: number, catalog: CatalogLookup | undefined): boolean | null {
  return typeByOid(oid, catalog) ? true : null;
}

/** `'pg_catalog.array_in'::regproc` → the function's OID (42883 if none, 42725 if overloaded). */
export function regprocIn(text: string): number {
  const oid = asOid(text);
  if (oid !== undefined) return oid;
  const { schema, name } = parseQualifiedName(text);
  const matches = schema === undefined || schema === 'pg_catalog'
    ? listProcs(builtinRegistry).filter((p) => p.name === name) : [];
  if (matches.length === 0) throw new SqlError(SQLSTATE.UndefinedFunction, `function "${text}" does not exist`);
  if (matches.length > 1) throw new SqlError(SQLSTATE.AmbiguousFunction, `more than one function named "${text}"`);
  return matches[0]!.oid;
}

export function regprocOut(oid: number): string {
  if (oid === 0) return '-';
  return listProcs(builtinRegistry).find((p) => p.oid === oid)?.name ?? String(oid);
}

/** `'items'::regclass` → the relation's OID; 42P01 if there is none. */
export function regclassIn(text: string, catalog: CatalogLookup | undefined): number {
  const oid = asOid(text);
  if (oid !== undefined) return oid;
  const { schema, name } = parseQualifiedName(text);
  if (!catalog) throw new SqlError(SQLSTATE.InternalError, 'regclass input needs the catalog');
  const relation = catalog.relationByName(schema, name);
  if (!relation) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${text}" does not exist`);
  return relation.oid;
}

/** The relation's name, schema-qualified unless its schema is on the search path. */
export function regclassOut(oid: number, catalog: CatalogLookup | undefined): string {
  if (oid === 0) return '-';
  // Without the catalog (constant folding at plan time) the name is unknown: defer to run time.
  if (!catalog) throw new SqlError(SQLSTATE.InternalError, 'regclass output needs the catalog');
  const relation = catalog.relationByOid(oid);
  if (!relation) return String(oid);
  const visible = catalog.relationByName(undefined, relation.name)?.oid === oid;
  return visible ? quoteName(relation.name) : `${quoteName(relation.schema)}.${quoteName(relation.name)}`;
}

/** Text → alias type (the cast `'name'::regclass`). */
export function regIn(type: ScalarTypeId, text: string, catalog: CatalogLookup | undefined): number {
  if (type === 'regclass') return regclassIn(text, catalog);
  if (type === 'regtype') return regtypeIn(text, catalog);
  return regprocIn(text);
}

/** Alias type → text (the cast `oid::regclass::text`). */
export function regOut(type: ScalarTypeId, oid: number, catalog: CatalogLookup | undefined): string {
  if (type === 'regclass') return regclassOut(oid, catalog);
  if (type === 'regtype') return regtypeOut(oid, catalog);
  return regprocOut(oid);
}
