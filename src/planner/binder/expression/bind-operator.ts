/**
 * Operators: AND/OR/NOT (boolean coercion), comparisons and IS [NOT] DISTINCT FROM (both
 * sides coerced to their common type; row comparisons expand to AND/OR), and every other
 * operator resolved as an overload from the registry (`+`, `||`, `~`…). Unary minus on a
 * number literal folds into the literal, so -2147483648 is an int4.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { BinaryExpr, Expr, UnaryExpr } from '../../../parser/ast.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import { returnTypeOf } from '../../../functions/function-types.js';
import { commonType } from '../../../functions/type-resolution.js';
import { formatTypeName, T, type SqlType } from '../../../types/sql-type.js';
import type { BoundExpr, CompareOp } from '../../logical/bound-expr.js';
import { bindExpr, bindLiteral } from './bind-expression.js';
import { coerce, coerceToBool, resolveUnknown } from './coerce.js';
import type { ExprContext } from './expr-context.js';
import { bindUserOperator } from './bind-user-operator.js';

const COMPARE_OPS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const OP_ALIASES: Readonly<Record<string, string>> = { '!=': '<>', '~~': 'LIKE', '**': '^' };

export function operatorMissing(op: string, left: BoundExpr | undefined, right: BoundExpr): SqlError {
  const types = left ? `${formatTypeName(left.type)} ${op} ${formatTypeName(right.type)}` : `${op} ${formatTypeName(right.type)}`;
  return new SqlError(SQLSTATE.UndefinedFunction, `operator does not exist: ${types}`, {
    hint: 'No operator matches the given name and argument types. You might need to add explicit type casts.',
  });
}

/** Coerces two operands to their common type (text when both are untyped). */
export function unify(ctx: ExprContext, left: BoundExpr, right: BoundExpr, op: string): [BoundExpr, BoundExpr] {
  const target = commonType([left.type, right.type]);
  if (!target) throw operatorMissing(op, left, right);
  const fail = () => operatorMissing(op, left, right);
  const wrap = (e: BoundExpr) => {
    try {
      return coerce(ctx.bind, e, target, 'implicit', () => '');
    } catch (err) {
      if (err instanceof SqlError && err.code === SQLSTATE.DatatypeMismatch) throw fail();
      throw err;
    }
  };
  return [wrap(left), wrap(right)];
}

/**
 * LIKE's left side as text; character(n) keeps its padding, as PostgreSQL's bpchar LIKE does
 * (`'a'::char(3) LIKE 'a'` is false).
 */
export function likeOperand(ctx: ExprContext, operand: BoundExpr): BoundExpr {
  return isBlankPadded(operand.type) ? operand : coerce(ctx.bind, operand, T.text, 'implicit', () => '');
}

/**
 * `left op right` for a comparison operator, with common-type coercion. character(n) values
 * compare without their trailing blanks (PostgreSQL's bpchar operators), so two of them are
 * compared as text.
 */
export function bindComparison(ctx: ExprContext, op: CompareOp, left: BoundExpr, right: BoundExpr): BoundExpr {
  const [l, r] = unify(ctx, left, right, op).map((e) => (isBlankPadded(e.type) ? asUnpadded(e) : e)) as [BoundExpr, BoundExpr];
  return { kind: 'Compare', type: T.bool, op, left: l, right: r };
}

function isBlankPadded(type: SqlType): boolean {
  return type.id === 'bpchar' && !type.array;
}

/** A character(n) expression as text: the cast drops the padding. */
function asUnpadded(e: BoundExpr): BoundExpr {
  return { kind: 'Cast', type: T.text, operand: e, explicit: false };
}

/**
 * `(a1, a2, …) op (b1, b2, …)` as PostgreSQL's row constructor comparison: = and <> pair by pair;
 * < <= > >= lexicographically — decided by the first pair that is not equal, NULL if that pair
 * is NULL — written out as `a1 < b1 OR (a1 = b1 AND (…last pair with op…))`.
 */
