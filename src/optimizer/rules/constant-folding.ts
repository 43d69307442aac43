/**
 * Constant folding: immutable function calls, casts and comparisons whose inputs are all
 * constants are computed once at plan time; AND/OR with a constant operand are simplified.
 * Anything that would raise an error is left for run time, so errors keep their timing.
 */
import { castValue, isStringType } from '../../functions/casts.js';
import { compareValues } from '../../functions/compare.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { LogicalPlan } from '../../planner/logical/logical-plan.js';
import { mapChildren } from '../../planner/logical/map-expr.js';
import { mapPlanExpressions } from '../map-plan-expressions.js';
import type { OptimizerRule } from '../optimizer-rule.js';
import type { ScalarTypeId } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';

const NO_SETTINGS = { setting: () => undefined, statementTime: 0, transactionTime: 0 };

/** Date/time types whose text forms follow DateStyle / IntervalStyle. */
const STYLED_TYPES = new Set<ScalarTypeId>(['date', 'time', 'timestamp', 'timestamptz', 'interval']);

/**
 * Casts PostgreSQL marks stable: anything with timestamptz (the session zone) and date/time
 * to or from text (DateStyle's output style and input field order, IntervalStyle).
 */
function dependsOnSettings(from: ScalarTypeId, to: ScalarTypeId): boolean {
  if (from === 'timestamptz' || to === 'timestamptz') return true;
  // float text follows extra_float_digits, which a cached plan must not freeze.
  if ((from === 'float4' || from === 'float8') && isStringType(to)) return true;
  // bytea text follows bytea_output (hex or escape).
  if (from === 'bytea' && isStringType(to)) return true;
  return (STYLED_TYPES.has(from) && isStringType(to)) || (isStringType(from) && STYLED_TYPES.has(to));
}

function constant(expr: BoundExpr, value: Value): BoundExpr {
  return { kind: 'Constant', type: expr.type, value };
}

function tryFold(expr: BoundExpr): BoundExpr {
  try {
    switch (expr.kind) {
      case 'Call': {
        const { overload } = expr;
        if (overload.volatility !== 'immutable' || !overload.call) return expr;
        if (!expr.args.every((a) => a.kind === 'Constant')) return expr;
        const values = expr.args.map((a) => (a as { value: Value }).value);
        if (overload.strict && values.some((v) => v === null)) return constant(expr, null);
        return constant(expr, overload.call(values, NO_SETTINGS, expr.args.map((a) => a.type)));
      }
      case 'Cast':
        if (expr.operand.kind !== 'Constant') return expr;
        if (dependsOnSettings(expr.operand.type.id, expr.type.id)) return expr;
        return constant(expr, castValue(expr.operand.value, expr.operand.type, expr.type, expr.explicit));
      case 'Compare': {
        if (expr.left.kind !== 'Constant' || expr.right.kind !== 'Constant') return expr;
        const [a, b] = [expr.left.value, expr.right.value];
        if (a === null || b === null) return constant(expr, null);
        const c = compareValues(a, b);
        const result = { '=': c === 0, '<>': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[expr.op];
        return constant(expr, result);
      }
      case 'And': case 'Or': {
        const decisive = expr.kind === 'Or';
        if (expr.args.some((a) => a.kind === 'Constant' && a.value === decisive)) return constant(expr, decisive);
        const rest = expr.args.filter((a) => !(a.kind === 'Constant' && a.value === !decisive));
        if (rest.length === 0) return constant(expr, !decisive);
        return rest.length === 1 ? rest[0]! : { ...expr, args: rest };
      }
      default: return expr;
    }
  } catch {
    return expr;
  }
}

/** Folds bottom-up. */
export function foldExpr(expr: BoundExpr): BoundExpr {
  return tryFold(mapChildren(expr, foldExpr));
}

export const constantFolding: OptimizerRule = {
  name: 'constant_folding',
  apply: (plan: LogicalPlan) => mapPlanExpressions(plan, foldExpr),
};
