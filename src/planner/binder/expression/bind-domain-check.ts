/**
 * Domain constraints in the binder: a value becoming a domain type (a cast, an INSERT/UPDATE
 * into a domain column) gets a DomainCheck node whose CHECK expressions are the catalog's SQL
 * text re-parsed and bound over one column named `value` of the base type (PostgreSQL's
 * VALUE). CREATE DOMAIN / ALTER DOMAIN … ADD CHECK bind theirs the same way to validate them.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { parse } from '../../../parser/index.js';
import type { Expr } from '../../../parser/ast.js';
import { baseTypeOf, type SqlType } from '../../../types/sql-type.js';
import { domainChain } from '../../../types/user-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { walkExpr } from '../../logical/map-expr.js';
import type { BindContext } from '../bind-context.js';
import { Scope } from '../scope.js';
import { bindExpr } from './bind-expression.js';
import { coerceToBool } from './coerce.js';

/** A CHECK over VALUE bound as a boolean over the column `valueId` of type `base`. */
export function bindDomainCheckExpr(bind: BindContext, expr: Expr, base: SqlType, valueId: number): BoundExpr {
  const scope = new Scope([{ columns: [{ id: valueId, name: 'value', type: base, tableOid: 0, attnum: 0 }] }]);
  const bound = coerceToBool(bind, bindExpr(expr, { bind, scope, clause: 'check constraints' }), 'CHECK');
  walkExpr(bound, (e) => {
    if (e.kind === 'Subquery') throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot use subquery in check constraint');
  });
  return bound;
}

/** The expression of a stored CHECK's SQL text. */
export function parseCheckSql(sql: string): Expr {
  const parsed = parse(`SELECT ${sql}`)[0]?.statement;
  const item = parsed?.kind === 'QueryStatement' && parsed.query.kind === 'Select' ? parsed.query.columns[0] : undefined;
  if (!item || item.kind !== 'SelectExpr') throw new SqlError(SQLSTATE.InternalError, `cannot parse check constraint ${sql}`);
  return item.expr;
}

/**
 * `expr` (of the domain's base type) as a value of the domain type `target`, checked against
 * the constraints of the domain and of the domains it is built on (base domains first).
 */
export function withDomainChecks(bind: BindContext, expr: BoundExpr, target: SqlType): BoundExpr {
  const domain = target.domain!;
  const chain = domainChain(domain).reverse();
  const base = baseTypeOf(target);
  const valueId = bind.newId();
  const checks = chain.flatMap((d) => d.checks.map((c) => ({ name: c.name, expr: bindDomainCheckExpr(bind, parseCheckSql(c.sql), base, valueId) })));
  const notNull = chain.some((d) => d.notNull);
  if (!notNull && checks.length === 0) return expr.type === target ? expr : { ...expr, type: target } as BoundExpr;
  return { kind: 'DomainCheck', type: target, operand: expr, domain: domain.name, valueId, notNull, checks };
}
