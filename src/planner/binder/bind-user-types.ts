/**
 * Binds CREATE TYPE / CREATE DOMAIN / ALTER TYPE / ALTER DOMAIN / DROP TYPE: written types are
 * resolved (42704), a domain's DEFAULT must convert to its base type and its CHECKs must be
 * boolean expressions over VALUE (42703 for other names, as in PostgreSQL), and both become
 * the SQL text the catalog stores.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr, TypeRef, UserTypeStatement } from '../../parser/ast.js';
import type { DomainCheckDef } from '../../parser/ast-user-types.js';
import { baseTypeOf, type SqlType } from '../../types/sql-type.js';
import type { DomainCheckSpec, LogicalUserTypeCommand, ResolvedAlterTypeAction } from '../logical/logical-user-types.js';
import type { BindContext } from './bind-context.js';
import { deparseExpr } from './deparse-expr.js';
import { bindDomainCheckExpr } from './expression/bind-domain-check.js';
import { bindExpr } from './expression/bind-expression.js';
import { bindTypeRef } from './expression/bind-type-ref.js';
import { coerce } from './expression/coerce.js';
import { Scope } from './scope.js';

function resolveType(bind: BindContext, ref: TypeRef): SqlType {
  return bindTypeRef(ref, (n) => bind.lookupType(n));
}

/** A CHECK's catalog text: deparsed where the deparser covers it, else the source in parentheses. */
function checkSql(check: DomainCheckDef): string {
  try {
    return deparseExpr(check.expr);
  } catch {
    return `(${check.text})`;
  }
}

function bindCheck(bind: BindContext, check: DomainCheckDef, base: SqlType, valueId: number): DomainCheckSpec {
  const expr = bindDomainCheckExpr(bind, check.expr, base, valueId);
  return { ...(check.name !== undefined ? { name: check.name } : {}), sql: checkSql(check), expr };
}

/** A DEFAULT for a domain over `base`: it must convert to the base type (42804 otherwise). */
function bindDefault(bind: BindContext, expr: Expr, base: SqlType): string {
  const bound = bindExpr(expr, { bind, scope: new Scope([]), clause: 'DEFAULT expressions' });
  coerce(bind, bound, base, 'assignment',
    (from, to) => `column "value" is of type ${to} but default expression is of type ${from}`);
  return deparseExpr(expr);
}

/** The domain named `name` (42704 if there is none). */
function domainType(bind: BindContext, name: string): SqlType {
  const type = bind.lookupType(name);
  if (!type?.domain) throw new SqlError(SQLSTATE.UndefinedObject, `type "${name}" does not exist`);
  return type;
}

export function bindUserTypeStatement(bind: BindContext, statement: UserTypeStatement): LogicalUserTypeCommand {
  switch (statement.kind) {
    case 'CreateType': {
      const def = statement.definition;
      if (def.kind === 'enum') return { kind: 'CreateEnumType', name: statement.name, labels: def.labels };
      const seen = new Set<string>();
      const fields = def.fields.map((f) => {
        if (seen.has(f.name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${f.name}" specified more than once`);
        seen.add(f.name);
        return { name: f.name, type: resolveType(bind, f.type) };
      });
      return { kind: 'CreateCompositeType', name: statement.name, fields };
    }
    case 'CreateDomain': {
      const base = resolveType(bind, statement.base);
      const valueId = bind.newId();
      const checks = statement.checks.map((c) => bindCheck(bind, c, baseTypeOf(base), valueId)).map(({ expr: _e, ...c }) => c);
      return {
        kind: 'CreateDomain', name: statement.name, base, notNull: statement.notNull, checks,
        ...(statement.default ? { defaultSql: bindDefault(bind, statement.default, base) } : {}),
      };
    }
    case 'AlterType': {
      const actions = statement.actions.map((a): ResolvedAlterTypeAction => {
        if (a.kind === 'AddAttribute' || a.kind === 'AlterAttributeType') return { ...a, type: resolveType(bind, a.type) };
        return a;
      });
      return { kind: 'AlterUserType', name: statement.name, actions };
    }
    case 'AlterDomain': {
      const valueId = bind.newId();
      const a = statement.action;
      if (a.kind === 'AddCheck') {
        const base = baseTypeOf(domainType(bind, statement.name));
        return { kind: 'AlterDomain', name: statement.name, valueId, action: { kind: 'AddCheck', check: bindCheck(bind, a.check, base, valueId) } };
      }
      if (a.kind === 'SetDefault') {
        const defaultSql = a.default ? bindDefault(bind, a.default, baseTypeOf(domainType(bind, statement.name))) : undefined;
        return { kind: 'AlterDomain', name: statement.name, valueId, action: { kind: 'SetDefault', ...(defaultSql ? { defaultSql } : {}) } };
      }
      return { kind: 'AlterDomain', name: statement.name, valueId, action: a };
    }
    case 'DropType': return statement;
  }
}
