/**
 * Nested-loop join for any condition (and CROSS JOIN): the right side is materialised
 * (against the memory budget), each left row is paired with every right row a chunk at a time
 * and the condition evaluated per chunk. Every chunk is a cancellation point, so a cross
 * join filtered down to nothing still pauses and honours a cancel. LEFT/RIGHT/FULL pad
 * unmatched rows with NULLs.
 */
import type { JoinType } from '../../planner/logical/logical-plan.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { Row } from '../../types/value.js';
import { batchTick, reserveMemory, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { BATCH_SIZE, collectReserved, emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { combine, nulls } from './join-rows.js';

export function physicalNestedLoopJoin(joinType: JoinType, left: PhysicalOperator, right: PhysicalOperator,
  condition: BoundExpr | undefined): PhysicalOperator {
  const columnIds = [...left.columnIds, ...right.columnIds];
  const test = condition ? compileExpr(condition, layoutOf(columnIds)) : undefined;
  const keepLeft = joinType === 'LEFT' || joinType === 'FULL';
  const keepRight = joinType === 'RIGHT' || joinType === 'FULL';
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const memory = reserveMemory(ctx, 'Nested Loop (inner side)');
      try {
        const rightRows = await collectReserved(right, ctx, memory);
        const rightMatched = new Uint8Array(rightRows.length);
        for await (const batch of left.execute(ctx)) {
          let out: Row[] = [];
          for (const l of batch) {
            let matched = false;
            for (let start = 0; start < rightRows.length; start += BATCH_SIZE) {
              await batchTick(ctx);
              const pairs = rightRows.slice(start, start + BATCH_SIZE).map((r) => combine(l, r));
              const keep = test ? await test(pairs, ctx) : undefined;
              for (let i = 0; i < pairs.length; i++) {
                if (keep && keep[i] !== true) continue;
                matched = true;
                rightMatched[start + i] = 1;
                out.push(pairs[i]!);
              }
              if (out.length >= BATCH_SIZE) {
                yield out;
                out = [];
              }
            }
            if (!matched && keepLeft) out.push(combine(l, nulls(right.columnIds.length)));
          }
          if (out.length > 0) yield out;
        }
        if (keepRight) {
          const unmatched = rightRows.filter((_, i) => !rightMatched[i]).map((r) => combine(nulls(left.columnIds.length), r));
          yield* emitBatches(unmatched, ctx);
        }
      } finally {
        memory.release();
      }
    },
  };
}
