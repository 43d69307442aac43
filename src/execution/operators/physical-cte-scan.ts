/**
 * A shared WITH item (LogicalCteScan): the body runs once per statement run, however many
 * references read it, and only as far as the readers go (an endless recursive item under a
 * LIMIT still ends). The first reader to need a row pulls the next batch from the body into a
 * buffer every reader walks with its own position; rows count against the statement's budget.
 */
import type { Row } from '../../types/value.js';
import { reserveMemory, type ExecContext } from '../exec-context.js';
import type { MemoryReservation } from '../memory-budget.js';
import type { PhysicalOperator } from '../physical-operator.js';

interface SharedRows {
  readonly batches: Row[][];
  readonly source: AsyncGenerator<Row[], void, void>;
  readonly memory: MemoryReservation;
  /** The pull in progress, so two readers never advance the body at once. */
  pending: Promise<boolean> | undefined;
  done: boolean;
}

/** Shared buffers per statement run (keyed like compile-subquery's per-run caches). */
const runs = new WeakMap<ExecContext['subqueryCache'], Map<number, SharedRows>>();

export function physicalCteScan(body: PhysicalOperator, share: number, columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const shared = sharedRows(ctx, share, body);
      for (let i = 0; ; i++) {
        while (i >= shared.batches.length) {
          if (shared.done || !(await pull(shared))) return;
        }
        yield shared.batches[i]!;
      }
    },
  };
}

function sharedRows(ctx: ExecContext, share: number, body: PhysicalOperator): SharedRows {
  let byShare = runs.get(ctx.subqueryCache);
  if (!byShare) runs.set(ctx.subqueryCache, byShare = new Map());
  let shared = byShare.get(share);
  if (!shared) {
    shared = { batches: [], source: body.execute(ctx), memory: reserveMemory(ctx, 'CTE Scan'), pending: undefined, done: false };
    byShare.set(share, shared);
  }
  return shared;
}

/** Appends the body's next batch; false once it has none. */
function pull(shared: SharedRows): Promise<boolean> {
  shared.pending ??= (async () => {
    try {
      const next = await shared.source.next();
      if (next.done) {
        shared.done = true;
        return false;
      }
      shared.memory.addRows(next.value);
      shared.batches.push(next.value);
      return true;
    } finally {
      shared.pending = undefined;
    }
  })();
  return shared.pending;
}
