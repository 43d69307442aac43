/**
 * The direct arguments of ordered-set and hypothetical-set aggregates under grouping sets:
 * PostgreSQL evaluates them over the group's output row, so a grouped column a set leaves out
 * is NULL in them (`rank(a) WITHIN GROUP (ORDER BY b) … GROUP BY ROLLUP (a)` ranks NULL in the
 * () row). Only the arguments that mention such a column are compiled again, once per set.
 */
import type { BoundAggregate, BoundExpr } from '../../planner/logical/bound-expr.js';
import { exprKey } from '../../planner/logical/expr-key.js';
import { rewriteExpr } from '../../planner/logical/map-expr.js';
import type { Row } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import type { AggregateInputs } from './aggregate-states.js';

/** Argument `arg` of aggregate `agg`, as one set computes it. */
interface DirectArg {
  readonly agg: number;
  readonly arg: number;
  readonly expr: CompiledExpr;
}

/** Per set, the direct arguments that differ from the ones compiled for all sets. */
export function directArgsPerSet(aggregates: readonly BoundAggregate[], groups: readonly BoundExpr[],
  sets: readonly (readonly number[])[], layout: ReadonlyMap<number, number>): DirectArg[][] {
  const keys = groups.map(exprKey);
  return sets.map((set) => {
    const missing = new Map<string, BoundExpr>();
    keys.forEach((key, i) => { if (!set.includes(i) && !set.some((j) => keys[j] === key)) missing.set(key, groups[i]!); });
    const out: DirectArg[] = [];
    if (missing.size === 0) return out;
    aggregates.forEach((def, agg) => {
      if (!def.overload.orderedSet) return;
      const directCount = def.args.length - (def.orderBy?.length ?? 0);
      for (let arg = 0; arg < directCount; arg++) {
        let changed = false;
        const nulled = rewriteExpr(def.args[arg]!, (e) => {
          const group = missing.get(exprKey(e));
          if (!group) return undefined;
          changed = true;
          return { kind: 'Constant', type: group.type, value: null };
        });
        if (changed) out.push({ agg, arg, expr: compileExpr(nulled, layout) });
      }
    });
    return out;
  });
}

/** `inputs` with the set's own direct arguments evaluated over `batch` in place of the shared ones. */
export async function withDirectArgs(inputs: readonly AggregateInputs[], direct: readonly DirectArg[], batch: readonly Row[],
  ctx: ExecContext): Promise<readonly AggregateInputs[]> {
  if (direct.length === 0) return inputs;
  const out = [...inputs];
  for (const { agg, arg, expr } of direct) {
    const args = [...out[agg]!.args];
    args[arg] = await expr(batch, ctx);
    out[agg] = { ...out[agg]!, args };
  }
  return out;
}
