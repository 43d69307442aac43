/**
 * ALTER DOMAIN: SET / DROP DEFAULT, SET / DROP NOT NULL, ADD CHECK, DROP CONSTRAINT, RENAME
 * [CONSTRAINT]. A new NOT NULL or CHECK is first tested on the values stored in columns of the
 * domain (23502 / 23514 naming the column, as in PostgreSQL).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalUserTypeCommand } from '../../planner/logical/logical-user-types.js';
import type { StoredTable, StoredUserType } from '../../storage/storage-api.js';
import type { DomainInfo } from '../../types/user-type.js';
import type { Row } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CommandResult } from '../statement-api.js';
import { renameType } from './alter-user-type.js';
import { replaceUserType, requireUserType } from './run-user-types.js';

type AlterDomainPlan = Extract<LogicalUserTypeCommand, { kind: 'AlterDomain' }>;

/** PostgreSQL's generated name for a domain CHECK: `d_check`, then `d_check1`, `d_check2` … */
export function domainCheckName(domain: string, taken: ReadonlySet<string>): string {
  for (let n = 0; ; n++) {
    const candidate = `${domain}_check${n === 0 ? '' : n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function requireDomain(ctx: ExecContext, name: string): { stored: StoredUserType; domain: DomainInfo } {
  const stored = requireUserType(ctx, name);
  if (!stored.type.domain) throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not a domain`);
  return { stored, domain: stored.type.domain };
}

/**
 * Every table column whose type is the domain `oid` or a domain built on it, in PostgreSQL's
 * order (its pg_depend scan): dependents by OID, a derived domain's columns where it stands.
 */
function domainColumns(ctx: ExecContext, oid: number): { table: StoredTable; index: number }[] {
  const direct: { oid: number; table?: StoredTable; index: number }[] = [];
  for (const table of ctx.run.txn.listTables()) {
    table.columns.forEach((c, index) => { if (c.type.domain?.oid === oid) direct.push({ oid: table.oid, table, index }); });
  }
  for (const o of ctx.run.txn.listObjects()) {
    if (o.kind === 'type' && o.type.domain?.base?.oid === oid) direct.push({ oid: o.id, index: 0 });
  }
  direct.sort((a, b) => a.oid - b.oid || a.index - b.index);
  return direct.flatMap((d) => (d.table ? [{ table: d.table, index: d.index }] : domainColumns(ctx, d.oid)));
}

/** Calls `test` on every batch of stored values of the domain's columns; it throws on a bad value. */
async function testStoredValues(ctx: ExecContext, oid: number,
  test: (values: Row[], column: string, table: string) => Promise<void>): Promise<void> {
  for (const { table, index } of domainColumns(ctx, oid)) {
    const column = table.columns[index]!;
    for (const batch of ctx.run.txn.scan(table, [column.id])) {
      await test(batch.columns[0]!.map((v) => [v]), column.name, table.name);
      await batchTick(ctx);
    }
  }
}

export async function alterDomain(ctx: ExecContext, plan: AlterDomainPlan): Promise<CommandResult> {
  const tag = { tag: 'ALTER DOMAIN' };
  const { stored, domain } = requireDomain(ctx, plan.name);
  const action = plan.action;
  const store = (next: DomainInfo) => replaceUserType(ctx, stored, { ...stored.type, domain: next });
  switch (action.kind) {
    case 'SetDefault': {
      const { defaultSql: _old, ...rest } = domain;
      store(action.defaultSql !== undefined ? { ...rest, defaultSql: action.defaultSql } : rest);
      return tag;
    }
    case 'SetNotNull':
      if (action.notNull && !domain.notNull) {
        await testStoredValues(ctx, domain.oid, async (rows, column, table) => {
          if (rows.some((r) => r[0] === null)) {
            throw new SqlError(SQLSTATE.NotNullViolation, `column "${column}" of table "${table}" contains null values`);
          }
        });
      }
      store({ ...domain, notNull: action.notNull });
      return tag;
    case 'AddCheck': {
      const taken = new Set(domain.checks.map((c) => c.name));
      const name = action.check.name ?? domainCheckName(domain.name, taken);
      if (taken.has(name)) {
        throw new SqlError(SQLSTATE.DuplicateObject, `constraint "${name}" for domain "${domain.name}" already exists`);
      }
      const test = compileExpr(action.check.expr!, new Map([[plan.valueId, 0]]));
      await testStoredValues(ctx, domain.oid, async (rows, column, table) => {
        if ((await test(rows, ctx)).some((r) => r === false)) {
          throw new SqlError(SQLSTATE.CheckViolation, `column "${column}" of table "${table}" contains values that violate the new constraint`);
        }
      });
      store({ ...domain, checks: [...domain.checks, { oid: ctx.run.txn.allocateOid(), name, sql: action.check.sql }] });
      return tag;
    }
    case 'DropConstraint': {
      if (!domain.checks.some((c) => c.name === action.name)) {
        const message = `constraint "${action.name}" of domain "${domain.name}" does not exist`;
        if (!action.ifExists) throw new SqlError(SQLSTATE.UndefinedObject, message);
        ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message: `${message}, skipping` });
        return tag;
      }
      store({ ...domain, checks: domain.checks.filter((c) => c.name !== action.name) });
      return tag;
    }
    case 'RenameConstraint': {
      if (!domain.checks.some((c) => c.name === action.from)) {
        throw new SqlError(SQLSTATE.UndefinedObject, `constraint "${action.from}" for domain "${domain.name}" does not exist`);
      }
      if (domain.checks.some((c) => c.name === action.to)) {
        throw new SqlError(SQLSTATE.DuplicateObject, `constraint "${action.to}" for domain "${domain.name}" already exists`);
      }
      store({ ...domain, checks: domain.checks.map((c) => (c.name === action.from ? { ...c, name: action.to } : c)) });
      return tag;
    }
    case 'Rename':
      renameType(ctx, stored, action.to);
      return tag;
  }
}
