/**
 * ORDER BY … LIMIT k [OFFSET m]: keeps only the best k+m rows in a bounded binary heap
 * (common/bounded-heap.ts, worst row on top), so memory is O(k+m) instead of the whole input.
 * Ties keep input order, so the result equals a stable sort followed by the limit.
 */
import { BoundedHeap } from '../../common/bounded-heap.js';
import type { BoundExpr, SortKey } from '../../planner/logical/bound-expr.js';
import { reserveMemory, type ExecContext } from '../exec-context.js';
import { emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { sortInChunks } from './sort-in-chunks.js';
import { rowCount } from './physical-limit.js';
import { compareKeyed, compileSortKeys, keyBatch, keyedOverhead, type KeyedRow } from './sort-keys.js';
import { rowBytes } from '../memory-budget.js';

export function physicalTopN(input: PhysicalOperator, keys: readonly SortKey[], limitExpr: BoundExpr, offsetExpr?: BoundExpr): PhysicalOperator {
  const spec = compileSortKeys(keys, layoutOf(input.columnIds));
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      const limit = await rowCount(limitExpr, ctx, 'LIMIT');
      const offset = await rowCount(offsetExpr, ctx, 'OFFSET');
      if (limit === 0) return;
      const order = (a: KeyedRow, b: KeyedRow): number => compareKeyed(spec, a, b);
      const heap = new BoundedHeap<KeyedRow>(limit === Infinity ? Number.MAX_SAFE_INTEGER : limit + offset, order);
      const memory = reserveMemory(ctx, 'Sort (top-N)');
      try {
        let seq = 0;
        for await (const batch of input.execute(ctx)) {
          for (const keyed of await keyBatch(spec, batch, ctx, seq)) {
            // Only rows the heap keeps are held; a full heap swaps one row for another.
            if (heap.offer(keyed)) memory.add(rowBytes(keyed.row) + keyedOverhead(spec));
          }
          seq += batch.length;
        }
        const sorted = await sortInChunks([...heap.unordered()], order, ctx);
        yield* emitBatches(sorted.slice(offset).map((k) => k.row), ctx);
      } finally {
        memory.release();
      }
    },
  };
}
