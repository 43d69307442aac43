/** DISTINCT (whole rows) and DISTINCT ON (first row per key of the sorted input). */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { reserveMemory, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { keyBytes } from '../memory-budget.js';
import { layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { rowKeyFor } from './row-key.js';

/** `types`: the input's column types (keys of whole rows). */
export function physicalDistinct(input: PhysicalOperator, types: readonly SqlType[], on?: readonly BoundExpr[]): PhysicalOperator {
  const keys = on?.map((e) => compileExpr(e, layoutOf(input.columnIds)));
  const rowKey = rowKeyFor(on ? on.map((e) => e.type) : types);
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      const seen = new Set<string>();
      const memory = reserveMemory(ctx, 'Unique (DISTINCT)');
      try {
        for await (const batch of input.execute(ctx)) {
          const columns: Value[][] = [];
          for (const k of keys ?? []) columns.push(await k(batch, ctx));
          const kept = batch.filter((row, r) => {
            const key = keys ? rowKey(columns.map((c) => c[r]!)) : rowKey(row);
            if (seen.has(key)) return false;
            seen.add(key);
            memory.add(keyBytes(key));
            return true;
          });
          if (kept.length > 0) yield kept;
        }
      } finally {
        memory.release();
      }
    },
  };
}
