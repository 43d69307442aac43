/**
 * What binding a statement needs from the engine: the catalog to resolve names against, the
 * parameter types (and, for shape-deciding parameters, values), the session's settings and the
 * database's extension registry (binders of extension statements, models, galleries).
 */
import type { CatalogReader } from '../catalog/catalog-transaction.js';
import type { SqlType } from '../types/sql-type.js';
import type { Value } from '../types/value.js';
import type { PlannerExtensions } from './extension-registry.js';

/** The engine's side of binding one statement. */
export interface PlanContext {
  /** The catalog names are bound against. */
  readonly txn: CatalogReader;
  /** Parameter types the client declared in Parse (undefined entries = infer). */
  readonly declaredParamTypes: readonly (SqlType | undefined)[];
  /**
   * The parameter values, when the statement is planned at Bind for them: only statements whose
   * result shape depends on a value (`SEARCH IMAGE texts=$1`) are (see PreparedStatement.specialize).
   */
  readonly paramValues?: readonly Value[];
  /** The statement's source text, for error positions. */
  readonly sql: string;
  setting(name: string): string | undefined;
  /** The database's extension registry: extensions' binders and services (models, galleries). */
  readonly extensions?: PlannerExtensions;
}

/** What re-planning a prepared statement needs: the catalog to bind against, settings, extensions. */
export type ReplanContext = Pick<PlanContext, 'txn' | 'setting' | 'extensions'>;
