/**
 * Lazily evaluated forms: AND/OR (three-valued, later operands evaluated only for rows still
 * undecided, so `x <> 0 AND 1/x > 0` never divides by zero), CASE (branches only for the
 * rows that reach them) and COALESCE.
 */
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { allIndices, evalSubset, type CompiledExpr } from './compiled-expr.js';

export function compileAndOr(isAnd: boolean, args: readonly CompiledExpr[]): CompiledExpr {
  const decisive = !isAnd;
  return async (rows: readonly Row[], ctx: ExecContext) => {
    const out: Value[] = new Array<Value>(rows.length).fill(isAnd);
    let pending = allIndices(rows.length);
    for (const arg of args) {
      if (pending.length === 0) break;
      const values: Value[] = new Array<Value>(rows.length);
      await evalSubset(arg, rows, pending, ctx, values);
      const next: number[] = [];
      for (const i of pending) {
        const v = values[i]!;
        if (v === decisive) out[i] = decisive;
        else {
          if (v === null) out[i] = null;
          next.push(i);
        }
      }
      pending = next;
    }
    return out;
  };
}

export function compileCase(whens: readonly { when: CompiledExpr; then: CompiledExpr }[], otherwise: CompiledExpr): CompiledExpr {
  return async (rows, ctx) => {
    const out: Value[] = new Array<Value>(rows.length).fill(null);
    let pending = allIndices(rows.length);
    for (const branch of whens) {
      if (pending.length === 0) break;
      const conditions: Value[] = new Array<Value>(rows.length);
      await evalSubset(branch.when, rows, pending, ctx, conditions);
      const hit = pending.filter((i) => conditions[i] === true);
      pending = pending.filter((i) => conditions[i] !== true);
      await evalSubset(branch.then, rows, hit, ctx, out);
    }
    await evalSubset(otherwise, rows, pending, ctx, out);
    return out;
  };
}

export function compileCoalesce(args: readonly CompiledExpr[]): CompiledExpr {
  return async (rows, ctx) => {
    const out: Value[] = new Array<Value>(rows.length).fill(null);
    let pending = allIndices(rows.length);
    for (const arg of args) {
      if (pending.length === 0) break;
      await evalSubset(arg, rows, pending, ctx, out);
      pending = pending.filter((i) => out[i] === null);
    }
    return out;
  };
}
