/**
 * One database's extension registry: everything its extensions (ml/'s CLIP and PRINT IMAGE)
 * add to the stages — binders (planner), rules and pruners (optimizer), physical planners and
 * index methods (executor) — and their per-database services (the model registry, the gallery
 * store). `Database.open({ extensions })` builds one and hands it to each extension as it
 * opens; the stages read it from their context (`PlanContext.extensions`, `optimizeCommand`'s
 * argument, `RunContext.extensions`), never from module state, so two databases in one process
 * never see each other's extensions. Each stage declares the view it reads (PlannerExtensions,
 * OptimizerExtensions, ExecutorExtensions); ml/ adds to it through a structural interface of its own.
 *
 * @example
 * const registry = new ExtensionRegistry();
 * registry.addService('clip', runtime);
 * registry.addQueryBinder('Search', bindSearch);
 * registry.addPhysicalPlanner('ClipSearch', planSearch);
 */
import type { OptimizerExtensions, ExtensionPruner } from '../optimizer/optimizer-extensions.js';
import type { OptimizerRule } from '../optimizer/optimizer-rule.js';
import type {
  ExtensionQuery, ExtensionQueryBinder, ExtensionStatementBinder, ExtensionStatementKind, PlannerExtensions,
} from '../planner/extension-registry.js';
import type { ExecutorExtensions, ExtensionPhysicalPlanner, IndexMethod } from '../execution/index.js';

export class ExtensionRegistry implements PlannerExtensions, OptimizerExtensions, ExecutorExtensions {
  private readonly services = new Map<string, unknown>();
  private readonly queryBinders = new Map<string, ExtensionQueryBinder<never>>();
  private readonly statementBinders = new Map<string, ExtensionStatementBinder>();
  private readonly optimizerRules = new Map<string, OptimizerRule>();
  private readonly pruners = new Map<string, ExtensionPruner>();
  private readonly physicalPlanners = new Map<string, ExtensionPhysicalPlanner>();
  private readonly indexMethods = new Map<string, IndexMethod>();

  /** Adds (or replaces) an extension's per-database state under `name`. */
  addService(name: string, service: unknown): void {
    this.services.set(name, service);
  }

  addQueryBinder<K extends ExtensionQuery['kind']>(kind: K, binder: ExtensionQueryBinder<Extract<ExtensionQuery, { kind: K }>>): void {
    this.queryBinders.set(kind, binder as ExtensionQueryBinder<never>);
  }

  addStatementBinder(kind: ExtensionStatementKind, binder: ExtensionStatementBinder): void {
    this.statementBinders.set(kind, binder);
  }

  /** Adds (or replaces, by name) a rule applied after the built-in ones. */
  addRule(rule: OptimizerRule): void {
    this.optimizerRules.set(rule.name, rule);
  }

  /** The projection pruner for extension nodes named `name`. */
  addPruner(name: string, pruner: ExtensionPruner): void {
    this.pruners.set(name, pruner);
  }

  /** The physical planner for extension nodes named `name`. */
  addPhysicalPlanner(name: string, planner: ExtensionPhysicalPlanner): void {
    this.physicalPlanners.set(name, planner);
  }

  /** An index access method (`CREATE INDEX … USING name`). */
  addIndexMethod(name: string, method: IndexMethod): void {
    this.indexMethods.set(name, method);
  }

  service(name: string): unknown {
    return this.services.get(name);
  }

  queryBinder<K extends ExtensionQuery['kind']>(kind: K): ExtensionQueryBinder<Extract<ExtensionQuery, { kind: K }>> | undefined {
    return this.queryBinders.get(kind) as ExtensionQueryBinder<Extract<ExtensionQuery, { kind: K }>> | undefined;
  }

  statementBinder(kind: ExtensionStatementKind): ExtensionStatementBinder | undefined {
    return this.statementBinders.get(kind);
  }

  rules(): readonly OptimizerRule[] {
    return [...this.optimizerRules.values()];
  }

  pruner(name: string): ExtensionPruner | undefined {
    return this.pruners.get(name);
  }

  physicalPlanner(name: string): ExtensionPhysicalPlanner | undefined {
    return this.physicalPlanners.get(name);
  }

  indexMethod(name: string): IndexMethod | undefined {
    return this.indexMethods.get(name);
  }
}
