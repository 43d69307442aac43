/**
 * Hash join on equality keys (left expressions = right expressions) with an optional residual
 * condition: builds a hash table over the right side, probes with left batches. NULL keys
 * never match. LEFT/RIGHT/FULL pad unmatched rows with NULLs.
 */
import { rowKey } from '../../functions/compare.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { JoinType } from '../../planner/logical/logical-plan.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { inBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { combine, nulls } from './join-rows.js';

export interface EquiKeys {
  readonly left: readonly BoundExpr[];
  readonly right: readonly BoundExpr[];
}

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
      const table = new Map<string, number[]>();
      const rightRows: Row[] = [];
      for await (const batch of right.execute(ctx)) {
        const batchKeys = await keysOf(rightKeys, batch, ctx);
        batch.forEach((row, i) => {
          const key = batchKeys[i];
          if (key !== null && key !== undefined) {
            let bucket = table.get(key);
            if (!bucket) table.set(key, (bucket = []));
            bucket.push(rightRows.length);
          }
          rightRows.push(row);
        });
      }
      const rightMatched = new Uint8Array(rightRows.length);
      for await (const batch of left.execute(ctx)) {
        const probeKeys = await keysOf(leftKeys, batch, ctx);
        const pairs: Row[] = [];
        const pairLeft: number[] = [];
        const pairRight: number[] = [];
        batch.forEach((row, i) => {
          const key = probeKeys[i];
          for (const r of (key === null || key === undefined ? undefined : table.get(key)) ?? []) {
            pairs.push(combine(row, rightRows[r]!));
            pairLeft.push(i);
            pairRight.push(r);
          }
        });
        const keep = test && pairs.length > 0 ? await test(pairs, ctx) : undefined;
        const leftMatched = new Uint8Array(batch.length);
        const out: Row[] = [];
        pairs.forEach((pair, p) => {
          if (keep && keep[p] !== true) return;
          leftMatched[pairLeft[p]!] = 1;
          rightMatched[pairRight[p]!] = 1;
          out.push(pair);
        });
        if (keepLeft) batch.forEach((row, i) => { if (!leftMatched[i]) out.push(combine(row, nulls(right.columnIds.length))); });
        if (out.length > 0) yield out;
      }
      if (keepRight) {
        yield* inBatches(rightRows.filter((_, i) => !rightMatched[i]).map((r) => combine(nulls(left.columnIds.length), r)));
      }
    },
  };
}
