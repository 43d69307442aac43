/**
 * State shared by the transforms of one statement: what the rewriter replaced by placeholders
 * before node-sql-parser saw the text (nested ThanoSQL queries, cast types, field names).
 */
import type { Query, TypeRef } from '../ast.js';
import type { Rewritten } from '../rewrite-for-nsp.js';

/** What every transform function receives alongside the node-sql-parser node. */
export interface TransformContext {
  readonly subs: readonly Query[];
  /** Cast targets by placeholder index (TYPE_PLACEHOLDER_BASE). */
  readonly types: readonly TypeRef[];
  /** `(expr).field` names by placeholder index (FIELD_SELECT_PREFIX). */
  readonly fields: readonly string[];
}

/** The context for transforming what `rw` was parsed into. */
export function contextOf(rw: Rewritten): TransformContext {
  return { subs: rw.subs, types: rw.types, fields: rw.fields };
}
