/**
 * Pure helpers over user types (StoredUserType): lookup by name, what depends on a type
 * (table columns, composite fields, domains built on it), and the rewrite of every SqlType
 * that embeds a type after ALTER TYPE / ALTER DOMAIN changed it, so stored column types keep
 * the current labels, fields and constraints.
 */
import type { StoredObject, StoredTable, StoredUserType } from '../storage/storage-api.js';
import { arrayTypeOf, type SqlType } from '../types/sql-type.js';
import type { DomainInfo } from '../types/user-type.js';

/** The user type named `name`, if any. */
export function findUserType(objects: readonly StoredObject[], name: string): StoredUserType | undefined {
  return objects.find((o): o is StoredUserType => o.kind === 'type' && o.name === name);
}

/** The user type with pg_type OID `oid` (or whose array type it is). */
export function userTypeByOid(objects: readonly StoredObject[], oid: number): StoredUserType | undefined {
  return objects.find((o): o is StoredUserType => o.kind === 'type' && o.id === oid);
}

function domainUses(domain: DomainInfo | undefined, oid: number): boolean {
  for (let d = domain; d; d = d.base) if (d.oid === oid) return true;
  return false;
}

/** True when `type` is, or is built from, the user type `oid` (arrays, fields, domain bases). */
export function typeUses(type: SqlType, oid: number): boolean {
  if (type.udt?.oid === oid || domainUses(type.domain, oid)) return true;
  return (type.fields ?? []).some((f) => typeUses(f.type, oid));
}

/** What depends on user type `oid`, as PostgreSQL's DETAIL lines name it. */
export interface TypeDependent {
  readonly description: string;
  readonly table?: { readonly table: StoredTable; readonly columnId: number };
  readonly type?: StoredUserType;
}

/** Table columns and other user types that use the type `oid`. */
export function typeDependents(tables: readonly StoredTable[], objects: readonly StoredObject[], oid: number): TypeDependent[] {
  const out: TypeDependent[] = [];
  for (const table of tables) {
    for (const column of table.columns) {
      if (typeUses(column.type, oid)) {
        out.push({ description: `column ${column.name} of table ${table.name}`, table: { table, columnId: column.id } });
      }
    }
  }
  for (const o of objects) {
    if (o.kind !== 'type' || o.id === oid) continue;
    if (typeUses(o.type, oid)) {
      const what = o.type.domain ? `type ${o.name}` : `column ${fieldNameUsing(o.type, oid)} of composite type ${o.name}`;
      out.push({ description: what, type: o });
    }
  }
  return out;
}

function fieldNameUsing(type: SqlType, oid: number): string {
  return type.fields?.find((f) => typeUses(f.type, oid))?.name ?? '?';
}

function replaceDomain(domain: DomainInfo, oid: number, replacement: SqlType): DomainInfo {
  if (!domain.base) return domain;
  if (domain.base.oid === oid && replacement.domain) return { ...domain, base: replacement.domain };
  return { ...domain, base: replaceDomain(domain.base, oid, replacement) };
}

/**
 * `type` with every use of user type `oid` replaced by its new definition `replacement`
 * (the type as created: not an array). Returns `type` itself when nothing changed.
 */
export function replaceEmbeddedType(type: SqlType, oid: number, replacement: SqlType): SqlType {
  if (type.domain?.oid === oid) return type.array && !replacement.array ? arrayTypeOf(replacement) : replacement;
  let next = type;
  if (type.domain && domainUses(type.domain.base, oid)) {
    next = { ...replacement, domain: replaceDomain(type.domain, oid, replacement) };
  } else if (type.udt?.oid === oid) {
    const rebuilt = { ...type, udt: replacement.udt };
    next = replacement.fields ? { ...rebuilt, fields: replacement.fields } : rebuilt;
  }
  if (next.fields && next.udt?.oid !== oid) {
    const fields = next.fields.map((f) => ({ ...f, type: replaceEmbeddedType(f.type, oid, replacement) }));
    if (fields.some((f, i) => f.type !== next.fields![i]!.type)) next = { ...next, fields };
  }
  return next;
}
