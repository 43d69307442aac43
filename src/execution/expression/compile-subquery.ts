/**
 * Subquery expressions. An uncorrelated subquery runs once per statement run (its result is
 * cached in the ExecContext); a correlated one runs once per outer row, with that row
 * visible to the subquery's column references.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { makeArray } from '../../functions/array-values.js';
import type { BoundExpr, BoundSubquery } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import { reserveMemory, withOuterRow, type ExecContext } from '../exec-context.js';
import { buildOperator } from '../physical-planner.js';
import type { PhysicalOperator } from '../physical-operator.js';
import type { CompiledExpr } from './compiled-expr.js';
import { quantified } from './compile-expr.js';

async function firstColumnValues(op: PhysicalOperator, ctx: ExecContext, stopAfter: number): Promise<Value[][]> {
  const rows: Value[][] = [];
  const memory = reserveMemory(ctx, 'SubPlan (result rows)');
  try {
    for await (const batch of op.execute(ctx)) {
      memory.addRows(batch);
      for (const row of batch) rows.push(row);
      if (rows.length >= stopAfter) break;
    }
  } finally {
    // The rows live on in the subquery cache or the result value; the budget guards the build.
    memory.release();
  }
  return rows;
}

function resultOf(sub: BoundSubquery, operand: Value, rows: readonly Value[][]): Value {
  switch (sub.mode) {
    case 'exists': return rows.length > 0;
    case 'scalar':
      if (rows.length > 1) throw new SqlError(SQLSTATE.CardinalityViolation, 'more than one row returned by a subquery used as an expression');
      return rows.length === 0 ? null : rows[0]![0]!;
    case 'array': return makeArray(rows.map((r) => r[0]!), sub.type.array ? { ...sub.type, array: false } : sub.type);
    case 'in': case 'any': case 'all': {
      const result = quantified(sub.op ?? '=', sub.mode !== 'all', operand, rows.map((r) => r[0]!));
      return result === null ? null : result !== sub.negated;
    }
  }
}

/** How many rows the subquery needs to produce before its answer is known. */
function rowsNeeded(sub: BoundSubquery): number {
  if (sub.mode === 'exists') return 1;
  if (sub.mode === 'scalar') return 2;
  return Infinity;
}

export function compileSubquery(sub: BoundSubquery, layout: ReadonlyMap<number, number>,
  compile: (e: BoundExpr, l: ReadonlyMap<number, number>) => CompiledExpr): CompiledExpr {
  const op = buildOperator(sub.plan);
  const operand = sub.operand ? compile(sub.operand, layout) : undefined;
  const needed = rowsNeeded(sub);
  return async (rows: readonly Row[], ctx: ExecContext) => {
    const operands = operand ? await operand(rows, ctx) : undefined;
    if (!sub.correlated) {
      let cached = ctx.subqueryCache.get(sub);
      if (!cached) {
        cached = await firstColumnValues(op, ctx, needed);
        ctx.subqueryCache.set(sub, cached);
      }
      const result = cached;
      return rows.map((_, i) => resultOf(sub, operands ? operands[i]! : null, result));
    }
    const out: Value[] = [];
    for (let i = 0; i < rows.length; i++) {
      const inner = await firstColumnValues(op, withOuterRow(ctx, layout, rows[i]!), needed);
      out.push(resultOf(sub, operands ? operands[i]! : null, inner));
    }
    return out;
  };
}
