/**
 * CREATE [UNIQUE] INDEX, DROP INDEX, CREATE [OR REPLACE] VIEW, DROP VIEW and COMMENT ON, with
 * PostgreSQL's messages. Indexes are catalog entries only (scans stay sequential); a unique
 * one is enforced by unique-check.ts like a constraint. Views store their SQL text.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { chooseRelationName, findIndex, relationNameTaken, withComment, withObjects, withoutIndex } from '../../catalog/index.js';
import type {
  LogicalCommentOn, LogicalCreateIndex, LogicalCreateView, LogicalDropRelation,
} from '../../planner/logical/logical-plan.js';
import type { StoredColumn, StoredIndex, StoredTable, StoredView } from '../../storage/storage-api.js';
import { formatTypeName } from '../../types/sql-type.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { dropRelations } from './drop-dependents.js';
import { indexMethod } from './index-methods.js';
import { UniqueChecker } from './unique-check.js';

function notice(ctx: ExecContext, message: string, code = SQLSTATE.SuccessfulCompletion): void {
  ctx.run.notice({ severity: 'NOTICE', code, message });
}

export async function runCreateIndex(plan: LogicalCreateIndex, ctx: ExecContext): Promise<CommandResult> {
  const tag = { tag: 'CREATE INDEX' };
  const tables = ctx.run.txn.listTables();
  if (plan.name !== undefined && relationNameTaken(tables, plan.name)) {
    if (!plan.ifNotExists) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${plan.name}" already exists`);
    notice(ctx, `relation "${plan.name}" already exists, skipping`, SQLSTATE.DuplicateTable);
    return tag;
  }
  const table = ctx.run.txn.getTable(plan.table);
  if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${plan.table}" does not exist`);
  if (table.view || table.sequence) {
    throw new SqlError(SQLSTATE.WrongObjectType, `cannot create index on relation "${table.name}"`,
      { detail: `This operation is not supported for ${table.view ? 'views' : 'sequences'}.` });
  }
  const columnIds = plan.columns.map((name) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" does not exist`);
    return column.id;
  });
  const name = plan.name ?? chooseRelationName(tables, table.name, plan.columns, 'idx');
  const index: StoredIndex = {
    oid: ctx.run.txn.allocateOid(), name, columnIds, unique: plan.unique, primary: false, ...(plan.vector ? { vector: plan.vector } : {}),
  };
  const next = withObjects(table, [...(table.indexes ?? []), index], table.constraints ?? []);
  if (plan.unique) checkExistingRows(next, index, ctx);
  if (plan.vector) await buildVectorIndex(table, index, plan.columns[0]!, ctx);
  ctx.run.txn.replaceTable(next, []);
  return tag;
}

/** A vector index keys one real[] column; its method builds its data before the catalog records it. */
async function buildVectorIndex(table: StoredTable, index: StoredIndex, columnName: string, ctx: ExecContext): Promise<void> {
  const column = table.columns.find((c) => c.id === index.columnIds[0])!;
  if (!column.type.array || column.type.id !== 'float4') {
    throw new SqlError(SQLSTATE.DatatypeMismatch, `column "${columnName}" is ${formatTypeName(column.type)}, not an embedding (real[])`, {
      hint: 'hnsw indexes embeddings stored as real[] (the column CONVERT writes).',
    });
  }
  await indexMethod(index.vector!.method, ctx).build(table, index, ctx);
}

/** CREATE UNIQUE INDEX over rows that already repeat a key: 23505 "could not create unique index". */
function checkExistingRows(table: StoredTable, index: StoredIndex, ctx: ExecContext): void {
  UniqueChecker.forTable({ ...table, indexes: [index] }, ctx, true)!.seed(table.rowGroups);
}

export function runDropRelation(plan: LogicalDropRelation, ctx: ExecContext): CommandResult {
  if (plan.relkind === 'index') return dropIndexes(plan, ctx);
  return plan.relkind === 'view' ? dropViews(plan, ctx) : dropSequences(plan, ctx);
}

