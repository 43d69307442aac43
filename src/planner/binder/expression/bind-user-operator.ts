/**
 * `left op right` (or prefix `op right`) when a user operator (CREATE OPERATOR) with that
 * symbol takes the operands' types: the call of its function, bound like any call (a SQL
 * function is inlined). An untyped literal takes the operator's type, as PostgreSQL's
 * operator lookup lets an unknown side match. Built-in operators are not shadowed otherwise.
 */
import { functionsKey, userOperatorsNamed } from '../../../catalog/user-functions.js';
import type { Expr } from '../../../parser/ast.js';
import { sameType, type SqlType } from '../../../types/sql-type.js';
import type { StoredOperator } from '../../../types/stored-table.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { isUnknown } from './coerce.js';
import type { ExprContext } from './expr-context.js';

function fits(declared: SqlType | undefined, operand: BoundExpr | undefined): boolean {
  if (!declared || !operand) return declared === undefined && operand === undefined;
  return isUnknown(operand) || sameType({ ...declared, typmod: -1 }, { ...operand.type, typmod: -1 });
}

/** True when a user operator has this symbol. */
export function hasUserOperator(ctx: ExprContext, symbol: string): boolean {
  return userOperatorsNamed(ctx.bind.plan.txn.listObjects(), symbol).length > 0;
}

/** The user operator with this symbol over exactly these operand types, if any. */
export function userOperatorFor(ctx: ExprContext, symbol: string, left: SqlType, right: SqlType): StoredOperator | undefined {
  const objects = ctx.bind.plan.txn.listObjects();
  const op = userOperatorsNamed(objects, symbol).find((o) => o.left && sameType({ ...o.left, typmod: -1 }, { ...left, typmod: -1 })
    && sameType({ ...o.right, typmod: -1 }, { ...right, typmod: -1 }));
  if (op) ctx.bind.dependencies.push({ kind: 'functions', name: symbol, key: functionsKey(objects, symbol) });
  return op;
}

/** The user operator's call, or undefined when no user operator of the symbol fits the operands. */
export function bindUserOperator(ctx: ExprContext, symbol: string, left: Expr | undefined, right: Expr): BoundExpr | undefined {
  const objects = ctx.bind.plan.txn.listObjects();
  const operators = userOperatorsNamed(objects, symbol);
  if (operators.length === 0) return undefined;
  const boundLeft = left && bindExpr(left, ctx);
  const boundRight = bindExpr(right, ctx);
  // Both sides untyped would fit any operator; PostgreSQL then prefers built-ins (text).
  if ((!boundLeft || isUnknown(boundLeft)) && isUnknown(boundRight)) return undefined;
  const op = operators.find((o) => fits(o.left, boundLeft) && fits(o.right, boundRight));
  if (!op) return undefined;
  ctx.bind.dependencies.push({ kind: 'functions', name: symbol, key: functionsKey(objects, symbol) });
  return bindExpr({
    kind: 'FunctionCall', name: op.procedure.name, ...(op.procedure.schema ? { schema: op.procedure.schema } : {}),
    args: left ? [left, right] : [right], star: false, distinct: false,
  }, ctx);
}
