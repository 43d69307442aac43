/**
 * WITH RECURSIVE by working-table iteration: the anchor's rows are emitted and become the
 * working table; the recursive term runs against it (WorkTableScan) and its new rows replace
 * it, until an iteration yields nothing. UNION (not ALL) drops rows seen before.
 */
import { rowKey } from '../../functions/compare.js';
import type { Row } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { inBatches, type PhysicalOperator } from '../physical-operator.js';

export function physicalRecursiveUnion(workTable: number, all: boolean, anchor: PhysicalOperator,
  recursive: PhysicalOperator, columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const seen = all ? undefined : new Set<string>();
      const fresh = (rows: readonly Row[]): Row[] => {
        if (!seen) return [...rows];
        return rows.filter((row) => {
          const key = rowKey(row);
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
      };
      let working: Row[] = [];
      for await (const batch of anchor.execute(ctx)) {
        const rows = fresh(batch);
        working.push(...rows);
        if (rows.length > 0) yield rows;
      }
      const previous = ctx.workTables.get(workTable);
      try {
        while (working.length > 0) {
          ctx.workTables.set(workTable, working);
          const next: Row[] = [];
          for await (const batch of recursive.execute(ctx)) next.push(...fresh(batch));
          yield* inBatches(next);
          working = next;
          await batchTick(ctx);
        }
      } finally {
        if (previous) ctx.workTables.set(workTable, previous);
        else ctx.workTables.delete(workTable);
      }
    },
  };
}

/** The rows of the enclosing RecursiveUnion's previous iteration. */
export function physicalWorkTableScan(workTable: number, columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      yield* inBatches(ctx.workTables.get(workTable) ?? []);
    },
  };
}
