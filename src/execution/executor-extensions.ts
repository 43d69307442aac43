/**
 * The executor's view of a database's extension registry (engine/extension-registry.ts): the
 * physical planners extensions add for their plan nodes, their index methods, and their
 * per-database services (the CLIP runtime, the gallery store). Operators read it from
 * `ctx.run.extensions`, so two databases in one process run with their own extensions only.
 */
import type { IndexMethod } from './commands/index-methods.js';
import type { ExtensionPhysicalPlanner } from './physical-planner.js';

export interface ExecutorExtensions {
  /** An extension's per-database state by name (`'clip'`, `'gallery'`), or undefined. */
  service(name: string): unknown;
  /** The physical planner for extension nodes named `name`. */
  physicalPlanner(name: string): ExtensionPhysicalPlanner | undefined;
  /** The index access method `name` (`CREATE INDEX … USING hnsw`). */
  indexMethod(name: string): IndexMethod | undefined;
}
