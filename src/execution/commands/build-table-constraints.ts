/**
 * Turns CREATE TABLE's PRIMARY KEY / UNIQUE / FOREIGN KEY / CHECK clauses into the catalog's
 * constraints and indexes, with PostgreSQL's generated names (`t_pkey`, `t_a_key`,
 * `t_a_b_fkey`, `t_a_check` / `t_check`, numbered on collision) and its checks on the
 * referenced key.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { chooseRelationName } from '../../catalog/index.js';
import type { CreateTableConstraint } from '../../planner/logical/logical-plan.js';
import type { StoredConstraint, StoredIndex, StoredTable } from '../../storage/storage-api.js';
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
    const target = resolveReference(self, clause, ctx);
    const name = clause.name ?? chooseRelationName(tables, table.name, clause.columns, 'fkey', taken);
    if (constraints.some((c) => c.name === name)) {
      throw new SqlError(SQLSTATE.DuplicateObject, `constraint "${name}" for relation "${table.name}" already exists`);
    }
    taken.add(name);
    constraints.push({
      oid: ctx.run.txn.allocateOid(), name, type: 'f', columnIds,
      references: { tableId: target.table.id, columnIds: target.columnIds, onUpdate: clause.references!.onUpdate, onDelete: clause.references!.onDelete },
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
    constraints.push({
      oid: ctx.run.txn.allocateOid(), name, type: 'c', columnIds: columnIdsOf(table, clause.columns), checkSql: clause.checkSql!,
      ...(clause.noInherit ? { noInherit: true } : {}), ...(clause.inheritCount ? { inheritCount: clause.inheritCount } : {}),
      ...(clause.isLocal === false ? { isLocal: false } : {}),
    });
  }
  return { ...table, ...(indexes.length ? { indexes } : {}), ...(constraints.length ? { constraints } : {}) };
}

/** The referenced table and key: its PRIMARY KEY when no columns are named; 42830 unless unique. */
function resolveReference(self: StoredTable, clause: CreateTableConstraint, ctx: ExecContext): { table: StoredTable; columnIds: number[] } {
  const ref = clause.references!;
  const table = ref.table === self.name ? self : ctx.run.txn.getTable(ref.table);
  if (!table || table.view) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${ref.table}" does not exist`);
  let columnIds: number[];
  if (ref.columns) {
    columnIds = ref.columns.map((n) => {
      const column = table.columns.find((c) => c.name === n);
      if (!column) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${n}" referenced in foreign key constraint does not exist`);
      return column.id;
    });
  } else {
    const primary = table.indexes?.find((i) => i.primary);
    if (!primary) throw new SqlError(SQLSTATE.InvalidForeignKey, `there is no primary key for referenced table "${table.name}"`);
    columnIds = [...primary.columnIds];
  }
  if (columnIds.length !== clause.columns.length) {
    throw new SqlError(SQLSTATE.InvalidForeignKey, 'number of referencing and referenced columns for foreign key disagree');
  }
  const unique = table.indexes?.some((i) => i.unique && i.columnIds.length === columnIds.length && i.columnIds.every((id) => columnIds.includes(id)));
  if (!unique) {
    throw new SqlError(SQLSTATE.InvalidForeignKey, `there is no unique constraint matching given keys for referenced table "${table.name}"`);
  }
  return { table, columnIds };
}
