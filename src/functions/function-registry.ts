/**
 * The function registry: scalar functions and operators (registered under their symbol),
 * aggregates and set-returning table functions, each a name with overloads. Built-ins and
 * extensions (CLIP) register through the same methods.
 */
import type {
  AggregateFunction, AggregateOverload, ScalarFunction, ScalarOverload, TableFunction, TableFunctionOverload,
} from './function-types.js';
import type { WindowFunction, WindowOverload } from './window/window-types.js';

export class FunctionRegistry {
  private readonly scalars = new Map<string, ScalarOverload[]>();
  private readonly aggregates = new Map<string, AggregateOverload[]>();
  private readonly tables = new Map<string, TableFunctionOverload[]>();
  private readonly windows = new Map<string, WindowOverload[]>();
  private readonly orderedSets = new Map<string, AggregateOverload[]>();

  /** Adds overloads to a scalar function or operator (merging with earlier registrations). */
  addScalar(fn: ScalarFunction): this {
    this.scalars.set(fn.name, [...(this.scalars.get(fn.name) ?? []), ...fn.overloads]);
    return this;
  }

  addAggregate(fn: AggregateFunction): this {
    this.aggregates.set(fn.name, [...(this.aggregates.get(fn.name) ?? []), ...fn.overloads]);
    return this;
  }

  /**
   * Ordered-set and hypothetical-set aggregates, called only with WITHIN GROUP; kept apart from
   * `aggregate()` because rank & co. are also window functions under the same names.
   */
  addOrderedSet(fn: AggregateFunction): this {
    this.orderedSets.set(fn.name, [...(this.orderedSets.get(fn.name) ?? []), ...fn.overloads]);
    return this;
  }

  orderedSet(name: string): readonly AggregateOverload[] | undefined {
    return this.orderedSets.get(name);
  }

  addTableFunction(fn: TableFunction): this {
    this.tables.set(fn.name, [...(this.tables.get(fn.name) ?? []), ...fn.overloads]);
    return this;
  }

  /** Window-only functions (row_number, lag, …); aggregates work with OVER too. */
  addWindow(fn: WindowFunction): this {
    this.windows.set(fn.name, [...(this.windows.get(fn.name) ?? []), ...fn.overloads]);
    return this;
  }

  window(name: string): readonly WindowOverload[] | undefined {
    return this.windows.get(name);
  }

  scalar(name: string): readonly ScalarOverload[] | undefined {
    return this.scalars.get(name);
  }

  aggregate(name: string): readonly AggregateOverload[] | undefined {
    return this.aggregates.get(name);
  }

  tableFunction(name: string): readonly TableFunctionOverload[] | undefined {
    return this.tables.get(name);
  }

  /** Every registration by kind, for pg_proc (operators are listed under their symbols). */
  entries(): {
    readonly scalars: ReadonlyMap<string, readonly ScalarOverload[]>;
    readonly aggregates: ReadonlyMap<string, readonly AggregateOverload[]>;
    readonly tables: ReadonlyMap<string, readonly TableFunctionOverload[]>;
  } {
    return { scalars: this.scalars, aggregates: this.aggregates, tables: this.tables };
  }
}
