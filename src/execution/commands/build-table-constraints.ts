/**
 * Turns CREATE TABLE's PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK clauses into the catalog's
 * constraints and indexes, with PostgreSQL's generated names (`t_pkey`, `t_a_key`,
 * `t_a_b_fkey`, `t_a_check` / `t_check`, numbered on collision) and its checks on the
 * referenced key.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { chooseRelationName } from '../../catalog/index.js';
import type { CreateTableConstraint } from '../../planner/logical/logical-plan.js';
import { canCast } from '../../functions/casts.js';
import type { TableConstraint } from '../../parser/ast.js';
import type { StoredColumn, StoredConstraint, StoredForeignKeyTarget, StoredIndex, StoredTable } from '../../storage/storage-api.js';
import { formatTypeName, type SqlType } from '../../types/sql-type.js';
import type { ExecContext } from '../exec-context.js';

function columnIdsOf(table: StoredTable, names: readonly string[]): number[] {
  return names.map((n) => {
    const column = table.columns.find((c) => c.name === n);
    if (!column) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${n}" named in key does not exist`);
    return column.id;
  });
}

const sameKey = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id, i) => id === b[i]);

/** `table` (just created, empty) with its constraints and their indexes attached. */
export function withTableConstraints(table: StoredTable, clauses: readonly CreateTableConstraint[], ctx: ExecContext): StoredTable {
  const tables = ctx.run.txn.listTables();
  const taken = new Set<string>();
  const indexes: StoredIndex[] = [];
  const constraints: StoredConstraint[] = [];
  const claim = (name: string) => {
    if (taken.has(name) || tables.some((t) => t.name === name || t.indexes?.some((i) => i.name === name))) {
      throw new SqlError(SQLSTATE.DuplicateTable, `relation "${name}" already exists`);
    }
    taken.add(name);
    return name;
  };
  // Keys first: a FOREIGN KEY may reference this table's own PRIMARY KEY or UNIQUE key.
  // PostgreSQL merges keys over the same columns: the first stays, taking a later one's name
  // if it had none (and PRIMARY if either was).
  const keys: { columns: readonly string[]; columnIds: number[]; primary: boolean; name?: string }[] = [];
  for (const clause of clauses) {
    if (clause.kind === 'ForeignKey' || clause.kind === 'Check') continue;
    const columnIds = columnIdsOf(table, clause.columns);
    const primary = clause.kind === 'PrimaryKey';
    const prior = keys.find((k) => sameKey(k.columnIds, columnIds));
    if (prior) {
      prior.primary ||= primary;
      prior.name ??= clause.name;
      continue;
    }
    keys.push({ columns: clause.columns, columnIds, primary, ...(clause.name === undefined ? {} : { name: clause.name }) });
  }
  for (const key of keys) {
    const name = claim(key.name ?? (key.primary
      ? chooseRelationName(tables, table.name, [], 'pkey', taken)
      : chooseRelationName(tables, table.name, key.columns, 'key', taken)));
    const index: StoredIndex = { oid: ctx.run.txn.allocateOid(), name, columnIds: key.columnIds, unique: true, primary: key.primary };
    indexes.push(index);
    constraints.push({ oid: ctx.run.txn.allocateOid(), name, type: key.primary ? 'p' : 'u', columnIds: key.columnIds, indexOid: index.oid });
  }
  const self: StoredTable = { ...table, indexes, constraints };
  for (const clause of clauses) {
    if (clause.kind !== 'ForeignKey') continue;
    const columnIds = columnIdsOf(table, clause.columns);
    const name = clause.name ?? chooseRelationName(tables, table.name, clause.columns, 'fkey', taken);
    const target = resolveReference(self, clause, name, ctx);
    if (constraints.some((c) => c.name === name)) {
      throw new SqlError(SQLSTATE.DuplicateObject, `constraint "${name}" for relation "${table.name}" already exists`);
    }
    taken.add(name);
    constraints.push({
      oid: ctx.run.txn.allocateOid(), name, type: 'f', columnIds,
      references: foreignKeyTarget(target, clause),
    });
  }
  // A CHECK's generated name carries its column only when it reads exactly one (PostgreSQL's
  // ChooseConstraintName); constraint names of other tables are avoided too.
  const constraintNames = new Set(tables.flatMap((t) => (t.constraints ?? []).map((c) => c.name)));
  for (const clause of clauses) {
    if (clause.kind !== 'Check') continue;
    const name = clause.name ?? chooseRelationName(tables, table.name, clause.columns.length === 1 ? clause.columns : [], 'check',
      new Set([...taken, ...constraintNames]));
    if (constraints.some((c) => c.name === name)) {
      throw new SqlError(SQLSTATE.DuplicateObject, constraints.some((c) => c.name === name && c.type === 'c')
        ? `check constraint "${name}" already exists` : `constraint "${name}" for relation "${table.name}" already exists`);
    }
    taken.add(name);
    constraints.push({ oid: ctx.run.txn.allocateOid(), name, type: 'c', columnIds: columnIdsOf(table, clause.columns), checkSql: clause.checkSql! });
  }
  return { ...table, ...(indexes.length ? { indexes } : {}), ...(constraints.length ? { constraints } : {}) };
}

/** The stored form of a FOREIGN KEY's target. */
export function foreignKeyTarget(target: { table: StoredTable; columnIds: number[] }, clause: TableConstraint): StoredForeignKeyTarget {
  const ref = clause.references!;
  return {
    tableId: target.table.id, columnIds: target.columnIds, onUpdate: ref.onUpdate, onDelete: ref.onDelete,
    ...(ref.matchFull ? { matchFull: true } : {}),
  };
}

