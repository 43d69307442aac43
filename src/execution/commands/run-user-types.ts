/**
 * CREATE TYPE (composite, enum), CREATE DOMAIN, ALTER TYPE, ALTER DOMAIN and DROP TYPE / DOMAIN
 * against the catalog, with PostgreSQL's messages and command tags. A type is stored whole
 * (types/user-type.ts); altering it rewrites every column and type that embeds it
 * (`replaceEmbeddedType`), and dropping it is refused while columns or types use it unless
 * CASCADE, which drops those columns and types.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { dropColumn, findUserType, replaceEmbeddedType, typeDependents } from '../../catalog/index.js';
import type { LogicalUserTypeCommand } from '../../planner/logical/logical-user-types.js';
import type { StoredUserType } from '../../storage/storage-api.js';
import type { SqlType } from '../../types/sql-type.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { alterComposite, alterEnum, renameType } from './alter-user-type.js';
import { alterDomain, domainCheckName } from './alter-domain.js';

function notice(ctx: ExecContext, message: string, code = SQLSTATE.SuccessfulCompletion): void {
  ctx.run.notice({ severity: 'NOTICE', code, message });
}

/** 42710 when a type (or a table, whose row type has the name) already uses `name`. */
export function assertTypeNameFree(ctx: ExecContext, name: string): void {
  if (findUserType(ctx.run.txn.listObjects(), name) || ctx.run.txn.listTables().some((t) => t.name === name && !t.temporary)) {
    throw new SqlError(SQLSTATE.DuplicateObject, `type "${name}" already exists`);
  }
}

/** The user type named `name`; 42704 when there is none. */
export function requireUserType(ctx: ExecContext, name: string): StoredUserType {
  const found = findUserType(ctx.run.txn.listObjects(), name);
  if (!found) throw new SqlError(SQLSTATE.UndefinedObject, `type "${name}" does not exist`);
  return found;
}

/** Stores `next` as the new definition of `stored`, and rewrites every column and type that embeds it. */
export function replaceUserType(ctx: ExecContext, stored: StoredUserType, next: SqlType, name = stored.name): void {
  const txn = ctx.run.txn;
  txn.putObject({ ...stored, name, type: next });
  for (const table of txn.listTables()) {
    const columns = table.columns.map((c) => {
      const type = replaceEmbeddedType(c.type, stored.id, next);
      return type === c.type ? c : { ...c, type };
    });
    if (columns.some((c, i) => c !== table.columns[i])) txn.replaceTable({ ...table, columns }, []);
  }
  for (const other of txn.listObjects()) {
    if (other.kind !== 'type' || other.id === stored.id) continue;
    const type = replaceEmbeddedType(other.type, stored.id, next);
    if (type !== other.type) replaceUserType(ctx, other, type);
  }
}

function createType(ctx: ExecContext, name: string, build: (oid: number, arrayOid: number) => SqlType): void {
  assertTypeNameFree(ctx, name);
  const oid = ctx.run.txn.allocateOid();
  const arrayOid = ctx.run.txn.allocateOid();
  ctx.run.txn.putObject({ kind: 'type', id: oid, name, version: 0, type: build(oid, arrayOid) });
}

const MAX_LABEL_BYTES = 63;

function checkLabel(label: string): void {
  if (Buffer.byteLength(label, 'utf8') > MAX_LABEL_BYTES) {
    throw new SqlError(SQLSTATE.InvalidName, `invalid enum label "${label}"`, { detail: 'Labels must be 63 bytes or less.' });
  }
}

export { checkLabel as checkEnumLabel };

