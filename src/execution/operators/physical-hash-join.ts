/**
 * Hash join on equality keys (left expressions = right expressions) with an optional residual
 * condition: builds a hash table over the right side (against the memory budget), probes with
 * left batches. Matches are paired and tested a chunk at a time, so a key shared by many rows
 * cannot make one synchronous step of millions of pairs. NULL keys never match.
 * LEFT/RIGHT/FULL pad unmatched rows with NULLs.
 */
import { rowKey } from '../../functions/compare.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { JoinType } from '../../planner/logical/logical-plan.js';
import type { Row, Value } from '../../types/value.js';
import { batchTick, reserveMemory, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { BATCH_SIZE, emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { combine, nulls } from './join-rows.js';

export interface EquiKeys {
  readonly left: readonly BoundExpr[];
  readonly right: readonly BoundExpr[];
}

/** Bytes a hash-table entry adds beyond its row: the bucket slot and, per key, the key string. */
const ENTRY_BYTES = 16;

export function physicalHashJoin(joinType: JoinType, left: PhysicalOperator, right: PhysicalOperator,
  keys: EquiKeys, residual: BoundExpr | undefined): PhysicalOperator {
  const columnIds = [...left.columnIds, ...right.columnIds];
  const leftKeys = keys.left.map((e) => compileExpr(e, layoutOf(left.columnIds)));
  const rightKeys = keys.right.map((e) => compileExpr(e, layoutOf(right.columnIds)));
  const test = residual ? compileExpr(residual, layoutOf(columnIds)) : undefined;
  const keepLeft = joinType === 'LEFT' || joinType === 'FULL';
  const keepRight = joinType === 'RIGHT' || joinType === 'FULL';
  const keysOf = async (exprs: typeof leftKeys, batch: Row[], ctx: ExecContext): Promise<(string | null)[]> => {
    const columns: Value[][] = [];
    for (const e of exprs) columns.push(await e(batch, ctx));
    return batch.map((_, r) => {
      const values = columns.map((c) => c[r]!);
      return values.some((v) => v === null) ? null : rowKey(values);
    });
  };
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const memory = reserveMemory(ctx, 'Hash Join (build side)');
      try {
        const table = new Map<string, number[]>();
        const rightRows: Row[] = [];
        for await (const batch of right.execute(ctx)) {
          memory.addRows(batch);
          const batchKeys = await keysOf(rightKeys, batch, ctx);
          batch.forEach((row, i) => {
            const key = batchKeys[i];
            if (key !== null && key !== undefined) {
              let bucket = table.get(key);
              if (!bucket) {
                table.set(key, (bucket = []));
                memory.add(ENTRY_BYTES + 2 * key.length);
              }
              bucket.push(rightRows.length);
            }
            rightRows.push(row);
          });
        }
        const rightMatched = new Uint8Array(rightRows.length);
        for await (const batch of left.execute(ctx)) {
          const probeKeys = await keysOf(leftKeys, batch, ctx);
          const leftMatched = new Uint8Array(batch.length);
          let pairs: Row[] = [];
          let pairLeft: number[] = [];
          let pairRight: number[] = [];
          let out: Row[] = [];
          const flush = async () => {
            const keep = test && pairs.length > 0 ? await test(pairs, ctx) : undefined;
            pairs.forEach((pair, p) => {
              if (keep && keep[p] !== true) return;
              leftMatched[pairLeft[p]!] = 1;
              rightMatched[pairRight[p]!] = 1;
              out.push(pair);
            });
            pairs = [];
            pairLeft = [];
            pairRight = [];
          };
          for (let i = 0; i < batch.length; i++) {
            const key = probeKeys[i];
            const bucket = key === null || key === undefined ? undefined : table.get(key);
            for (const r of bucket ?? []) {
              pairs.push(combine(batch[i]!, rightRows[r]!));
              pairLeft.push(i);
              pairRight.push(r);
              if (pairs.length >= BATCH_SIZE) {
                await flush();
                await batchTick(ctx);
                if (out.length >= BATCH_SIZE) {
                  yield out;
                  out = [];
                }
              }
            }
          }
          await flush();
          if (keepLeft) batch.forEach((row, i) => { if (!leftMatched[i]) out.push(combine(row, nulls(right.columnIds.length))); });
          if (out.length > 0) yield out;
        }
        if (keepRight) {
          yield* emitBatches(rightRows.filter((_, i) => !rightMatched[i]).map((r) => combine(nulls(left.columnIds.length), r)), ctx);
        }
      } finally {
        memory.release();
      }
    },
  };
}