function bindRowComparison(ctx: ExprContext, op: string, left: Expr, right: Expr): BoundExpr {
  const lf = left.kind === 'Row' ? left.fields : [left];
  const rf = right.kind === 'Row' ? right.fields : [right];
  if (lf.length !== rf.length) {
    throw new SqlError(SQLSTATE.SyntaxError, 'unequal number of entries in row expressions');
  }
  const pair = (compare: CompareOp, i: number) => bindComparison(ctx, compare, bindExpr(lf[i]!, ctx), bindExpr(rf[i]!, ctx));
  if (op === '=' || op === '<>') {
    const all: BoundExpr = { kind: 'And', type: T.bool, args: lf.map((_, i) => pair('=', i)) };
    return op === '=' ? all : { kind: 'Not', type: T.bool, operand: all };
  }
  const strict: CompareOp = op === '<' || op === '<=' ? '<' : '>';
  let decided = pair(op as CompareOp, lf.length - 1);
  for (let i = lf.length - 2; i >= 0; i--) {
    decided = { kind: 'Or', type: T.bool, args: [pair(strict, i), { kind: 'And', type: T.bool, args: [pair('=', i), decided] }] };
  }
  return decided;
}

/** Resolves `op` over bound operands from the registry. */
export function bindOperatorCall(ctx: ExprContext, op: string, args: readonly BoundExpr[]): BoundExpr {
  const overloads = ctx.bind.registry.scalar(op);
  const resolved = overloads && resolveOverload(overloads, args.map((a) => a.type));
  if (!resolved) throw operatorMissing(op, args.length > 1 ? args[0] : undefined, args[args.length - 1]!);
  const bound = args.map((a, i) => coerce(ctx.bind, a, resolved.paramTypes[i]!, 'implicit', () => ''));
  return { kind: 'Call', type: returnTypeOf(resolved.overload.returns, resolved.paramTypes), name: op, overload: resolved.overload, args: bound };
}

export function bindBinary(expr: BinaryExpr, ctx: ExprContext): BoundExpr {
  const op = OP_ALIASES[expr.op] ?? expr.op.toUpperCase();
  if (op === 'AND' || op === 'OR') {
    const args = [expr.left, expr.right].map((e) => coerceToBool(ctx.bind, bindExpr(e, ctx), op));
    const kind = op === 'AND' ? 'And' : 'Or';
    const flat = args.flatMap((a) => (a.kind === kind ? a.args : [a]));
    return { kind, type: T.bool, args: flat };
  }
  const user = bindUserOperator(ctx, OP_ALIASES[expr.op] ?? expr.op, expr.left, expr.right);
  if (user) return user;
  if (COMPARE_OPS.has(op) && (expr.left.kind === 'Row' || expr.right.kind === 'Row')) {
    return bindRowComparison(ctx, op, expr.left, expr.right);
  }
  const left = bindExpr(expr.left, ctx);
  const right = bindExpr(expr.right, ctx);
  if (COMPARE_OPS.has(op)) return bindComparison(ctx, op as CompareOp, left, right);
  if (op === 'IS DISTINCT FROM' || op === 'IS NOT DISTINCT FROM') {
    const [l, r] = unify(ctx, left, right, '=');
    return { kind: 'IsDistinct', type: T.bool, left: l, right: r, negated: op === 'IS NOT DISTINCT FROM' };
  }
  if (op === 'LIKE') {
    return { kind: 'Like', type: T.bool, operand: likeOperand(ctx, left),
      pattern: coerce(ctx.bind, right, T.text, 'implicit', () => ''), caseInsensitive: false, negated: false };
  }
  return bindOperatorCall(ctx, OP_ALIASES[expr.op] ?? expr.op, [left, right]);
}

export function bindUnary(expr: UnaryExpr, ctx: ExprContext): BoundExpr {
  if (expr.op === 'NOT') {
    return { kind: 'Not', type: T.bool, operand: coerceToBool(ctx.bind, bindExpr(expr.operand, ctx), 'NOT') };
  }
  if (expr.op === '-' && expr.operand.kind === 'Literal' && expr.operand.type === 'number'
    && !String(expr.operand.value).startsWith('-')) {
    return bindLiteral(expr.operand, true);
  }
  const user = bindUserOperator(ctx, expr.op, undefined, expr.operand);
  if (user) return user;
  const operand = resolveUnknown(ctx.bind, bindExpr(expr.operand, ctx));
  return bindOperatorCall(ctx, expr.op === '~' ? '~' : expr.op, [operand]);
}
