/**
 * ALTER TABLE over inheritance trees: which column actions reach the tables inheriting from
 * the altered one (ADD / DROP / RENAME COLUMN, SET / DROP NOT NULL recurse unless ONLY, as PostgreSQL's
 * ATSimpleRecursion), the errors for altering an inherited column directly, and the links
 * themselves — [NO] INHERIT parent and DETACH PARTITION — with the column and CHECK
 * bookkeeping PostgreSQL keeps in attinhcount / attislocal and coninhcount / conislocal.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { inheritsFrom, isPartition, isPartitioned, parentsOf } from '../../catalog/index.js';
import type { AlterTableAction } from '../../parser/ast.js';
import type { StoredColumn, StoredConstraint, StoredTable } from '../../storage/storage-api.js';
import { sameType } from '../../types/sql-type.js';
import type { ExecContext } from '../exec-context.js';
import { sqlReadsColumn } from './rename-check-column.js';

/**
 * 42P16 for an action PostgreSQL refuses on this table because of inheritance: changing an
 * inherited column directly, or changing only the parent where the children must follow.
 */
export function checkInheritedAction(table: StoredTable, action: AlterTableAction, only: boolean, ctx: ExecContext): void {
  const hasChildren = ctx.run.txn.childrenOf(table.id).length > 0;
  const column = 'name' in action ? table.columns.find((c) => c.name === action.name)
    : action.kind === 'RenameColumn' ? table.columns.find((c) => c.name === action.from) : undefined;
  switch (action.kind) {
    case 'AddColumn':
      if (only && hasChildren) throw new SqlError(SQLSTATE.InvalidTableDefinition, 'column must be added to child tables too');
      return;
    case 'DropColumn':
      if (column && (column.inheritCount ?? 0) > 0) {
        throw new SqlError(SQLSTATE.InvalidTableDefinition, `cannot drop inherited column "${column.name}"`);
      }
      if (column && isPartitioned(table) && partitionKeyReads(table, column)) {
        throw new SqlError(SQLSTATE.InvalidTableDefinition,
          `cannot drop column "${column.name}" because it is part of the partition key of relation "${table.name}"`);
      }
      if (column && only && hasChildren && isPartitioned(table)) {
        throw new SqlError(SQLSTATE.InvalidTableDefinition, 'cannot drop column from only the partitioned table when partitions exist',
          { hint: 'Do not specify the ONLY keyword.' });
      }
      return;
    case 'RenameColumn':
      if (column && (column.inheritCount ?? 0) > 0) {
        throw new SqlError(SQLSTATE.InvalidTableDefinition, `cannot rename inherited column "${column.name}"`);
      }
      if (column && only && hasChildren) {
        throw new SqlError(SQLSTATE.InvalidTableDefinition, `inherited column "${column.name}" must be renamed in child tables too`);
      }
      return;
    case 'DropConstraint': {
      const check = table.constraints?.find((c) => c.type === 'c' && c.name === action.name);
      if (check && (check.inheritCount ?? 0) > 0) {
        throw new SqlError(SQLSTATE.InvalidTableDefinition, `cannot drop inherited constraint "${check.name}" of relation "${table.name}"`);
      }
      return;
    }
    case 'SetNotNull':
      if (only && hasChildren && isPartitioned(table)) throw new SqlError(SQLSTATE.InvalidTableDefinition, 'constraint must be added to child tables too');
      return;
    case 'DropNotNull': {
      if (only && hasChildren && isPartitioned(table)) {
        throw new SqlError(SQLSTATE.InvalidTableDefinition, 'cannot remove constraint from only the partitioned table when partitions exist',
          { hint: 'Do not specify the ONLY keyword.' });
      }
      const own = table.columns.find((c) => c.name === action.column);
      // Only a partition must keep its parent's NOT NULL; an inheritance child may drop it (PostgreSQL 15).
      const fromParent = own && isPartition(table) && (own.inheritCount ?? 0) > 0
        && parentsOf(ctx.run.txn, table).some((p) => p.columns.some((c) => c.name === own.name && c.notNull));
      if (fromParent) throw new SqlError(SQLSTATE.InvalidTableDefinition, `column "${own.name}" is marked NOT NULL in parent table`);
      return;
    }
    default:
      return;
  }
}

/** True when `table`'s partition key is `column` or has an expression reading it. */
function partitionKeyReads(table: StoredTable, column: StoredColumn): boolean {
  return table.partitionKey!.parts.some((p) => p.columnId === column.id || (p.exprSql !== undefined && sqlReadsColumn(p.exprSql, column.name)));
}