/** DROP SEQUENCE: an identity column's sequence cannot be dropped on its own (2BP01). */
function dropSequences(plan: LogicalDropRelation, ctx: ExecContext): CommandResult {
  const roots: StoredTable[] = [];
  for (const name of plan.names) {
    const sequence = ctx.run.txn.getTable(name);
    if (sequence && !sequence.sequence) {
      throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not a sequence`,
        { hint: `Use DROP ${sequence.view ? 'VIEW' : 'TABLE'} to remove a ${sequence.view ? 'view' : 'table'}.` });
    }
    if (!sequence) {
      if (plan.ifExists) { notice(ctx, `sequence "${name}" does not exist, skipping`); continue; }
      throw new SqlError(SQLSTATE.UndefinedTable, `sequence "${name}" does not exist`);
    }
    const owner = sequence.sequence!.ownedBy;
    const table = owner && ctx.run.txn.getTableById(owner.tableId);
    const column = table?.columns.find((c) => c.id === owner!.columnId);
    if (table && column?.identity) {
      throw new SqlError(SQLSTATE.DependentObjectsStillExist,
        `cannot drop sequence ${name} because column ${column.name} of table ${table.name} requires it`,
        { hint: `You can drop column ${column.name} of table ${table.name} instead.` });
    }
    roots.push(sequence);
  }
  if (roots.length > 0) dropRelations(ctx, roots, plan.cascade);
  return { tag: 'DROP SEQUENCE' };
}

function dropIndexes(plan: LogicalDropRelation, ctx: ExecContext): CommandResult {
  for (const name of plan.names) {
    const found = findIndex(ctx.run.txn.listTables(), name);
    if (!found) {
      if (ctx.run.txn.getTable(name)) {
        throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not an index`, { hint: 'Use DROP TABLE to remove a table.' });
      }
      if (plan.ifExists) { notice(ctx, `index "${name}" does not exist, skipping`); continue; }
      throw new SqlError(SQLSTATE.UndefinedObject, `index "${name}" does not exist`);
    }
    const owner = found.table.constraints?.find((c) => c.indexOid === found.index.oid);
    if (owner) {
      throw new SqlError(SQLSTATE.DependentObjectsStillExist,
        `cannot drop index ${name} because constraint ${owner.name} on table ${found.table.name} requires it`,
        { hint: `You can drop constraint ${owner.name} on table ${found.table.name} instead.` });
    }
    ctx.run.txn.replaceTable(withoutIndex(found.table, found.index.oid), []);
  }
  return { tag: 'DROP INDEX' };
}