/**
 * The referenced table and key of FOREIGN KEY `name` of `self`: its PRIMARY KEY when no columns
 * are named; 42830 unless unique, 42804 when a key column's type cannot be compared with its
 * referenced column's, 42P16 when a permanent table would reference an unlogged or temporary one,
 * an unlogged one a temporary one, or a temporary one a table that is not.
 */
export function resolveReference(
  self: StoredTable, clause: TableConstraint, name: string, ctx: ExecContext,
): { table: StoredTable; columnIds: number[] } {
  const ref = clause.references!;
  const table = ref.table === self.name ? self : ctx.run.txn.getTable(ref.table);
  if (!table || table.view || table.sequence) {
    if (table) throw new SqlError(SQLSTATE.WrongObjectType, `referenced relation "${table.name}" is not a table`);
    throw new SqlError(SQLSTATE.UndefinedTable, `relation "${ref.table}" does not exist`);
  }
  const persistence = (t: StoredTable) => (t.temporary ? 'temporary' : t.unlogged ? 'unlogged' : 'permanent');
  const mine = persistence(self);
  const theirs = persistence(table);
  // A permanent table references permanent ones only, an unlogged one no temporary table (PostgreSQL's rule).
  if (mine === 'temporary' ? theirs !== 'temporary' : theirs === 'temporary' || (mine === 'permanent' && theirs === 'unlogged')) {
    throw new SqlError(SQLSTATE.InvalidTableDefinition, mine === 'temporary'
      ? 'constraints on temporary tables may reference only temporary tables'
      : mine === 'unlogged' ? 'constraints on unlogged tables may reference only permanent or unlogged tables'
        : 'constraints on permanent tables may reference only permanent tables');
  }
  let columnIds: number[];
  if (ref.columns) {
    columnIds = ref.columns.map((n) => {
      const column = table.columns.find((c) => c.name === n);
      if (!column) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${n}" referenced in foreign key constraint does not exist`);
      return column.id;
    });
  } else {
    const primary = table.indexes?.find((i) => i.primary);
    if (!primary) throw new SqlError(SQLSTATE.UndefinedObject, `there is no primary key for referenced table "${table.name}"`);
    columnIds = [...primary.columnIds];
  }
  if (columnIds.length !== clause.columns.length) {
    throw new SqlError(SQLSTATE.InvalidForeignKey, 'number of referencing and referenced columns for foreign key disagree');
  }
  const unique = table.indexes?.some((i) => i.unique && i.columnIds.length === columnIds.length && i.columnIds.every((id) => columnIds.includes(id)));
  if (!unique) {
    throw new SqlError(SQLSTATE.InvalidForeignKey, `there is no unique constraint matching given keys for referenced table "${table.name}"`);
  }
  clause.columns.forEach((columnName, i) => {
    checkKeyPair(name, self.columns.find((c) => c.name === columnName)!, table.columns.find((c) => c.id === columnIds[i])!);
  });
  return { table, columnIds };
}

/** 42804 unless a referencing column's type compares with its referenced column's. */
function checkKeyPair(name: string, from: StoredColumn, to: StoredColumn): void {
  if (comparableKeyTypes(from.type, to.type)) return;
  throw new SqlError(SQLSTATE.DatatypeMismatch, `foreign key constraint "${name}" cannot be implemented`, {
    detail: `Key columns "${from.name}" and "${to.name}" are of incompatible types: ${formatTypeName(from.type)} and ${formatTypeName(to.type)}.`,
  });
}

/**
 * After ALTER COLUMN TYPE on column `columnId` of `table` (the new definition): every foreign key
 * over it, on either side, must still compare its key columns (42804).
 */
export function checkForeignKeyTypes(ctx: ExecContext, table: StoredTable, columnId: number): void {
  const tables = ctx.run.txn.listTables().map((t) => (t.id === table.id ? table : t));
  const column = (t: StoredTable, id: number) => t.columns.find((c) => c.id === id)!;
  for (const child of tables) {
    for (const fk of child.constraints ?? []) {
      const ref = fk.references;
      if (fk.type !== 'f' || !ref) continue;
      const onChild = child.id === table.id && fk.columnIds.includes(columnId);
      const onParent = ref.tableId === table.id && ref.columnIds.includes(columnId);
      if (!onChild && !onParent) continue;
      const parent = tables.find((t) => t.id === ref.tableId)!;
      fk.columnIds.forEach((id, i) => checkKeyPair(fk.name, column(child, id), column(parent, ref.columnIds[i]!)));
    }
  }
}

/** Type families whose members PostgreSQL's btree operator families compare with each other. */
const KEY_FAMILIES: readonly ReadonlySet<string>[] = [
  new Set(['int2', 'int4', 'int8']), new Set(['float4', 'float8']), new Set(['text', 'varchar', 'bpchar', 'name']),
  new Set(['date', 'timestamp', 'timestamptz']),
];

/** True when a referencing column of type `from` can be checked against a referenced column of type `to`. */
function comparableKeyTypes(from: SqlType, to: SqlType): boolean {
  if (from.array !== to.array) return false;
  if (from.id === to.id) return true;
  if (!from.array && KEY_FAMILIES.some((f) => f.has(from.id) && f.has(to.id))) return true;
  return canCast(from, to, 'implicit');
}
