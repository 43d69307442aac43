/**
 * The jsonpath type's parsed form (PostgreSQL's JsonPathItem): a path is an expression, an
 * expression a chain of items (a primary such as `$`, `@`, `$var`, a literal or an operator,
 * then accessors: `.key`, `.*`, `[*]`, `[1, 2 to last]`, `.**{1 to 2}`, `?(…)`, `.size()` …).
 */
import type { JsonbScalar } from './jsonb-node.js';

/** Item methods of PostgreSQL 15 (keyvalue and datetime parse but are 0A000 when evaluated). */
export type JsonPathMethod = 'type' | 'size' | 'double' | 'ceiling' | 'floor' | 'abs' | 'keyvalue' | 'datetime';

export type JsonPathComparison = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type JsonPathArithmetic = '+' | '-' | '*' | '/' | '%';

export type JsonPathItem =
  | { readonly kind: 'root' }
  | { readonly kind: 'current' }
  | { readonly kind: 'last' }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'literal'; readonly value: JsonbScalar }
  | { readonly kind: 'key'; readonly name: string }
  | { readonly kind: 'anyKey' }
  | { readonly kind: 'anyArray' }
  | { readonly kind: 'index'; readonly subscripts: readonly { readonly from: JsonPathExpr; readonly to?: JsonPathExpr }[] }
  /** `.**{first to last}`; -1 is `last` (no upper bound). */
  | { readonly kind: 'any'; readonly first: number; readonly last: number }
  | { readonly kind: 'filter'; readonly predicate: JsonPathExpr }
  /** `template`: `.datetime("…")`'s format. */
  | { readonly kind: 'method'; readonly name: JsonPathMethod; readonly template?: string }
  | { readonly kind: 'compare'; readonly op: JsonPathComparison; readonly left: JsonPathExpr; readonly right: JsonPathExpr }
  | { readonly kind: 'logical'; readonly op: '&&' | '||'; readonly left: JsonPathExpr; readonly right: JsonPathExpr }
  | { readonly kind: 'not'; readonly operand: JsonPathExpr }
  | { readonly kind: 'isUnknown'; readonly operand: JsonPathExpr }
  | { readonly kind: 'exists'; readonly operand: JsonPathExpr }
  | { readonly kind: 'arithmetic'; readonly op: JsonPathArithmetic; readonly left: JsonPathExpr; readonly right: JsonPathExpr }
  | { readonly kind: 'unary'; readonly op: '+' | '-'; readonly operand: JsonPathExpr }
  | { readonly kind: 'likeRegex'; readonly operand: JsonPathExpr; readonly pattern: string; readonly flags: string }
  | { readonly kind: 'startsWith'; readonly operand: JsonPathExpr; readonly prefix: JsonPathExpr };

/** A primary item followed by its accessors. */
export type JsonPathExpr = readonly JsonPathItem[];

/** A whole jsonpath: `strict` or lax (the default) and its expression. */
export interface JsonPath {
  readonly strict: boolean;
  readonly expr: JsonPathExpr;
}

/** True for items that yield a truth value (a path made of one is a predicate: `@@` reads it). */
export function isPredicate(item: JsonPathItem): boolean {
  return ['compare', 'logical', 'not', 'isUnknown', 'exists', 'likeRegex', 'startsWith'].includes(item.kind);
}
