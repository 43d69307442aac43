/**
 * ALTER TYPE: enum ADD VALUE [IF NOT EXISTS] [BEFORE | AFTER] and RENAME VALUE, composite
 * ADD / DROP / ALTER / RENAME ATTRIBUTE, and RENAME TO, with PostgreSQL's messages. A new enum
 * label sorts between its neighbours (PostgreSQL's float sort orders), so stored values — their
 * labels' sort positions — keep their meaning.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { findUserType, typeDependents } from '../../catalog/index.js';
import type { ResolvedAlterTypeAction } from '../../planner/logical/logical-user-types.js';
import type { StoredUserType } from '../../storage/storage-api.js';
import type { RecordField, SqlType } from '../../types/sql-type.js';
import type { EnumLabel } from '../../types/user-type.js';
import type { ExecContext } from '../exec-context.js';
import { assertTypeNameFree, checkEnumLabel, replaceUserType } from './run-user-types.js';

function notEnum(stored: StoredUserType): SqlError {
  return new SqlError(SQLSTATE.WrongObjectType, `${stored.name} is not an enum`);
}

function notLabel(label: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, `"${label}" is not an existing enum label`);
}

/** The sort order of a label placed next to `neighbor` (before or after it), or last. */
function newSortOrder(labels: readonly EnumLabel[], neighbor?: { readonly label: string; readonly after: boolean }): number {
  if (!neighbor) return (labels[labels.length - 1]?.sortOrder ?? 0) + 1;
  const at = labels.findIndex((l) => l.label === neighbor.label);
  if (at < 0) throw notLabel(neighbor.label);
  const here = labels[at]!.sortOrder;
  const other = labels[neighbor.after ? at + 1 : at - 1];
  if (!other) return neighbor.after ? here + 1 : here - 1;
  return (here + other.sortOrder) / 2;
}

export function alterEnum(ctx: ExecContext, stored: StoredUserType,
  action: Extract<ResolvedAlterTypeAction, { kind: 'AddValue' | 'RenameValue' }>): void {
  const udt = stored.type.udt;
  if (!udt || udt.kind !== 'enum' || stored.type.domain) throw notEnum(stored);
  const labels = udt.labels ?? [];
  let next: readonly EnumLabel[];
  if (action.kind === 'AddValue') {
    checkEnumLabel(action.label);
    if (labels.some((l) => l.label === action.label)) {
      if (!action.ifNotExists) throw new SqlError(SQLSTATE.DuplicateObject, `enum label "${action.label}" already exists`);
      ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.DuplicateObject, message: `enum label "${action.label}" already exists, skipping` });
      return;
    }
    const sortOrder = newSortOrder(labels, action.neighbor);
    next = [...labels, { oid: ctx.run.txn.allocateOid(), label: action.label, sortOrder }].sort((a, b) => a.sortOrder - b.sortOrder);
  } else {
    if (!labels.some((l) => l.label === action.from)) throw notLabel(action.from);
    if (action.from !== action.to && labels.some((l) => l.label === action.to)) {
      throw new SqlError(SQLSTATE.DuplicateObject, `enum label "${action.to}" already exists`);
    }
    checkEnumLabel(action.to);
    next = labels.map((l) => (l.label === action.from ? { ...l, label: action.to } : l));
  }
  replaceUserType(ctx, stored, { ...stored.type, udt: { ...udt, labels: next } });
}

export function renameType(ctx: ExecContext, stored: StoredUserType, to: string): void {
  if (findUserType(ctx.run.txn.listObjects(), to)) throw new SqlError(SQLSTATE.DuplicateObject, `type "${to}" already exists`);
  assertTypeNameFree(ctx, to);
  const type = stored.type;
  const next: SqlType = type.domain ? { ...type, domain: { ...type.domain, name: to } } : { ...type, udt: { ...type.udt!, name: to } };
  replaceUserType(ctx, stored, next, to);
}

function notComposite(stored: StoredUserType): SqlError {
  return new SqlError(SQLSTATE.WrongObjectType, `"${stored.name}" is not a composite type`);
}

function missingAttribute(name: string, type: string): SqlError {
  return new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" of relation "${type}" does not exist`);
}

/** ADD / DROP / ALTER TYPE / RENAME ATTRIBUTE; DROP and ALTER TYPE are refused (0A000) while a table column uses the type. */
export function alterComposite(ctx: ExecContext, stored: StoredUserType,
  action: Extract<ResolvedAlterTypeAction, { kind: 'AddAttribute' | 'DropAttribute' | 'AlterAttributeType' | 'RenameAttribute' }>): void {
  const type = stored.type;
  if (!type.fields || type.udt?.kind !== 'composite') throw notComposite(stored);
  const fields = type.fields;
  const user = typeDependents(ctx.run.txn.listTables(), [], stored.id)[0];
  // Stored values keep their fields: an added attribute reads as NULL, but dropping or retyping one would misread them.
  if (user?.table && (action.kind === 'DropAttribute' || action.kind === 'AlterAttributeType')) {
    const column = user.table.table.columns.find((c) => c.id === user.table!.columnId)!;
    throw new SqlError(SQLSTATE.FeatureNotSupported,
      `cannot alter type "${stored.name}" because column "${user.table.table.name}.${column.name}" uses it`);
  }
  const index = (name: string) => fields.findIndex((f) => f.name === name);
  let next: readonly RecordField[] = fields;
  switch (action.kind) {
    case 'AddAttribute':
      if (index(action.name) >= 0) {
        if (action.ifNotExists) return;
        throw new SqlError(SQLSTATE.DuplicateColumn, `column "${action.name}" of relation "${stored.name}" already exists`);
      }
      next = [...fields, { name: action.name, type: action.type }];
      break;
    case 'DropAttribute':
      if (index(action.name) < 0) {
        if (action.ifExists) {
          ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion,
            message: `column "${action.name}" of relation "${stored.name}" does not exist, skipping` });
          return;
        }
        throw missingAttribute(action.name, stored.name);
      }
      next = fields.filter((f) => f.name !== action.name);
      break;
    case 'AlterAttributeType':
      if (index(action.name) < 0) throw missingAttribute(action.name, stored.name);
      next = fields.map((f) => (f.name === action.name ? { name: f.name, type: action.type } : f));
      break;
    case 'RenameAttribute':
      if (index(action.from) < 0) throw missingAttribute(action.from, stored.name);
      if (index(action.to) >= 0) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${action.to}" of relation "${stored.name}" already exists`);
      next = fields.map((f) => (f.name === action.from ? { name: action.to, type: f.type } : f));
      break;
  }
  replaceUserType(ctx, stored, { ...type, fields: next });
}
