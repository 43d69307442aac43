/**
 * The planner's view of a database's extension registry (execution/extension-registry.ts):
 * the binders extensions (CLIP: CONVERT, SEARCH, PRINT IMAGE, models) add for their statements,
 * and their per-database services. The binder reads it from `PlanContext.extensions`, so two
 * databases in one process never see each other's extensions; a database without one answers
 * those statements from this one place with 0A000.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { ConvertQuery, PrintImage, SearchQuery, Statement } from '../parser/ast.js';
import type { BindContext } from './binder/bind-context.js';
import type { Scope } from './binder/scope.js';
import type { LogicalCommand, LogicalPlan } from './logical/logical-plan.js';

/** The query forms an extension may bind (nested in FROM or top-level). */
export type ExtensionQuery = ConvertQuery | SearchQuery | PrintImage;
/** The statements an extension may bind. */
export type ExtensionStatementKind = 'PrintImage' | 'BuildModel' | 'ListModel' | 'DeleteModel';

/** Binds an extension query node (nested in FROM or top-level) to a logical plan. */
export type ExtensionQueryBinder<Q> = (bind: BindContext, query: Q, parent: Scope | undefined) => LogicalPlan;
/** Binds an extension statement to a logical command. */
export type ExtensionStatementBinder = (bind: BindContext, statement: Statement) => LogicalCommand;

/** What the binder asks of the registry. */
export interface PlannerExtensions {
  /** An extension's per-database state by name (`'clip'`: the model registry), or undefined. */
  service(name: string): unknown;
  queryBinder<K extends ExtensionQuery['kind']>(kind: K): ExtensionQueryBinder<Extract<ExtensionQuery, { kind: K }>> | undefined;
  statementBinder(kind: ExtensionStatementKind): ExtensionStatementBinder | undefined;
}

function unavailable(): SqlError {
  return new SqlError(SQLSTATE.FeatureNotSupported, 'CLIP statements are not available in this database');
}

export function bindExtensionQuery(bind: BindContext, query: ExtensionQuery, parent: Scope | undefined): LogicalPlan {
  const binder = bind.plan.extensions?.queryBinder(query.kind) as ExtensionQueryBinder<ExtensionQuery> | undefined;
  if (!binder) throw unavailable();
  return binder(bind, query, parent);
}

export function bindExtensionStatement(bind: BindContext, statement: Statement): LogicalCommand {
  const binder = bind.plan.extensions?.statementBinder(statement.kind as ExtensionStatementKind);
  if (!binder) throw unavailable();
  return binder(bind, statement);
}
