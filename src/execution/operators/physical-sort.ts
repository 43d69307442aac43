/** ORDER BY: materialises its input, sorts stably, streams the result in batches. */
import type { SortKey } from '../../planner/logical/bound-expr.js';
import type { ExecContext } from '../exec-context.js';
import { inBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { compareKeyed, compileSortKeys, keyBatch, type KeyedRow } from './sort-keys.js';

export function physicalSort(input: PhysicalOperator, keys: readonly SortKey[]): PhysicalOperator {
  const spec = compileSortKeys(keys, layoutOf(input.columnIds));
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      const all: KeyedRow[] = [];
      for await (const batch of input.execute(ctx)) {
        for (const keyed of await keyBatch(spec, batch, ctx, all.length)) all.push(keyed);
      }
      all.sort((a, b) => compareKeyed(spec, a, b));
      yield* inBatches(all.map((k) => k.row));
    },
  };
}
