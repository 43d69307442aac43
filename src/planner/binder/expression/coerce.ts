/**
 * Coercion of bound expressions to a target type: untyped literals are converted at bind
 * time, untyped parameters take the target as their inferred type, other expressions get
 * a Cast node when a cast exists in the given context.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { createCatalogLookup } from '../../../catalog/system/index.js';
import { canCast, castValue } from '../../../functions/casts.js';
import { baseTypeOf, formatTypeName, T, userTypeOid, type SqlType } from '../../../types/sql-type.js';
import { textOptionsFromSettings } from '../../../types/text-codec.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import type { BindContext } from '../bind-context.js';
import type { CastContext } from '../../../functions/casts.js';
import { withDomainChecks } from './bind-domain-check.js';

export function isUnknown(expr: BoundExpr): boolean {
  return expr.type.id === 'unknown' && !expr.type.array;
}

function sameType(a: SqlType, b: SqlType): boolean {
  return a.id === b.id && a.array === b.array && (b.typmod < 0 || a.typmod === b.typmod) && userTypeOid(a) === userTypeOid(b);
}

/**
 * `expr` as `target`, or undefined when no cast exists in `context`.
 * Unknown string literals are parsed now (22P02 surfaces at bind time, as in PostgreSQL).
 */
export function tryCoerce(bind: BindContext, expr: BoundExpr, target: SqlType, context: CastContext): BoundExpr | undefined {
  if (sameType(expr.type, target)) return expr;
  // To a domain: to its base type, then the domain's constraints (a domain value converts to its base implicitly).
  if (target.domain) {
    const base = tryCoerce(bind, expr, baseTypeOf(target), context);
    return base && withDomainChecks(bind, base, target);
  }
  if (isUnknown(expr)) {
    if (expr.kind === 'Constant') {
      // The catalog resolves 'name'::regclass now, as PostgreSQL does when it parses the literal.
      const value = expr.value === null ? null : castValue(expr.value, T.text, target, context === 'explicit',
        { ...textOptionsFromSettings((name) => bind.plan.setting(name)), catalog: createCatalogLookup(() => bind.plan.txn) });
      return { kind: 'Constant', type: target, value };
    }
    if (expr.kind === 'Param') {
      bind.paramTypes[expr.index] = target;
      return { ...expr, type: target };
    }
  }
  if (!canCast(expr.type, target, context)) return undefined;
  return { kind: 'Cast', type: target, operand: expr, explicit: context === 'explicit' };
}

/** Like tryCoerce but throws 42804 with `message(from, to)` when impossible. */
export function coerce(bind: BindContext, expr: BoundExpr, target: SqlType, context: CastContext,
  message: (from: string, to: string) => string): BoundExpr {
  const result = tryCoerce(bind, expr, target, context);
  if (result) return result;
  throw new SqlError(SQLSTATE.DatatypeMismatch, message(formatTypeName(expr.type), formatTypeName(target)), {
    hint: context === 'assignment' ? 'You will need to rewrite or cast the expression.' : undefined,
  });
}

/** Coerces a condition (WHERE, ON, HAVING, AND/OR operands) to boolean. */
export function coerceToBool(bind: BindContext, expr: BoundExpr, clause: string): BoundExpr {
  return coerce(bind, expr, T.bool, 'implicit', (from) => `argument of ${clause} must be type boolean, not type ${from}`);
}

/** Gives still-untyped expressions (unknown literals/params with no context) the type text. */
export function resolveUnknown(bind: BindContext, expr: BoundExpr): BoundExpr {
  return isUnknown(expr) ? tryCoerce(bind, expr, T.text, 'implicit')! : expr;
}
