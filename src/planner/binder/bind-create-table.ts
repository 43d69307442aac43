/**
 * CREATE TABLE: column types resolved, NOT NULL (PRIMARY KEY implies it, table-level too),
 * defaults checked against the column type and stored as SQL text, and the PRIMARY KEY /
 * UNIQUE / FOREIGN KEY / CHECK constraints collected (column-level first, as PostgreSQL orders
 * them); a CHECK is validated over the new columns (bind-check-constraint.ts). INHERITS and
 * PARTITION OF merge the parents' columns and CHECKs in first (bind-inherits.ts); PARTITION BY
 * and FOR VALUES are bound in bind-partition.ts.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import { changeRelOptions } from '../../catalog/rel-options.js';
import type { ColumnDef, ColumnOptions, CreateTable, Expr, TableConstraint } from '../../parser/ast.js';
import type { StoredColumn } from '../../types/stored-table.js';
import type { SqlType } from '../../types/sql-type.js';
import type { ColumnExtras, ColumnSequence, CreateTableConstraint, LikeIndex, LogicalCreateTable } from '../logical/logical-plan.js';
import { expandLike } from './bind-table-like.js';
import { bindCheckDefinition } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { inheritedChecks, mergeInherited, partitionColumns, resolveParents, withLocalChecks, type MergeNotice } from './bind-inherits.js';
import { bindPartitionBound, bindPartitionKey } from './bind-partition.js';
import { bindKeyExprs } from './bind-write-members.js';
import { rejectDefaultColumnRefs } from './reject-default-column-refs.js';
import { columnSequence } from './bind-sequence.js';
import { assignTo, rowColumns } from './bind-target-table.js';
import { constantText, deparseExpr } from './deparse-expr.js';
import { bindExpr } from './expression/bind-expression.js';
import { bindTypeRef } from './expression/bind-type-ref.js';
import { Scope } from './scope.js';

/**
 * A column definition as the catalog stores it. A serial or identity column is NOT NULL and
 * gets its `nextval(…)` default when its sequence is created (`ColumnSequence`, at run time).
 */
export function bindColumnDef(bind: BindContext, def: ColumnOptions, resolvedType?: SqlType): NewColumn {
  const type = resolvedType ?? bindTypeRef((def as ColumnDef).type, (n) => bind.lookupType(n));
  const column: NewColumn = { name: def.name, type, notNull: def.notNull || def.primaryKey || def.serial === true || def.identity !== undefined };
  if (!def.default) return column;
  return { ...column, defaultSql: defaultText(bind, { ...column, id: 0 }, def.default) };
}

/**
 * A column DEFAULT checked (no column references; assignable to the column's type) and turned
 * into the catalog's SQL text. A default that is a constant once coerced (`'x'` for a text
 * column, `'7'` for an integer one) is stored typed, as PostgreSQL's catalog shows it
 * (`'x'::text`, `7`): it keeps its type when the column's type changes later.
 */
export function defaultText(bind: BindContext, column: StoredColumn, value: Expr): string {
  rejectDefaultColumnRefs(value);
  const bound = assignTo(bind, bindExpr(value, { bind, scope: new Scope([]), clause: 'DEFAULT expressions' }), column);
  if (bound.kind === 'Constant' && bound.value !== null) {
    return constantText(bound.value, { ...bound.type, typmod: -1 }, { timeZone: bind.plan.setting('timezone') ?? 'UTC' });
  }
  return withRegclassCast(deparseExpr(value));
}

