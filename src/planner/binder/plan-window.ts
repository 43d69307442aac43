/**
 * The plan nodes a SELECT level gets for its collected window functions (LogicalWindow) and
 * select-list set-returning functions (LogicalProjectSet), placed over the aggregate/HAVING
 * result; `rewrite` maps input-level expressions to the aggregate's outputs.
 */
import type { BoundExpr, BoundFrameBound, BoundWindowFunction } from '../logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import type { SetFunctionCollector } from './set-function-collector.js';

function rewriteBound(b: BoundFrameBound, rewrite: (e: BoundExpr) => BoundExpr): BoundFrameBound {
  return 'offset' in b ? { ...b, offset: rewrite(b.offset) } : b;
}

export function planWindows(input: LogicalPlan, functions: readonly BoundWindowFunction[],
  rewrite: (e: BoundExpr) => BoundExpr): LogicalPlan {
  if (functions.length === 0) return input;
  const rewritten = functions.map((f): BoundWindowFunction => ({
    ...f,
    args: f.args.map(rewrite),
    ...(f.filter ? { filter: rewrite(f.filter) } : {}),
    partitionBy: f.partitionBy.map(rewrite),
    orderBy: f.orderBy.map((k) => ({ ...k, expr: rewrite(k.expr) })),
    frame: {
      ...f.frame, start: rewriteBound(f.frame.start, rewrite), end: rewriteBound(f.frame.end, rewrite),
      ...(f.frame.range ? { range: {
        ...f.frame.range, key: rewrite(f.frame.range.key),
        ...(f.frame.range.startSum ? { startSum: rewrite(f.frame.range.startSum) } : {}),
        ...(f.frame.range.endSum ? { endSum: rewrite(f.frame.range.endSum) } : {}),
      } } : {}),
    },
  }));
  const own = rewritten.map((f): OutputColumn => ({ id: f.id, name: f.name, type: f.type, tableOid: 0, attnum: 0 }));
  return { kind: 'Window', input, functions: rewritten, output: [...input.output, ...own] };
}

export function planProjectSet(input: LogicalPlan, collector: SetFunctionCollector,
  rewrite: (e: BoundExpr) => BoundExpr): LogicalPlan {
  if (collector.functions.length === 0) return input;
  const functions = collector.functions.map((f) => ({ ...f, fn: { ...f.fn, args: f.fn.args.map(rewrite) } }));
  return { kind: 'ProjectSet', input, functions, output: [...input.output, ...collector.columns] };
}
