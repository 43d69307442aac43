/**
 * What binding an expression needs: the statement's BindContext, the scope names resolve in,
 * and where aggregate calls go (absent when the clause forbids them, e.g. WHERE).
 */
import type { BindContext } from '../bind-context.js';
import type { AggregateCollector } from '../aggregate-collector.js';
import type { Scope } from '../scope.js';
import type { SetFunctionCollector } from '../set-function-collector.js';
import type { WindowCollector } from '../window-collector.js';

export interface ExprContext {
  readonly bind: BindContext;
  readonly scope: Scope;
  readonly aggregates?: AggregateCollector;
  /** Where window function calls go (absent where they are not allowed). */
  readonly windows?: WindowCollector;
  /** Where set-returning calls of the select list go (absent elsewhere). */
  readonly setFunctions?: SetFunctionCollector;
  /** Clause name for "not allowed in …" errors: 'WHERE', 'JOIN conditions', 'VALUES'… */
  readonly clause: string;
}
