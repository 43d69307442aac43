/**
 * State shared by the transforms of one statement: nested ThanoSQL queries that were replaced
 * by placeholder tables before node-sql-parser saw the text.
 */
import type { Query } from '../ast.js';

/** What every transform function receives alongside the node-sql-parser node. */
export interface TransformContext {
  readonly subs: readonly Query[];
}
