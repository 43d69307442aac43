/**
 * The hook through which extensions (CLIP: CONVERT, SEARCH, PRINT IMAGE, models) plug their
 * own binders into the planner. Until one is registered, those statements fail from this one
 * place with 0A000.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { ConvertQuery, PrintImage, SearchQuery, Statement } from '../parser/ast.js';
import type { BindContext } from './binder/bind-context.js';
import type { Scope } from './binder/scope.js';
import type { LogicalCommand, LogicalPlan } from './logical/logical-plan.js';

/** Binds an extension query node (nested in FROM or top-level) to a logical plan. */
export type ExtensionQueryBinder<Q> = (bind: BindContext, query: Q, parent: Scope | undefined) => LogicalPlan;
/** Binds an extension statement to a logical command. */
export type ExtensionStatementBinder = (bind: BindContext, statement: Statement) => LogicalCommand;

const queryBinders = new Map<string, ExtensionQueryBinder<never>>();
const statementBinders = new Map<string, ExtensionStatementBinder>();

export function registerQueryBinder(kind: 'Convert', binder: ExtensionQueryBinder<ConvertQuery>): void;
export function registerQueryBinder(kind: 'Search', binder: ExtensionQueryBinder<SearchQuery>): void;
export function registerQueryBinder(kind: 'PrintImage', binder: ExtensionQueryBinder<PrintImage>): void;
export function registerQueryBinder(kind: string, binder: ExtensionQueryBinder<never>): void {
  queryBinders.set(kind, binder);
}

export function registerStatementBinder(kind: 'PrintImage' | 'BuildModel' | 'ListModel' | 'DeleteModel',
  binder: ExtensionStatementBinder): void {
  statementBinders.set(kind, binder);
}

function unavailable(): SqlError {
  return new SqlError(SQLSTATE.FeatureNotSupported, 'CLIP statements are not available yet');
}

export function bindExtensionQuery(bind: BindContext, query: ConvertQuery | SearchQuery | PrintImage, parent: Scope | undefined): LogicalPlan {
  const binder = queryBinders.get(query.kind) as ExtensionQueryBinder<ConvertQuery | SearchQuery | PrintImage> | undefined;
  if (!binder) throw unavailable();
  return binder(bind, query, parent);
}

export function bindExtensionStatement(bind: BindContext, statement: Statement): LogicalCommand {
  const binder = statementBinders.get(statement.kind);
  if (!binder) throw unavailable();
  return binder(bind, statement);
}
