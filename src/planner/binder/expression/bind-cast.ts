/**
 * Explicit casts `x::type` / CAST(x AS type) / typed literals: untyped literals convert at
 * bind time (so `'abc'::int` fails with 22P02 here); other casts must exist (42846).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { cannotCast } from '../../../functions/casts.js';
import type { CastExpr } from '../../../parser/ast.js';
import { recordType } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { bindTypeRef } from './bind-type-ref.js';
import { tryCoerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

export function bindCast(expr: CastExpr, ctx: ExprContext): BoundExpr {
  const operand = bindExpr(expr.operand, ctx);
  // `NULL::record`: an anonymous record whose fields nobody knows (json_populate_record's base).
  if (expr.target.name.toLowerCase() === 'record' && expr.target.arrayDims === 0 && operand.kind === 'Constant' && operand.value === null) {
    return { kind: 'Constant', type: recordType([]), value: null };
  }
  const target = bindTypeRef(expr.target, (n) => ctx.bind.lookupType(n));
  let result: BoundExpr | undefined;
  try {
    result = tryCoerce(ctx.bind, operand, target, 'explicit');
  } catch (err) {
    if (err instanceof SqlError && err.fields.position === undefined && operand.kind === 'Constant') {
      throw err.with({ position: ctx.bind.positionOf(`'${String(operand.value)}'`) });
    }
    throw err;
  }
  if (!result) {
    const error = cannotCast(operand.type, target);
    throw new SqlError(SQLSTATE.CannotCoerce, error.message);
  }
  // A cast to the same type with a new typmod must still apply it (varchar(3) truncation).
  if (result === operand && target.typmod >= 0 && operand.type.typmod !== target.typmod) {
    return { kind: 'Cast', type: target, operand, explicit: true };
  }
  return result === operand && operand.type !== target && operand.kind !== 'Param'
    ? { ...operand, type: target } as BoundExpr : result;
}
