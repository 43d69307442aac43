/**
 * Subscripts on arrays: `a[i]` (the plain `Subscript` node, 1-d fast path), `a[i][j]…` (one
 * subscript per dimension) and slices `a[l:u][…]`, bound as calls of functions/scalar/
 * array-subscript.ts. As in PostgreSQL, once any subscript is a slice every other `[i]` means
 * `[1:i]`, and an omitted bound (`a[:u]`, `a[l:]`) is the array's own (here ±Infinity, which
 * the slice clamps).
 */
import { arrayElementFetch, arraySliceFetch } from '../../../functions/scalar/array-subscript.js';
import type { Expr, SubscriptExpr } from '../../../parser/ast.js';
import { MAX_ARRAY_DIMS, tooManyDims } from '../../../types/array-shape.js';
import { elementTypeOf, T } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { coerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

/** A subscript coerced to int4, with PostgreSQL's 42804 otherwise. */
export function bindArrayIndex(index: Expr, ctx: ExprContext): BoundExpr {
  return coerce(ctx.bind, bindExpr(index, ctx), T.int4, 'implicit',
    (from) => `array subscript must have type integer, not ${from}`);
}

function constant(value: number): BoundExpr {
  return { kind: 'Constant', type: T.int4, value };
}

/** `operand[…][…]` for an array operand and two or more subscripts, or any slice. */
export function bindArraySubscripts(operand: BoundExpr, steps: readonly SubscriptExpr[], ctx: ExprContext): BoundExpr {
  if (steps.length > MAX_ARRAY_DIMS) throw tooManyDims(steps.length);
  if (!steps.some((s) => s.slice)) {
    const args = [operand, ...steps.map((s) => bindArrayIndex(s.index, ctx))];
    return { kind: 'Call', type: elementTypeOf(operand.type), name: 'array_element', overload: arrayElementFetch, args };
  }
  const bounds: BoundExpr[] = [];
  for (const step of steps) {
    if (!step.slice) {
      bounds.push(constant(1), bindArrayIndex(step.index, ctx));
      continue;
    }
    bounds.push(step.slice.lower ? bindArrayIndex(step.slice.lower, ctx) : constant(-Infinity));
    bounds.push(step.slice.upper ? bindArrayIndex(step.slice.upper, ctx) : constant(Infinity));
  }
  return { kind: 'Call', type: operand.type, name: 'array_slice', overload: arraySliceFetch, args: [operand, ...bounds] };
}
