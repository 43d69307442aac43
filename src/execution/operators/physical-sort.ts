/**
 * ORDER BY: materialises its input (against the statement's memory budget), sorts stably in
 * chunks that pause for cancellation, streams the result in batches.
 */
import type { SortKey } from '../../planner/logical/bound-expr.js';
import { reserveMemory, type ExecContext } from '../exec-context.js';
import { emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { sortInChunks } from './sort-in-chunks.js';
import { compareKeyed, compileSortKeys, keyBatch, keyedOverhead, type KeyedRow } from './sort-keys.js';

export function physicalSort(input: PhysicalOperator, keys: readonly SortKey[]): PhysicalOperator {
  const spec = compileSortKeys(keys, layoutOf(input.columnIds));
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      const memory = reserveMemory(ctx, 'Sort');
      try {
        let all: KeyedRow[] = [];
        for await (const batch of input.execute(ctx)) {
          memory.addRows(batch);
          memory.add(batch.length * keyedOverhead(spec));
          for (const keyed of await keyBatch(spec, batch, ctx, all.length)) all.push(keyed);
        }
        all = await sortInChunks(all, (a, b) => compareKeyed(spec, a, b), ctx);
        yield* emitBatches(all.map((k) => k.row), ctx);
      } finally {
        memory.release();
      }
    },
  };
}
