/**
 * What binding an expression needs: the statement's BindContext, the scope names resolve in,
 * and where aggregate calls go (absent when the clause forbids them, e.g. WHERE).
 */
import type { BindContext } from '../bind-context.js';
import type { AggregateCollector } from '../aggregate-collector.js';
import type { Scope } from '../scope.js';

export interface ExprContext {
  readonly bind: BindContext;
  readonly scope: Scope;
  readonly aggregates?: AggregateCollector;
  /** Clause name for "not allowed in …" errors: 'WHERE', 'JOIN conditions', 'VALUES'… */
  readonly clause: string;
}
