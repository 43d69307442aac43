/**
 * UNION [ALL], INTERSECT [ALL], EXCEPT [ALL] with bag semantics: UNION ALL streams both
 * sides; the others count the right side's rows by key and filter the left side. The hash
 * tables count against the statement's memory budget.
 */
import type { SqlType } from '../../types/sql-type.js';
import type { Row } from '../../types/value.js';
import { reserveMemory, type ExecContext } from '../exec-context.js';
import { keyBytes } from '../memory-budget.js';
import type { PhysicalOperator } from '../physical-operator.js';
import { rowKeyFor } from './row-key.js';

/**
 * UNION [ALL] of any number of inputs, read one after another. A chain `a UNION b UNION c …` is
 * one of these, not a tree of binary unions: every batch would otherwise pass through one
 * generator per UNION, and 5,000 of them nest deeper than the stack lets a promise settle.
 */
export function physicalUnion(inputs: readonly PhysicalOperator[], all: boolean, columnIds: readonly number[],
  types: readonly SqlType[]): PhysicalOperator {
  const rowKey = rowKeyFor(types);
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const memory = reserveMemory(ctx, 'SetOp (UNION)');
      try {
        const seen = new Set<string>();
        for (const side of inputs) {
          for await (const batch of side.execute(ctx)) {
            const kept = all ? batch : batch.filter((row) => {
              const key = rowKey(row);
              if (seen.has(key)) return false;
              seen.add(key);
              memory.add(keyBytes(key));
              return true;
            });
            if (kept.length > 0) yield kept;
          }
        }
      } finally {
        memory.release();
      }
    },
  };
}

/** INTERSECT [ALL] / EXCEPT [ALL] of two inputs (UNION goes through physicalUnion). */
export function physicalSetOp(op: 'INTERSECT' | 'EXCEPT', all: boolean, left: PhysicalOperator,
  right: PhysicalOperator, columnIds: readonly number[], types: readonly SqlType[]): PhysicalOperator {
  const rowKey = rowKeyFor(types);
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const memory = reserveMemory(ctx, `SetOp (${op})`);
      try {
        const counts = new Map<string, number>();
        for await (const batch of right.execute(ctx)) {
          for (const row of batch) {
            const key = rowKey(row);
            const n = counts.get(key);
            if (n === undefined) memory.add(keyBytes(key));
            counts.set(key, (n ?? 0) + 1);
          }
        }
        const emitted = new Set<string>();
        for await (const batch of left.execute(ctx)) {
          const kept: Row[] = [];
          for (const row of batch) {
            const key = rowKey(row);
            const n = counts.get(key) ?? 0;
            if (op === 'INTERSECT') {
              if (n > 0 && (all || !emitted.has(key))) {
                kept.push(row);
                emitted.add(key);
                if (all) counts.set(key, n - 1);
              }
            } else if (all) {
              if (n > 0) counts.set(key, n - 1);
              else kept.push(row);
            } else if (n === 0 && !emitted.has(key)) {
              kept.push(row);
              emitted.add(key);
              memory.add(keyBytes(key));
            }
          }
          if (kept.length > 0) yield kept;
        }
      } finally {
        memory.release();
      }
    },
  };
}
