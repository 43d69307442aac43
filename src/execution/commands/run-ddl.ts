/**
 * CREATE TABLE [IF NOT EXISTS] (with its constraints), DROP TABLE [IF EXISTS] [CASCADE] and
 * CREATE TABLE AS, with PostgreSQL's notices and command tags. ALTER TABLE is alter-table/.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { alterColumn, chooseRelationName, createNameTaken, parseRelationName, withComment, withObjects } from '../../catalog/index.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import type { LogicalCreateTable, LogicalCreateTableAs, LogicalDropTable } from '../../planner/logical/logical-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';
import { buildOperator } from '../physical-planner.js';
import type { CommandResult } from '../statement-api.js';
import { withTableConstraints } from './build-table-constraints.js';
import { dropRelations } from './drop-dependents.js';
import { createColumnSequences } from './run-sequence.js';
import { checkNotNull } from './table-rows.js';

function skipNotice(ctx: ExecContext, message: string, code = SQLSTATE.SuccessfulCompletion): void {
  ctx.run.notice({ severity: 'NOTICE', code, message });
}

export function runCreateTable(plan: LogicalCreateTable, ctx: ExecContext): CommandResult {
  const name = parseRelationName(plan.name).name;
  if (createNameTaken(ctx.run.txn.listTables(), plan.name, plan.temporary)) {
    if (plan.ifNotExists) {
      skipNotice(ctx, `relation "${name}" already exists, skipping`, SQLSTATE.DuplicateTable);
      return { tag: 'CREATE TABLE' };
    }
    throw new SqlError(SQLSTATE.DuplicateTable, `relation "${name}" already exists`);
  }
  let table = ctx.run.txn.createTable(plan.name, plan.columns, { temporary: plan.temporary });
  if (plan.options || plan.unlogged) {
    table = { ...table, ...(plan.options ? { options: plan.options } : {}), ...(plan.unlogged ? { unlogged: true } : {}) };
    ctx.run.txn.replaceTable(table, []);
  }
  if (plan.sequences) {
    table = createColumnSequences(table, plan.sequences, ctx);
    ctx.run.txn.replaceTable(table, []);
  }
  if (plan.constraints) {
    table = withTableConstraints(table, plan.constraints, ctx);
    ctx.run.txn.replaceTable(table, []);
  }
  if (plan.indexes || plan.columnExtras) ctx.run.txn.replaceTable(withLikeCopies(table, plan, ctx), []);
  return { tag: 'CREATE TABLE' };
}

/** What LIKE … INCLUDING copied besides columns and constraints: plain indexes, column comments, storage, statistics. */
function withLikeCopies(created: StoredTable, plan: LogicalCreateTable, ctx: ExecContext): StoredTable {
  let table = created;
  for (const extra of plan.columnExtras ?? []) {
    const column = table.columns.find((c) => c.name === extra.column)!;
    table = alterColumn(table, column.name, {
      ...(extra.storage !== undefined ? { storage: extra.storage } : {}), ...(extra.statistics !== undefined ? { statistics: extra.statistics } : {}),
    });
    if (extra.comment !== undefined) table = withComment(table, column.id, extra.comment);
  }
  const indexes = [...(table.indexes ?? [])];
  for (const like of plan.indexes ?? []) {
    const name = chooseRelationName([...ctx.run.txn.listTables(), { ...table, indexes }], table.name, like.columns, 'idx');
    const columnIds = like.columns.map((n) => table.columns.find((c) => c.name === n)!.id);
    indexes.push({
      oid: ctx.run.txn.allocateOid(), name, columnIds, unique: like.unique, primary: false, ...(like.comment ? { comment: like.comment } : {}),
    });
  }
  return withObjects(table, indexes, table.constraints ?? []);
}

/** DROP TABLE: every name checked first, then dropped with dependents (drop-dependents.ts). */
export function runDropTable(plan: LogicalDropTable, ctx: ExecContext): CommandResult {
  const roots: StoredTable[] = [];
  for (const name of plan.names) {
    const table = ctx.run.txn.getTable(name);
    if (!table) {
      if (plan.ifExists) {
        skipNotice(ctx, `table "${name}" does not exist, skipping`);
        continue;
      }
      throw new SqlError(SQLSTATE.UndefinedTable, `table "${name}" does not exist`);
    }
    if (table.view || table.sequence) {
      throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not a table`,
        { hint: `Use DROP ${table.view ? 'VIEW' : 'SEQUENCE'} to remove a ${table.view ? 'view' : 'sequence'}.` });
    }
    roots.push(table);
  }
  if (roots.length > 0) dropRelations(ctx, roots, plan.cascade === true);
  return { tag: 'DROP TABLE' };
}

export async function runCreateTableAs(plan: LogicalCreateTableAs, ctx: ExecContext): Promise<CommandResult> {
  const name = parseRelationName(plan.name).name;
  if (createNameTaken(ctx.run.txn.listTables(), plan.name, plan.temporary)) {
    if (plan.ifNotExists) {
      skipNotice(ctx, `relation "${name}" already exists, skipping`, SQLSTATE.DuplicateTable);
      return { tag: 'CREATE TABLE AS' };
    }
    throw new SqlError(SQLSTATE.DuplicateTable, `relation "${name}" already exists`);
  }
  const seen = new Set<string>();
  const columns: NewColumn[] = plan.input.output.map((c) => {
    if (seen.has(c.name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${c.name}" specified more than once`);
    seen.add(c.name);
    return { name: c.name, type: c.type, notNull: false };
  });
  const created = ctx.run.txn.createTable(plan.name, columns, { temporary: plan.temporary });
  const table = plan.options ? { ...created, options: plan.options } : created;
  if (plan.options) ctx.run.txn.replaceTable(table, []);
  let count = 0;
  if (plan.withData) {
    const writer = ctx.run.txn.writer(table, table.columns);
    for await (const batch of buildOperator(plan.input).execute(ctx)) {
      for (const row of batch) {
        checkNotNull(table, row, ctx);
        writer.append(row);
      }
      count += batch.length;
    }
    ctx.run.txn.replaceTable({ ...table, rowGroups: writer.finish() }, []);
  }
  // PostgreSQL never runs a WITH NO DATA query, so it reports no row count.
  return { tag: plan.withData || plan.fromExecute ? `SELECT ${count}` : 'CREATE TABLE AS' };
}