export async function runUserTypeCommand(plan: LogicalUserTypeCommand, ctx: ExecContext): Promise<CommandResult> {
  const txn = ctx.run.txn;
  switch (plan.kind) {
    case 'CreateCompositeType':
      createType(ctx, plan.name, (oid, arrayOid) => ({
        id: 'void', array: false, typmod: -1, fields: plan.fields,
        udt: { kind: 'composite', oid, arrayOid, name: plan.name, relOid: txn.allocateOid() },
      }));
      return { tag: 'CREATE TYPE' };
    case 'CreateEnumType':
      plan.labels.forEach(checkLabel);
      createType(ctx, plan.name, (oid, arrayOid) => ({
        id: 'enum', array: false, typmod: -1,
        udt: {
          kind: 'enum', oid, arrayOid, name: plan.name, relOid: 0,
          labels: plan.labels.map((label, i) => ({ oid: txn.allocateOid(), label, sortOrder: i + 1 })),
        },
      }));
      return { tag: 'CREATE TYPE' };
    case 'CreateDomain': {
      const taken = new Set<string>();
      const checks = plan.checks.map((c) => {
        const name = c.name ?? domainCheckName(plan.name, taken);
        taken.add(name);
        return { oid: txn.allocateOid(), name, sql: c.sql };
      });
      createType(ctx, plan.name, (oid, arrayOid) => ({
        ...plan.base,
        domain: {
          oid, arrayOid, name: plan.name, notNull: plan.notNull, checks,
          ...(plan.defaultSql !== undefined ? { defaultSql: plan.defaultSql } : {}),
          ...(plan.base.domain ? { base: plan.base.domain } : {}),
        },
      }));
      return { tag: 'CREATE DOMAIN' };
    }
    case 'AlterUserType': {
      let stored = requireUserType(ctx, plan.name);
      for (const action of plan.actions) {
        if (action.kind === 'Rename') renameType(ctx, stored, action.to);
        else if (action.kind === 'AddValue' || action.kind === 'RenameValue') alterEnum(ctx, stored, action);
        else alterComposite(ctx, stored, action);
        stored = findUserType(txn.listObjects(), action.kind === 'Rename' ? action.to : stored.name)!;
      }
      return { tag: 'ALTER TYPE' };
    }
    case 'AlterDomain':
      return await alterDomain(ctx, plan);
    case 'DropType':
      return dropTypes(ctx, plan);
  }
}

function dropTypes(ctx: ExecContext, plan: Extract<LogicalUserTypeCommand, { kind: 'DropType' }>): CommandResult {
  const txn = ctx.run.txn;
  const tag = { tag: plan.domain ? 'DROP DOMAIN' : 'DROP TYPE' };
  const roots: StoredUserType[] = [];
  for (const name of plan.names) {
    const found = findUserType(txn.listObjects(), name);
    if (!found) {
      if (!plan.ifExists) throw new SqlError(SQLSTATE.UndefinedObject, `type "${name}" does not exist`);
      notice(ctx, `type "${name}" does not exist, skipping`);
      continue;
    }
    if (plan.domain && !found.type.domain) throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not a domain`);
    roots.push(found);
  }
  const rootIds = new Set(roots.map((r) => r.id));
  const dependents = roots.flatMap((root) => typeDependents(txn.listTables(), txn.listObjects(), root.id)
    .filter((d) => !(d.type && rootIds.has(d.type.id)))
    .map((d) => ({ ...d, on: root })));
  if (dependents.length > 0) {
    if (!plan.cascade) {
      const root = roots[0]!;
      throw new SqlError(SQLSTATE.DependentObjectsStillExist, `cannot drop type ${root.name} because other objects depend on it`, {
        detail: dependents.map((d) => `${d.description} depends on type ${d.on.name}`).join('\n'),
        hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
      });
    }
    const message = dependents.length === 1 ? `drop cascades to ${dependents[0]!.description}` : `drop cascades to ${dependents.length} other objects`;
    ctx.run.notice({
      severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message,
      ...(dependents.length > 1 ? { detail: dependents.map((d) => `drop cascades to ${d.description}`).join('\n') } : {}),
    });
    for (const d of dependents) {
      if (d.table) {
        const table = txn.getTableById(d.table.table.id);
        const column = table?.columns.find((c) => c.id === d.table!.columnId);
        if (table && column) txn.replaceTable(dropColumn(table, column.name), []);
      } else if (d.type && txn.listObjects().some((o) => o.id === d.type!.id)) txn.dropObject(d.type);
    }
  }
  for (const root of roots) txn.dropObject(root);
  return tag;
}