function dropViews(plan: LogicalDropRelation, ctx: ExecContext): CommandResult {
  const roots: StoredTable[] = [];
  for (const name of plan.names) {
    const view = ctx.run.txn.getTable(name);
    if (view && !view.view) {
      throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not a view`,
        { hint: `Use DROP ${view.sequence ? 'SEQUENCE' : 'TABLE'} to remove a ${view.sequence ? 'sequence' : 'table'}.` });
    }
    if (!view) {
      if (plan.ifExists) { notice(ctx, `view "${name}" does not exist, skipping`); continue; }
      throw new SqlError(SQLSTATE.UndefinedTable, `view "${name}" does not exist`);
    }
    roots.push(view);
  }
  if (roots.length > 0) dropRelations(ctx, roots, plan.cascade);
  return { tag: 'DROP VIEW' };
}

export function runCreateView(plan: LogicalCreateView, ctx: ExecContext): CommandResult {
  const existing = ctx.run.txn.getTable(plan.name);
  const tables = ctx.run.txn.listTables();
  if (existing && !existing.view) {
    if (plan.orReplace) throw new SqlError(SQLSTATE.WrongObjectType, `"${plan.name}" is not a view`);
    throw new SqlError(SQLSTATE.DuplicateTable, `relation "${plan.name}" already exists`);
  }
  if (existing && !plan.orReplace) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${plan.name}" already exists`);
  if (!existing && relationNameTaken(tables, plan.name)) {
    throw new SqlError(SQLSTATE.DuplicateTable, `relation "${plan.name}" already exists`);
  }
  if (!existing) {
    const created = ctx.run.txn.createTable(plan.name, plan.columns);
    ctx.run.txn.replaceTable({ ...created, view: storedView(plan, plan.dependsOn) }, []);
    return { tag: 'CREATE VIEW' };
  }
  ctx.run.txn.replaceTable(replacedView(existing, plan), []);
  return { tag: 'CREATE VIEW' };
}

function storedView(plan: LogicalCreateView, dependsOn: readonly number[]): StoredView {
  return {
    sql: plan.sql, dependsOn, relations: plan.relations, ...(plan.checkOption ? { checkOption: plan.checkOption } : {}),
    ...(plan.securityBarrier !== undefined ? { securityBarrier: plan.securityBarrier } : {}),
  };
}

/** CREATE OR REPLACE VIEW: PostgreSQL lets the new query only append columns. */
function replacedView(existing: StoredTable, plan: LogicalCreateView): StoredTable {
  if (plan.columns.length < existing.columns.length) {
    throw new SqlError(SQLSTATE.InvalidTableDefinition, 'cannot drop columns from view');
  }
  let nextColumnId = existing.nextColumnId;
  const columns = plan.columns.map((c, i): StoredColumn => {
    const old = existing.columns[i];
    if (!old) return { id: nextColumnId++, name: c.name, type: c.type, notNull: false };
    if (old.name !== c.name) {
      throw new SqlError(SQLSTATE.InvalidTableDefinition, `cannot change name of view column "${old.name}" to "${c.name}"`,
        { hint: 'Use ALTER VIEW ... RENAME COLUMN ... to change name of view column instead.' });
    }
    if (formatTypeName(old.type) !== formatTypeName(c.type)) {
      throw new SqlError(SQLSTATE.InvalidTableDefinition,
        `cannot change data type of view column "${old.name}" from ${formatTypeName(old.type)} to ${formatTypeName(c.type)}`);
    }
    return old;
  });
  const dependsOn = plan.dependsOn.filter((id) => id !== existing.id);
  return { ...existing, columns, nextColumnId, view: storedView(plan, dependsOn) };
}

export function runCommentOn(plan: LogicalCommentOn, ctx: ExecContext): CommandResult {
  // PostgreSQL stores an empty comment as no comment.
  const text = plan.text === '' ? null : plan.text;
  if (plan.target === 'index') {
    const found = findIndex(ctx.run.txn.listTables(), plan.relation);
    if (!found) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${plan.relation}" does not exist`);
    const { comment: _old, ...rest } = found.index;
    const index = text === null ? rest : { ...rest, comment: text };
    const indexes = (found.table.indexes ?? []).map((i) => (i.oid === index.oid ? index : i));
    ctx.run.txn.replaceTable(withObjects(found.table, indexes, found.table.constraints ?? []), []);
    return { tag: 'COMMENT' };
  }
  const table = ctx.run.txn.getTable(plan.relation);
  if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${plan.relation}" does not exist`);
  if (plan.target === 'table' && table.view) throw new SqlError(SQLSTATE.WrongObjectType, `"${table.name}" is not a table`);
  if (plan.target === 'view' && !table.view) throw new SqlError(SQLSTATE.WrongObjectType, `"${table.name}" is not a view`);
  if (plan.target === 'constraint') {
    ctx.run.txn.replaceTable(withConstraintComment(table, plan.column!, text), []);
    return { tag: 'COMMENT' };
  }
  let columnId: number | undefined;
  if (plan.column !== undefined) {
    const column = table.columns.find((c) => c.name === plan.column);
    if (!column) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${plan.column}" of relation "${table.name}" does not exist`);
    columnId = column.id;
  }
  ctx.run.txn.replaceTable(withComment(table, columnId, text), []);
  return { tag: 'COMMENT' };
}

/** `table` with constraint `name`'s comment set (null: removed); 42704 when it has no such constraint. */
function withConstraintComment(table: StoredTable, name: string, text: string | null): StoredTable {
  const constraint = table.constraints?.find((c) => c.name === name);
  if (!constraint) throw new SqlError(SQLSTATE.UndefinedObject, `constraint "${name}" for table "${table.name}" does not exist`);
  const { comment: _old, ...rest } = constraint;
  const next = text === null ? rest : { ...rest, comment: text };
  return { ...table, constraints: table.constraints!.map((c) => (c === constraint ? next : c)) };
}