/** `nextval('s')` is stored as PostgreSQL deparses it, `nextval('s'::regclass)` (psql's \d shows that). */
function withRegclassCast(sql: string): string {
  return sql.replace(/^nextval\(('(?:[^']|'')*')\)$/, "nextval($1::regclass)");
}

export function bindCreateTable(bind: BindContext, written: CreateTable): LogicalCreateTable {
  // An unqualified name goes to the search path's first schema (its serial sequences with it).
  const statement = { ...written, name: bind.creationName(written.name, written.temporary === true) };
  const parents = resolveParents(bind, statement);
  const seen = new Set<string>();
  const sequences: ColumnSequence[] = [];
  const local: NewColumn[] = [];
  const extras: ColumnExtras[] = [];
  const copied: CreateTableConstraint[] = [];
  const indexes: LikeIndex[] = [];
  const claim = (name: string) => {
    if (seen.has(name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${name}" specified more than once`);
    seen.add(name);
  };
  const addLikes = (at: number) => {
    for (const like of statement.like?.filter((l) => l.at === at) ?? []) {
      const expansion = expandLike(bind, like);
      for (const { column, sequence } of expansion.columns) {
        claim(column.name);
        const { comment, storage, statistics, ...plain } = column;
        local.push(plain);
        if (sequence) sequences.push(sequence);
        if (comment !== undefined || storage !== undefined || statistics !== undefined) extras.push({ column: column.name, comment, storage, statistics });
      }
      copied.push(...expansion.constraints);
      indexes.push(...expansion.indexes);
    }
  };
  statement.columns.forEach((def, i) => {
    addLikes(i);
    claim(def.name);
    const column = bindColumnDef(bind, def);
    const sequence = columnSequence(statement.name, def, column.type);
    if (sequence) sequences.push(sequence);
    local.push(column);
  });
  addLikes(statement.columns.length);
  const notices: MergeNotice[] = [];
  let columns: NewColumn[] = local;
  if (statement.partitionOf) columns = partitionColumns(bind, parents[0]!, statement.partitionOf.columnOptions ?? []);
  else if (parents.length > 0) {
    const merged = mergeInherited(parents, local);
    columns = [...merged.columns];
    notices.push(...merged.notices);
  }
  const names = new Set(columns.map((c) => c.name));
  const constraints: TableConstraint[] = [
    ...statement.columns.flatMap((def) => def.constraints ?? []),
    ...(statement.partitionOf?.columnOptions ?? []).flatMap((def) => def.constraints ?? []),
    ...(statement.constraints ?? []),
  ];
  let primaryKeys = copied.filter((c) => c.kind === 'PrimaryKey').length;
  for (const constraint of constraints) {
    for (const name of constraint.columns) {
      if (!names.has(name)) {
        throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" named in key does not exist`, { position: bind.positionOf(name) });
      }
    }
    if (constraint.kind === 'PrimaryKey' && ++primaryKeys > 1) {
      throw new SqlError(SQLSTATE.InvalidTableDefinition, `multiple primary keys for table "${statement.name}" are not allowed`);
    }
    if (constraint.noInherit && statement.partitionBy) {
      throw new SqlError(SQLSTATE.InvalidTableDefinition, `cannot add NO INHERIT constraint to partitioned table "${statement.name}"`);
    }
  }
  const options = changeRelOptions(undefined, statement.options ?? [], false, 'table');
  const keyColumns = new Set(constraints.filter((c) => c.kind === 'PrimaryKey').flatMap((c) => c.columns));
  const withNotNull = columns.map((c) => (keyColumns.has(c.name) && !c.notNull ? { ...c, notNull: true } : c));
  const own: CreateTableConstraint[] = [
    ...constraints.map((c) => (c.kind === 'Check' ? bindCheckDefinition(bind, statement.name, withNotNull, c) : c)), ...copied,
  ];
  const bound = parents.length > 0 ? withLocalChecks(statement.name, inheritedChecks(parents), own, notices, statement.partitionOf !== undefined) : own;
  const partitionKey = statement.partitionBy && bindPartitionKey(bind, statement.name, withNotNull, statement.partitionBy);
  const partitionBound = statement.partitionOf && bindPartitionBound(bind, parents[0]!, statement.partitionOf.bound);
  const parentRow = statement.partitionOf ? rowColumns(bind, parents[0]!) : undefined;
  return {
    kind: 'CreateTable', name: statement.name, ifNotExists: statement.ifNotExists, temporary: statement.temporary, columns: withNotNull,
    ...(bound.length > 0 ? { constraints: bound } : {}), ...(sequences.length > 0 ? { sequences } : {}),
    ...(parents.length > 0 ? { inherits: parents.map((p) => p.id) } : {}),
    ...(partitionKey ? { partitionKey } : {}), ...(partitionBound ? { partitionBound } : {}),
    ...(parentRow ? { parentKey: { rowColumns: parentRow, exprs: bindKeyExprs(bind, parents[0]!, parentRow) } } : {}),
    ...(notices.length > 0 ? { notices } : {}),
    ...(indexes.length > 0 ? { indexes } : {}), ...(extras.length > 0 ? { columnExtras: extras } : {}),
    ...(options ? { options } : {}), ...(statement.unlogged ? { unlogged: true } : {}),
  };
}
