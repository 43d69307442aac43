/**
 * `x op ANY|ALL (array)` with a boolean operator other than the comparisons (`x LIKE ANY
 * (patterns)`): the operator is called for each element, with SQL's three-valued rules —
 * ANY is true at the first true, ALL false at the first false, else NULL if a call gave NULL.
 */
import type { BoundQuantified } from '../../planner/logical/bound-expr.js';
import type { EvalContext } from '../../functions/function-types.js';
import type { Value } from '../../types/value.js';

export function operatorQuantified(operator: NonNullable<BoundQuantified['operator']>, any: boolean, x: Value,
  values: readonly Value[], ctx: EvalContext): Value {
  const { overload, argTypes } = operator;
  let sawNull = false;
  for (const v of values) {
    const r = overload.strict && (x === null || v === null) ? null : overload.call!([x, v], ctx, argTypes);
    if (r === null) sawNull = true;
    else if (r === any) return any;
  }
  return sawNull ? null : !any;
}