/** True for the actions that, without ONLY, are applied to the tables inheriting from the altered one too. */
export function recurses(action: AlterTableAction): boolean {
  return action.kind === 'AddColumn' || action.kind === 'DropColumn' || action.kind === 'RenameColumn';
}

/** ALTER TABLE ONLY parent DROP COLUMN: each child keeps its column, now its own where no other parent gives it. */
export function keepColumnInChildren(table: StoredTable, name: string, ctx: ExecContext): void {
  for (const child of ctx.run.txn.childrenOf(table.id)) {
    const columns = child.columns.map((c) => (c.name === name ? localColumn(uninherit(c)) : c));
    ctx.run.txn.replaceTable({ ...child, columns }, []);
  }
}

/** A column or constraint with one parent fewer; local once no parent gives it. */
function uninherit<T extends StoredColumn | StoredConstraint>(item: T): T {
  const count = Math.max(0, (item.inheritCount ?? 0) - 1);
  const { inheritCount: _count, isLocal: _local, ...rest } = item;
  return { ...rest, ...(count > 0 ? { inheritCount: count } : {}), ...(count > 0 && item.isLocal === false ? { isLocal: false } : {}) } as T;
}

/** One more parent gives this column or constraint. */
function inherit<T extends StoredColumn | StoredConstraint>(item: T): T {
  return { ...item, inheritCount: (item.inheritCount ?? 0) + 1 };
}

/** The column as the child's own (attislocal; absent `isLocal` means local). */
function localColumn(column: StoredColumn): StoredColumn {
  const { isLocal: _local, ...rest } = column;
  return rest;
}

/** The CHECKs a parent passes down (not NO INHERIT). */
function inheritableChecks(parent: StoredTable): StoredConstraint[] {
  return (parent.constraints ?? []).filter((c) => c.type === 'c' && !c.noInherit);
}

/** ALTER TABLE child INHERIT parent (PostgreSQL's ATExecAddInherit): the child must already have the parent's columns and CHECKs. */
export function addInherit(child: StoredTable, parent: StoredTable, ctx: ExecContext): StoredTable {
  if (isPartition(child)) throw new SqlError(SQLSTATE.WrongObjectType, 'cannot change inheritance of a partition');
  if (isPartitioned(child)) throw new SqlError(SQLSTATE.WrongObjectType, 'cannot change inheritance of partitioned table');
  if (isPartitioned(parent)) throw new SqlError(SQLSTATE.WrongObjectType, `cannot inherit from partitioned table "${parent.name}"`);
  if (isPartition(parent)) throw new SqlError(SQLSTATE.WrongObjectType, `cannot inherit from a partition`);
  if (parent.view || parent.sequence) throw new SqlError(SQLSTATE.WrongObjectType, `"${parent.name}" is not a table`);
  if (parent.temporary && !child.temporary) throw new SqlError(SQLSTATE.WrongObjectType, `cannot inherit from temporary relation "${parent.name}"`);
  if (child.temporary && !parent.temporary) throw new SqlError(SQLSTATE.WrongObjectType, `cannot inherit to temporary relation "${child.name}"`);
  if ((child.inherits ?? []).includes(parent.id)) {
    throw new SqlError(SQLSTATE.DuplicateTable, `relation "${parent.name}" would be inherited from more than once`);
  }
  if (inheritsFrom(ctx.run.txn, parent, child.id)) {
    throw new SqlError(SQLSTATE.DuplicateTable, 'circular inheritance not allowed',
      { detail: `"${parent.name}" is already a child of "${child.name}".` });
  }
  const merged = mergeIntoExisting(child, parent, false);
  // The parent is replaced unchanged so a concurrent change to it conflicts, as its lock would.
  ctx.run.txn.replaceTable(parent, []);
  return { ...child, ...merged, inherits: [...(child.inherits ?? []), parent.id] };
}

/**
 * The child's columns and CHECKs with the parent's merged in, as PostgreSQL's
 * MergeAttributesIntoExisting / MergeConstraintsIntoExisting check them (42804): the child must
 * have each column (same type, NOT NULL where the parent's is) and each inheritable CHECK
 * (same definition). A partition's merged columns and CHECKs are no longer its own (attislocal /
 * conislocal false), an inheritance child's stay local.
 */
