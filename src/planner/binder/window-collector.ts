/**
 * Collects the window function calls of one SELECT level (select list and ORDER BY) and
 * knows its named windows (`WINDOW w AS (…)`); each call becomes one output column of
 * LogicalWindow and the call site a reference to it.
 */
import type { WindowSpec } from '../../parser/ast.js';
import type { BoundColumnRef, BoundWindowFunction } from '../logical/bound-expr.js';

export class WindowCollector {
  readonly functions: BoundWindowFunction[] = [];

  constructor(readonly named: ReadonlyMap<string, WindowSpec> = new Map()) {}

  /** Registers a window function call and returns a reference to its value. */
  add(fn: Omit<BoundWindowFunction, 'id'>, newId: () => number): BoundColumnRef {
    const bound = { ...fn, id: newId() };
    this.functions.push(bound);
    return { kind: 'ColumnRef', type: bound.type, id: bound.id, name: bound.name };
  }
}
