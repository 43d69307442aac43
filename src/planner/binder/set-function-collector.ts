/**
 * Collects the set-returning function calls of one SELECT list (`SELECT unnest(a), x`):
 * identical calls share one LogicalProjectSet entry (they would advance in lockstep anyway),
 * and each call site becomes a reference to one of its output columns.
 */
import type { BoundColumnRef, BoundSetFunction, BoundTableFunction } from '../logical/bound-expr.js';
import { exprKey } from '../logical/expr-key.js';
import type { OutputColumn } from '../logical/logical-plan.js';

export class SetFunctionCollector {
  readonly functions: BoundSetFunction[] = [];
  readonly columns: OutputColumn[] = [];
  private readonly byKey = new Map<string, { fn: BoundSetFunction; columns: OutputColumn[] }>();

  /** Registers a call with its output column names and types; returns its columns as references. */
  add(fn: BoundTableFunction, names: readonly string[], types: readonly OutputColumn['type'][], newId: () => number): BoundColumnRef[] {
    const key = `${fn.name}(${fn.args.map(exprKey).join(',')})`;
    let entry = this.byKey.get(key);
    if (!entry) {
      const columns = types.map((type, i): OutputColumn => ({ id: newId(), name: names[i]!, type, tableOid: 0, attnum: 0 }));
      entry = { fn: { fn, ids: columns.map((c) => c.id) }, columns };
      this.byKey.set(key, entry);
      this.functions.push(entry.fn);
      this.columns.push(...columns);
    }
    return entry.columns.map((c) => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }));
  }
}
