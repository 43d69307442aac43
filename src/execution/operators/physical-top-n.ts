/**
 * ORDER BY … LIMIT k [OFFSET m]: keeps only the best k+m rows in a bounded binary heap
 * (worst row on top), so memory is O(k+m) instead of the whole input. Ties keep input
 * order, so the result equals a stable sort followed by the limit.
 */
import type { BoundExpr, SortKey } from '../../planner/logical/bound-expr.js';
import { reserveMemory, type ExecContext } from '../exec-context.js';
import { emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { sortInChunks } from './sort-in-chunks.js';
import { rowCount } from './physical-limit.js';
import { compareKeyed, compileSortKeys, keyBatch, keyedOverhead, type KeyedRow, type SortSpec } from './sort-keys.js';
import { rowBytes } from '../memory-budget.js';

/** A max-heap by sort order: the root is the row that would be dropped first. */
class BoundedHeap {
  private readonly items: KeyedRow[] = [];

  constructor(private readonly spec: SortSpec, private readonly capacity: number) {}

  private worse(i: number, j: number): boolean {
    return compareKeyed(this.spec, this.items[i]!, this.items[j]!) > 0;
  }

  private swap(i: number, j: number): void {
    const t = this.items[i]!;
    this.items[i] = this.items[j]!;
    this.items[j] = t;
  }

  get size(): number {
    return this.items.length;
  }

  /** Adds a row if it belongs in the top k; true when the heap grew (memory was taken). */
  offer(row: KeyedRow): boolean {
    if (this.items.length < this.capacity) {
      this.items.push(row);
      for (let i = this.items.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return true;
    }
    if (compareKeyed(this.spec, row, this.items[0]!) >= 0) return false;
    this.items[0] = row;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < this.items.length && this.worse(l, top)) top = l;
      if (r < this.items.length && this.worse(r, top)) top = r;
      if (top === i) break;
      this.swap(i, top);
      i = top;
    }
    return false;
  }

  async sorted(ctx: ExecContext): Promise<KeyedRow[]> {
    return sortInChunks([...this.items], (a, b) => compareKeyed(this.spec, a, b), ctx);
  }
}

export function physicalTopN(input: PhysicalOperator, keys: readonly SortKey[], limitExpr: BoundExpr, offsetExpr?: BoundExpr): PhysicalOperator {
  const spec = compileSortKeys(keys, layoutOf(input.columnIds));
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      const limit = await rowCount(limitExpr, ctx, 'LIMIT');
      const offset = await rowCount(offsetExpr, ctx, 'OFFSET');
      if (limit === 0) return;
      const heap = new BoundedHeap(spec, limit === Infinity ? Number.MAX_SAFE_INTEGER : limit + offset);
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
        yield* emitBatches((await heap.sorted(ctx)).slice(offset).map((k) => k.row), ctx);
      } finally {
        memory.release();
      }
    },
  };
}
