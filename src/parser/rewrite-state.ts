/**
 * The contract between the rewrite pass (rewrite-for-nsp.ts) and its rule modules
 * (rewrite-casts.ts, rewrite-sql-syntax.ts, rewrite-operators.ts), kept apart so the rules do
 * not import the pass that imports them.
 */
import type { Query, TypeRef } from './ast.js';
import type { Token } from './lexer.js';

/** Rewritten text plus what the transform needs to undo the rewrite. */
export interface Rewritten {
  readonly sql: string;
  /** Nested ThanoSQL queries, by placeholder index. */
  readonly subs: readonly Query[];
  /** Cast targets, by placeholder index (see TYPE_PLACEHOLDER_BASE). */
  readonly types: readonly TypeRef[];
  /** Field names of `(expr).field`, by placeholder index. */
  readonly fields: readonly string[];
  /** Maps an offset in `sql` to an offset in the original statement text. */
  toOriginal(offset: number): number;
}

/** Parses the ThanoSQL query in tokens[from, to) (used for nested SEARCH/CONVERT). */
export type NestedParser = (from: number, to: number) => Query;

/** The state of one rewrite pass that the rule functions (rewrite-*.ts) share. */
export interface RewriteState {
  readonly text: string;
  readonly tokens: readonly Token[];
  readonly from: number;
  readonly to: number;
  readonly types: TypeRef[];
  readonly fields: string[];
  /** Write `out` in place of tokens[first..last]. */
  emit(out: string, first: number, last: number): void;
  /** When the pass reaches token k, write `out` instead ('' drops it). */
  replaceLater(k: number, out: string): void;
}

/**
 * A rewrite rule looks at tokens[i]; when it handles them it returns the index of the next
 * token to read (after emitting or scheduling replacements), otherwise undefined.
 */
export type RewriteRule = (st: RewriteState, i: number) => number | undefined;

/** Index of the token closing the bracket at `open`, or -1. */
export function matchClose(tokens: readonly Token[], open: number, to: number, o = '(', c = ')'): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const t = tokens[i]!;
    if (t.type !== 'punct') continue;
    if (t.text === o) depth++;
    else if (t.text === c && --depth === 0) return i;
  }
  return -1;
}