export function mergeIntoExisting(child: StoredTable, parent: StoredTable, partition: boolean): Pick<StoredTable, 'columns' | 'constraints'> {
  const columns = child.columns.slice();
  for (const column of parent.columns) {
    const index = columns.findIndex((c) => c.name === column.name);
    if (index < 0) throw new SqlError(SQLSTATE.DatatypeMismatch, `child table is missing column "${column.name}"`);
    const own = columns[index]!;
    if (!sameType(own.type, column.type)) {
      throw new SqlError(SQLSTATE.DatatypeMismatch, `child table "${child.name}" has different type for column "${column.name}"`);
    }
    if (column.notNull && !own.notNull) {
      throw new SqlError(SQLSTATE.DatatypeMismatch, `column "${column.name}" in child table must be marked NOT NULL`);
    }
    columns[index] = partition ? { ...inherit(own), isLocal: false } : inherit(own);
  }
  const constraints = (child.constraints ?? []).slice();
  for (const check of inheritableChecks(parent)) {
    const index = constraints.findIndex((c) => c.type === 'c' && c.name === check.name);
    if (index < 0) throw new SqlError(SQLSTATE.DatatypeMismatch, `child table is missing constraint "${check.name}"`);
    const own = constraints[index]!;
    if (own.checkSql !== check.checkSql || own.noInherit) {
      throw new SqlError(SQLSTATE.DatatypeMismatch, `child table "${child.name}" has different definition for check constraint "${check.name}"`);
    }
    constraints[index] = partition ? { ...inherit(own), isLocal: false } : inherit(own);
  }
  return { columns, ...(constraints.length > 0 ? { constraints } : {}) };
}

/**
 * ALTER TABLE child NO INHERIT parent, and ALTER TABLE parent DETACH PARTITION child: the
 * link goes; columns and CHECKs the parent gave lose one parent and become local when none is left.
 */
export function removeInherit(child: StoredTable, parent: StoredTable, detach: boolean): StoredTable {
  if (!detach && isPartition(child)) throw new SqlError(SQLSTATE.WrongObjectType, 'cannot change inheritance of a partition');
  if (!(child.inherits ?? []).includes(parent.id)) {
    throw new SqlError(SQLSTATE.UndefinedTable, detach
      ? `relation "${child.name}" is not a partition of relation "${parent.name}"`
      : `relation "${parent.name}" is not a parent of relation "${child.name}"`);
  }
  const names = new Set(parent.columns.map((c) => c.name));
  const checks = new Set(inheritableChecks(parent).map((c) => c.name));
  const columns = child.columns.map((c) => (names.has(c.name) && (c.inheritCount ?? 0) > 0 ? uninherit(c) : c));
  const constraints = (child.constraints ?? []).map((c) => (c.type === 'c' && checks.has(c.name) && (c.inheritCount ?? 0) > 0 ? uninherit(c) : c));
  const inherits = (child.inherits ?? []).filter((id) => id !== parent.id);
  const { inherits: _i, partitionBound: _b, ...rest } = child;
  return {
    ...rest, columns, ...(constraints.length > 0 ? { constraints } : {}), ...(inherits.length > 0 ? { inherits } : {}),
    ...(!detach && child.partitionBound ? { partitionBound: child.partitionBound } : {}),
  };
}

/**
 * ADD COLUMN reaching a child that already has a column of that name: merged (same type, else
 * 42804) with PostgreSQL's NOTICE; undefined when the child has no such column.
 */
export function mergeAddedColumn(child: StoredTable, name: string, type: StoredColumn['type'], ctx: ExecContext): StoredTable | undefined {
  const index = child.columns.findIndex((c) => c.name === name);
  if (index < 0) return undefined;
  const own = child.columns[index]!;
  if (!sameType(own.type, type)) {
    throw new SqlError(SQLSTATE.DatatypeMismatch, `child table "${child.name}" has different type for column "${name}"`);
  }
  ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message: `merging definition of column "${name}" for child "${child.name}"` });
  const columns = child.columns.slice();
  columns[index] = inherit(own);
  return { ...child, columns };
}

/** DROP COLUMN reaching a child that keeps the column (another parent gives it, or it is its own): one parent fewer. */
export function keepsDroppedColumn(child: StoredTable, name: string): StoredTable | undefined {
  const column = child.columns.find((c) => c.name === name);
  if (!column || ((column.inheritCount ?? 0) <= 1 && column.isLocal === false)) return undefined;
  return { ...child, columns: child.columns.map((c) => (c === column ? uninherit(c) : c)) };
}
