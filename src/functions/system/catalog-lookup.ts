/**
 * What catalog-aware functions (regclass casts, pg_table_is_visible, pg_relation_size …) may
 * ask about relations at run time. The functions layer cannot import the catalog, so the
 * execution layer puts an implementation (built by catalog/system over the statement's
 * transaction) on the evaluation context; without one these functions degrade to NULL/OIDs.
 */

import type { SqlType } from '../../types/sql-type.js';

/** A relation as functions see it. */
export interface RelationInfo {
  readonly oid: number;
  readonly name: string;
  readonly schema: string;
  readonly relkind: string;
  /** Rows currently in the table (0 for catalog relations). */
  readonly rowCount: number;
  /** On-disk size estimate in bytes (whole 8 kB pages), for pg_relation_size and friends. */
  readonly estimatedBytes: number;
}

export interface CatalogLookup {
  /** A relation by name; `schema` undefined searches pg_catalog then public (the search path). */
  relationByName(schema: string | undefined, name: string): RelationInfo | undefined;
  relationByOid(oid: number): RelationInfo | undefined;
  /** True when a schema of that name exists (built in, temporary or made by CREATE SCHEMA). */
  schemaExists?(name: string): boolean;
  listRelations(): readonly RelationInfo[];
  /**
   * SQL text of an index (`column` > 0: that key column's name), a constraint, a view, a
   * partitioned table's key or a trigger (pg_get_indexdef / pg_get_constraintdef /
   * pg_get_viewdef / pg_get_partkeydef / pg_get_triggerdef); undefined if there is none.
   */
  objectDefinition?(kind: 'index' | 'constraint' | 'view' | 'partkey' | 'trigger', oid: number, column?: number, pretty?: boolean): string | undefined;
  /** The user type (CREATE TYPE / DOMAIN) with pg_type OID `oid`, or its array type. */
  userTypeByOid?(oid: number): SqlType | undefined;
  /** The user type named `name` (schema public). */
  userTypeByName?(name: string): SqlType | undefined;
  /**
   * pg_get_function_arguments / _identity_arguments / _result / pg_get_functiondef of the user
   * function `oid`; undefined when `oid` is not one (or a procedure's result).
   */
  userFunctionText?(oid: number, kind: 'arguments' | 'identity' | 'result' | 'definition'): string | undefined;
  /** COMMENT ON text of relation `oid` (`subid` 0) or of its column `subid`; undefined if none. */
  description?(oid: number, subid: number, catalog?: 'pg_class' | 'pg_constraint'): string | undefined;
}
