/**
 * ALTER TABLE … ADD [CONSTRAINT name] PRIMARY KEY | UNIQUE | FOREIGN KEY | CHECK [NOT VALID]
 * on a table that may already hold rows: the rows are checked as PostgreSQL checks them —
 * duplicates (23505 "could not create unique index"), NULLs in a new primary key (23502, which
 * also makes its columns NOT NULL), missing referenced keys (23503) and failing CHECKs (23514) —
 * unless NOT VALID, which stores the constraint unvalidated (new rows are still checked).
 * Names follow PostgreSQL's generation rules; unlike CREATE TABLE, keys over the same columns
 * are not merged.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { chooseRelationName, relationNameTaken, withObjects } from '../../../catalog/index.js';
import type { TableConstraint } from '../../../parser/ast.js';
import { bindNewCheck } from '../../../planner/index.js';
import type { StoredConstraint, StoredIndex, StoredTable } from '../../../storage/storage-api.js';
import { foreignKeyTarget, resolveReference } from '../build-table-constraints.js';
import { UniqueChecker } from '../unique-check.js';
import type { AlterRun } from './alter-run.js';
import { firstForeignKeyViolation } from './foreign-key-rows.js';
import { firstRowFailing, someNull } from './stored-rows.js';

export function addConstraint(run: AlterRun, clause: TableConstraint): Promise<StoredTable> {
  switch (clause.kind) {
    case 'PrimaryKey': case 'Unique': return addKey(run, clause);
    case 'ForeignKey': return addForeignKey(run, clause);
    case 'Check': return addCheck(run, clause);
  }
}

/** 42710 when the table already has a constraint `name`. */
function claimConstraintName(table: StoredTable, name: string): string {
  if (table.constraints?.some((c) => c.name === name)) {
    throw new SqlError(SQLSTATE.DuplicateObject, `constraint "${name}" for relation "${table.name}" already exists`);
  }
  return name;
}

/** Every constraint name in use (generated CHECK / FOREIGN KEY names avoid them all, as PostgreSQL's ChooseConstraintName). */
function constraintNames(run: AlterRun): Set<string> {
  return new Set(run.ctx.run.txn.listTables().flatMap((t) => (t.constraints ?? []).map((c) => c.name)));
}

function columnIdsOf(table: StoredTable, names: readonly string[]): number[] {
  return names.map((n) => {
    const column = table.columns.find((c) => c.name === n);
    if (!column) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${n}" named in key does not exist`);
    return column.id;
  });
}

async function addKey(run: AlterRun, clause: TableConstraint): Promise<StoredTable> {
  const { ctx } = run;
  const table = run.table;
  const primary = clause.kind === 'PrimaryKey';
  const columnIds = columnIdsOf(table, clause.columns);
  if (primary && table.indexes?.some((i) => i.primary)) {
    throw new SqlError(SQLSTATE.InvalidTableDefinition, `multiple primary keys for table "${table.name}" are not allowed`);
  }
  const tables = ctx.run.txn.listTables();
  const name = claimConstraintName(table, clause.name ?? chooseRelationName(tables, table.name, primary ? [] : clause.columns, primary ? 'pkey' : 'key'));
  if (relationNameTaken(tables, name)) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${name}" already exists`);
  const index: StoredIndex = { oid: ctx.run.txn.allocateOid(), name, columnIds, unique: true, primary };
  UniqueChecker.forTable({ ...table, indexes: [index] }, ctx, true)!.seed(table.rowGroups);
  let columns = table.columns;
  if (primary) {
    for (const id of columnIds) {
      const position = table.columns.findIndex((c) => c.id === id);
      const column = table.columns[position]!;
      if (column.notNull) continue;
      if (await someNull(table, position, ctx)) {
        throw new SqlError(SQLSTATE.NotNullViolation, `column "${column.name}" of relation "${table.name}" contains null values`,
          { table: table.name, column: column.name });
      }
    }
    columns = columns.map((c) => (columnIds.includes(c.id) ? { ...c, notNull: true } : c));
  }
  const constraint: StoredConstraint = { oid: ctx.run.txn.allocateOid(), name, type: primary ? 'p' : 'u', columnIds, indexOid: index.oid };
  return withObjects({ ...table, columns }, [...(table.indexes ?? []), index], [...(table.constraints ?? []), constraint]);
}

async function addForeignKey(run: AlterRun, clause: TableConstraint): Promise<StoredTable> {
  const { ctx } = run;
  const table = run.table;
  const columnIds = columnIdsOf(table, clause.columns);
  const name = claimConstraintName(table, clause.name
    ?? chooseRelationName(ctx.run.txn.listTables(), table.name, clause.columns, 'fkey', constraintNames(run)));
  const target = resolveReference(table, clause, name, ctx);
  const constraint: StoredConstraint = {
    oid: ctx.run.txn.allocateOid(), name, type: 'f', columnIds, references: foreignKeyTarget(target, clause),
    ...(clause.notValid ? { notValid: true } : {}),
  };
  if (!clause.notValid) await firstForeignKeyViolation(table, constraint, ctx);
  return withObjects(table, table.indexes ?? [], [...(table.constraints ?? []), constraint]);
}

async function addCheck(run: AlterRun, clause: TableConstraint): Promise<StoredTable> {
  const { ctx } = run;
  const table = run.table;
  const { constraint: bound, condition } = bindNewCheck(run.bind, table, clause);
  const name = claimConstraintName(table, clause.name
    ?? chooseRelationName(ctx.run.txn.listTables(), table.name, bound.columns.length === 1 ? bound.columns : [], 'check', constraintNames(run)));
  if (!clause.notValid && await firstRowFailing(table, condition, ctx)) throw checkViolated(table, name);
  const constraint: StoredConstraint = {
    oid: ctx.run.txn.allocateOid(), name, type: 'c', columnIds: columnIdsOf(table, bound.columns), checkSql: bound.checkSql!,
    ...(clause.notValid ? { notValid: true } : {}), ...(clause.noInherit ? { noInherit: true } : {}),
  };
  return withObjects(table, table.indexes ?? [], [...(table.constraints ?? []), constraint]);
}

/** 23514 for a CHECK the stored rows do not all satisfy (ADD CONSTRAINT, VALIDATE CONSTRAINT, a column type change). */
export function checkViolated(table: StoredTable, name: string): SqlError {
  return new SqlError(SQLSTATE.CheckViolation, `check constraint "${name}" of relation "${table.name}" is violated by some row`,
    { table: table.name, constraint: name });
}
