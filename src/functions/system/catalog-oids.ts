/**
 * Fixed OIDs of the objects every database has (PostgreSQL 15's values where one exists, so
 * drivers that compiled them in agree): namespaces, the one database and role, tablespaces,
 * access methods, collations, the plpgsql extension.
 */

export const PG_CATALOG_NAMESPACE = 11;
export const PG_TOAST_NAMESPACE = 99;
export const PUBLIC_NAMESPACE = 2200;
/** initdb creates information_schema; 13207 is what PostgreSQL 15.18 gave it. */
export const INFORMATION_SCHEMA_NAMESPACE = 13207;

/**
 * A session's temporary schema: PostgreSQL names it pg_temp_<backend> and gives it an OID from
 * the user range at first use; every session here shows its own temporary relations under this
 * one name (no session sees another's), with an OID just below the user range.
 */
export const TEMP_NAMESPACE = 16383;
export const TEMP_SCHEMA = 'pg_temp_3';

/** The one database takes the OID PostgreSQL gives its default database `postgres`. */
export const DATABASE_OID = 5;
/** The bootstrap superuser's OID; our one role is that superuser. */
export const ROLE_OID = 10;

export const DEFAULT_TABLESPACE = 1663;
export const GLOBAL_TABLESPACE = 1664;

export const HEAP_AM = 2;
export const BTREE_AM = 403;

export const DEFAULT_COLLATION = 100;
export const C_COLLATION = 950;

export const PLPGSQL_LANGUAGE = 13563;
export const INTERNAL_LANGUAGE = 12;
export const PLPGSQL_EXTENSION = 13559;

/** pg_class OIDs of catalogs other objects point at (classoid in pg_description, pg_depend). */
export const PG_CLASS_RELATION = 1259;
export const PG_PROC_RELATION = 1255;
export const PG_TYPE_RELATION = 1247;
export const PG_NAMESPACE_RELATION = 2615;
export const PG_CONSTRAINT_RELATION = 2606;

/** Database encoding UTF8 (pg_encoding_to_char(6) = 'UTF8'). */
export const UTF8_ENCODING = 6;

/** The schema names and their OIDs, in pg_namespace order. */
export const NAMESPACES: readonly (readonly [number, string])[] = [
  [PG_CATALOG_NAMESPACE, 'pg_catalog'],
  [PG_TOAST_NAMESPACE, 'pg_toast'],
  [PUBLIC_NAMESPACE, 'public'],
  [INFORMATION_SCHEMA_NAMESPACE, 'information_schema'],
];
