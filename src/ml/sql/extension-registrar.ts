/**
 * What ml/'s extensions add to a Database's extension registry as it opens them: the engine's
 * `ExtensionRegistry` as ml/ sees it (structurally: ml/ sits beside the engine and never imports
 * it), typed by the planner's, optimizer's and executor's own hook types.
 */
import type { ExtensionPhysicalPlanner, IndexMethod } from '../../execution/index.js';
import type { ExtensionPruner, OptimizerRule } from '../../optimizer/index.js';
import type { ExtensionQuery, ExtensionQueryBinder, ExtensionStatementBinder, ExtensionStatementKind } from '../../planner/index.js';

export interface ExtensionRegistrar {
  addService(name: string, service: unknown): void;
  addQueryBinder<K extends ExtensionQuery['kind']>(kind: K, binder: ExtensionQueryBinder<Extract<ExtensionQuery, { kind: K }>>): void;
  addStatementBinder(kind: ExtensionStatementKind, binder: ExtensionStatementBinder): void;
  addRule(rule: OptimizerRule): void;
  addPruner(name: string, pruner: ExtensionPruner): void;
  addPhysicalPlanner(name: string, planner: ExtensionPhysicalPlanner): void;
  addIndexMethod(name: string, method: IndexMethod): void;
}
