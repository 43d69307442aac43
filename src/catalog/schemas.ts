/**
 * Schemas made by CREATE SCHEMA. A relation in one is stored under `schema.name` in the single
 * table name space (so a qualified name finds it with no search), and the catalogs split that
 * name back into relnamespace and relname. The built-in schemas (public, pg_catalog,
 * information_schema, pg_toast) and the session's temporary schema are not stored.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { NAMESPACES } from '../functions/system/catalog-oids.js';
import { isTempSchema } from './relation-name.js';
import type { StoredObject, StoredSchema } from '../storage/storage-api.js';

/** The schemas PostgreSQL refuses to create relations in (without allow_system_table_mods). */
const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'pg_toast', 'information_schema']);

/** The user schema named `name`, if CREATE SCHEMA made it. */
export function findSchema(objects: readonly StoredObject[], name: string): StoredSchema | undefined {
  return objects.find((o): o is StoredSchema => o.kind === 'schema' && o.name === name);
}

/** True when `name` is a schema at all: built in, temporary, or made by CREATE SCHEMA. */
export function schemaExists(objects: readonly StoredObject[], name: string): boolean {
  return NAMESPACES.some(([, n]) => n === name) || isTempSchema(name) || findSchema(objects, name) !== undefined;
}

/**
 * A stored relation name split at its user schema: `alter1.t1` → { schema, name: 't1' } when
 * alter1 is a schema; undefined for a name in public (or the temporary schema).
 */
export function userSchemaOf(objects: readonly StoredObject[], stored: string): { schema: StoredSchema; name: string } | undefined {
  const dot = stored.indexOf('.');
  if (dot <= 0) return undefined;
  const schema = findSchema(objects, stored.slice(0, dot));
  return schema && { schema, name: stored.slice(dot + 1) };
}

/** The stored name of relation `name` (unqualified) in schema `schema`. */
export function nameInSchema(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

/** The unqualified part of a stored name (`s.t` → `t`). */
export function baseName(objects: readonly StoredObject[], stored: string): string {
  return userSchemaOf(objects, stored)?.name ?? stored;
}

/**
 * Checks that a relation may be created under the (possibly qualified) name `qualified`: a
 * written schema must exist (3F000) and not be a system one (42501), as PostgreSQL says.
 */
export function assertCreatableName(objects: readonly StoredObject[], qualified: string): void {
  const dot = qualified.indexOf('.');
  if (dot <= 0) return;
  const schema = qualified.slice(0, dot);
  if (SYSTEM_SCHEMAS.has(schema)) {
    throw new SqlError(SQLSTATE.InsufficientPrivilege, `permission denied to create "${qualified}"`, {
      detail: 'System catalog modifications are currently disallowed.',
    });
  }
  if (!schemaExists(objects, schema)) throw new SqlError(SQLSTATE.InvalidSchemaName, `schema "${schema}" does not exist`);
}

/**
 * The stored names an unqualified relation `name` may have along `schemas` (a search path's
 * existing schemas), in search order: the session's temporary schema first unless the path
 * lists it, as PostgreSQL does; pg_catalog and information_schema hold no user relations.
 */
export function relationCandidates(schemas: readonly string[], name: string): string[] {
  const order = schemas.some(isTempSchema) ? schemas : ['pg_temp', ...schemas];
  return [...new Set(order.filter((s) => s !== 'pg_catalog' && s !== 'information_schema')
    .map((s) => (isTempSchema(s) ? `pg_temp.${name}` : `${s}.${name}`)))];
}
