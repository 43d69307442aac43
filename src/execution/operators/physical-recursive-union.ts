/**
 * WITH RECURSIVE by working-table iteration: the anchor's rows are emitted and become the
 * working table; the recursive term runs against it (WorkTableScan) and its new rows replace
 * it, until an iteration yields nothing. UNION (not ALL) drops rows seen before. The working
 * tables and the seen-set count against the statement's memory budget; every iteration and
 * every batch read from the working table is a cancellation point. Rows stream out as each term
 * makes them, so a LIMIT above stops the iteration early.
 */
import { rowKey } from '../../functions/compare.js';
import type { Row } from '../../types/value.js';
import { batchTick, reserveMemory, type ExecContext } from '../exec-context.js';
import { keyBytes, rowsBytes } from '../memory-budget.js';
import { emitBatches, type PhysicalOperator } from '../physical-operator.js';

export function physicalRecursiveUnion(workTable: number, all: boolean, anchor: PhysicalOperator,
  recursive: PhysicalOperator, columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const seen = all ? undefined : new Set<string>();
      const seenMemory = reserveMemory(ctx, 'Recursive Union (seen rows)');
      let workMemory = reserveMemory(ctx, 'Recursive Union (working table)');
      const fresh = (rows: readonly Row[]): Row[] => {
        if (!seen) return [...rows];
        return rows.filter((row) => {
          const key = rowKey(row);
          if (seen.has(key)) return false;
          seen.add(key);
          seenMemory.add(keyBytes(key));
          return true;
        });
      };
      const previous = ctx.workTables.get(workTable);
      try {
        let working: Row[] = [];
        for await (const batch of anchor.execute(ctx)) {
          const rows = fresh(batch);
          workMemory.add(rowsBytes(rows));
          working.push(...rows);
          if (rows.length > 0) yield rows;
        }
        while (working.length > 0) {
          ctx.workTables.set(workTable, working);
          const nextMemory = reserveMemory(ctx, 'Recursive Union (working table)');
          const next: Row[] = [];
          // Rows leave as the recursive term makes them, not after its whole iteration: a
          // reader that stops early (LIMIT) ends a term that would never finish on its own
          // (a nested endless recursion inside it), as PostgreSQL's demand-driven plan does.
          for await (const batch of recursive.execute(ctx)) {
            const rows = fresh(batch);
            nextMemory.add(rowsBytes(rows));
            for (const row of rows) next.push(row);
            if (rows.length > 0) yield rows;
          }
          workMemory.release();
          workMemory = nextMemory;
          working = next;
          await batchTick(ctx);
        }
      } finally {
        seenMemory.release();
        workMemory.release();
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
      yield* emitBatches(ctx.workTables.get(workTable) ?? [], ctx);
    },
  };
}
