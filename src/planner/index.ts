/**
 * Public surface of planner/: bind a statement into a LogicalCommand, the logical plan types,
 * their EXPLAIN rendering, and the extension hook for CLIP statements.
 */
import type { Statement } from '../parser/ast.js';
import type { PlanContext } from './plan-context.js';
import type { FunctionRegistry } from '../functions/function-registry.js';
import { builtinRegistry } from '../functions/builtins.js';
import { T, type SqlType } from '../types/sql-type.js';
import { BindContext, type PlanDependency } from './binder/bind-context.js';
import { bindStatement } from './binder/bind-statement.js';
import type { LogicalCommand } from './logical/logical-plan.js';

export interface BoundStatement {
  readonly command: LogicalCommand;
  /** One type per $n; parameters never given a type are text, as PostgreSQL infers. */
  readonly paramTypes: readonly SqlType[];
  /** What binding looked up (a cached plan is valid while each dependency holds). */
  readonly dependencies: readonly PlanDependency[];
  /** Parameters whose value decides the result's shape, with the list length planned for (BindContext.shapeParams). */
  readonly shapeParams: ReadonlyMap<number, number>;
}

/**
 * Binding failed after a parameter that decides the result's shape was met, before its value
 * was known (at Parse: `… FROM (SEARCH IMAGE texts=$1 …) ORDER BY …_similarity2`). The statement
 * is bound again at Bind, for the value; `error` stands if it is run without one.
 */
export class ShapeUnknownError extends Error {
  constructor(readonly error: unknown, readonly paramTypes: readonly SqlType[]) {
    super('the result shape depends on a parameter value');
  }
}

/** Binds (name-resolves and types) one statement. */
export function planStatement(statement: Statement, ctx: PlanContext, registry: FunctionRegistry = builtinRegistry): BoundStatement {
  const bind = new BindContext(ctx, registry);
  let command: LogicalCommand;
  try {
    command = bindStatement(bind, statement);
  } catch (err) {
    if (bind.shapeParams.size > 0 && ctx.paramValues === undefined) throw new ShapeUnknownError(err, finalParamTypes(bind));
    throw err;
  }
  return { command, paramTypes: finalParamTypes(bind), dependencies: bind.dependencies, shapeParams: bind.shapeParams };
}

/** One type per $n; parameters never given a type are text, as PostgreSQL infers. */
function finalParamTypes(bind: BindContext): SqlType[] {
  return Array.from({ length: bind.paramTypes.length }, (_, i) => {
    const t = bind.paramTypes[i];
    return t === undefined || (t.id === 'unknown' && !t.array) ? T.text : t;
  });
}

/**
 * A binder for expressions bound while a command runs (ALTER TABLE actions see the table as the
 * statement's earlier actions left it): see binder/bind-table-row.ts.
 */
export function createBinder(ctx: PlanContext, registry: FunctionRegistry = builtinRegistry): BindContext {
  return new BindContext(ctx, registry);
}

export type * from './plan-context.js';
export type * from './logical/logical-plan.js';
export type * from './logical/bound-expr.js';
export { renderPlan, renderCommand } from './logical/render-plan.js';
export { renderExpr } from './logical/render-expr.js';
export { planChildren, withChildren, planExpressions, transformUp } from './logical/plan-children.js';
export { mapChildren, rewriteExpr, walkExpr, referencedIds } from './logical/map-expr.js';
export { exprKey } from './logical/expr-key.js';
export { BindContext, type PlanDependency } from './binder/bind-context.js';
export { Scope } from './binder/scope.js';
export type {
  PlannerExtensions, ExtensionQuery, ExtensionQueryBinder, ExtensionStatementBinder, ExtensionStatementKind,
} from './extension-registry.js';
export {
  bindNewCheck, bindCheckCondition, bindColumnConversion, checkDefaultConverts, bindNewDefault, type RowExpr,
} from './binder/bind-table-row.js';
