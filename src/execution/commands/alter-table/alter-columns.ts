/**
 * ALTER TABLE … ADD [COLUMN] [IF NOT EXISTS] (a DEFAULT or a serial/identity column rewrites the
 * stored rows; the column's own PRIMARY KEY / UNIQUE / REFERENCES / CHECK are added as
 * constraints after it), DROP [COLUMN] [IF EXISTS] [CASCADE] (foreign keys of other tables over
 * the column block it unless CASCADE), RENAME COLUMN (CHECK texts follow; views rename their
 * output column).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import {
  addColumn as addStoredColumn, dropColumn as dropStoredColumn, nextCounter, ownedSequences, referencingConstraints, renameColumn as renameStoredColumn, viewsReadingColumn,
  withoutConstraint,
} from '../../../catalog/index.js';
import type { AlterTableAction } from '../../../parser/ast.js';
import type { BoundExpr } from '../../../planner/logical/bound-expr.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { Value } from '../../../types/value.js';
import type { ExecContext } from '../../exec-context.js';
import { compileExpr } from '../../expression/compile-expr.js';
import { layoutOf } from '../../physical-operator.js';
import { dropRelations } from '../drop-dependents.js';
import { renameColumnInChecks } from '../rename-check-column.js';
import { createColumnSequences } from '../run-sequence.js';
import { addConstraint } from './add-constraint.js';
import { notice, requireColumn, type AlterRun } from './alter-run.js';
import { hasRows, rewriteRows } from './stored-rows.js';

/** The new column's values for a batch of stored rows. */
type ColumnFill = (rowCount: number) => Promise<readonly Value[]>;

/** A bound DEFAULT evaluated once per row (volatile defaults differ per row, as in PostgreSQL's rewrite). */
function defaultFill(fill: BoundExpr, ctx: ExecContext): ColumnFill {
  const evaluate = compileExpr(fill, layoutOf([]));
  return (rowCount) => evaluate(Array.from({ length: rowCount }, () => []), ctx);
}

/** nextval of the new serial / identity column's own sequence, once per row. */
function sequenceFill(next: StoredTable, ctx: ExecContext): ColumnFill {
  const added = next.columns[next.columns.length - 1]!;
  const sequence = ownedSequences(ctx.run.txn.listTables(), next, added.id)[0]!;
  const advance = () => ctx.run.txn.advanceSequence(sequence, (c) => nextCounter(sequence.sequence!, sequence.name, c)).lastValue;
  return async (rowCount) => Array.from({ length: rowCount }, () => (added.type.id === 'int8' ? advance() : Number(advance())));
}

type AddColumnAction = Extract<AlterTableAction, { kind: 'AddColumn' }>;

/** ADD COLUMN; `index` is the action's place among the statement's ADD COLUMNs (its bound column and default). */
export async function addColumn(run: AlterRun, action: AddColumnAction, index: number): Promise<StoredTable> {
  const { ctx, plan } = run;
  const table = run.table;
  const column = plan.newColumns[index]!;
  if (table.columns.some((c) => c.name === column.name)) {
    if (action.ifNotExists) {
      notice(run, `column "${column.name}" of relation "${table.name}" already exists, skipping`, SQLSTATE.DuplicateColumn);
      return table;
    }
  }
  const spec = plan.sequences?.find((s) => s.column === column.name);
  if (column.notNull && !column.defaultSql && !spec && hasRows(table)) {
    throw new SqlError(SQLSTATE.NotNullViolation, `column "${column.name}" of relation "${table.name}" contains null values`);
  }
  const next = spec ? createColumnSequences(addStoredColumn(table, column), [spec], ctx) : addStoredColumn(table, column);
  const bound = plan.newDefaults[index];
  const fill = spec ? sequenceFill(next, ctx) : bound && defaultFill(bound, ctx);
  let result = next;
  if (fill && hasRows(table)) {
    // Stored rows would read NULL for the new column, so they are rewritten with the default.
    result = await rewriteRows(table, next, async (rows) => {
      const values = await fill(rows.length);
      return rows.map((row, r) => {
        if (column.notNull && values[r] === null) {
          throw new SqlError(SQLSTATE.NotNullViolation, `column "${column.name}" of relation "${table.name}" contains null values`);
        }
        return [...row, values[r]!];
      });
    }, ctx);
  }
  // The column's own constraints, as if added by ADD CONSTRAINT right after it.
  for (const constraint of action.column.constraints ?? []) {
    ctx.run.txn.replaceTable(result, []);
    run.table = result;
    result = await addConstraint(run, constraint);
  }
  return result;
}

type DropColumnAction = Extract<AlterTableAction, { kind: 'DropColumn' }>;

/**
 * DROP COLUMN: its indexes and constraints go with it; a serial / identity column's sequence
 * too (PostgreSQL's automatic dependency); other tables' foreign keys over it need CASCADE.
 */
export function dropColumn(run: AlterRun, action: DropColumnAction): StoredTable {
  const { ctx } = run;
  const table = run.table;
  const column = table.columns.find((c) => c.name === action.name);
  if (!column) {
    if (action.ifExists) {
      notice(run, `column "${action.name}" of relation "${table.name}" does not exist, skipping`);
      return table;
    }
    requireColumn(run, action.name);
  }
  const referencing = referencingConstraints(ctx.run.txn.listTables(), table)
    .filter(({ constraint }) => constraint.references!.columnIds.includes(column!.id));
  const views = viewsReadingColumn(ctx.run.txn.listTables(), table, column!.id) ?? [];
  const triggers = (table.triggers ?? []).filter((t) => t.updateColumns?.includes(column!.id) || t.whenColumns?.includes(column!.id));
  const described = [
    ...views.map((v) => `view ${v.name}`),
    ...referencing.map(({ table: t, constraint }) => `constraint ${constraint.name} on table ${t.name}`),
    ...triggers.map((t) => `trigger ${t.name} on table ${table.name}`),
  ];
  if (described.length > 0) {
    if (!action.cascade) {
      throw new SqlError(SQLSTATE.DependentObjectsStillExist,
        `cannot drop column ${column!.name} of table ${table.name} because other objects depend on it`, {
          detail: described.map((d) => `${d} depends on column ${column!.name} of table ${table.name}`).join('\n'),
          hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
        });
    }
    notice(run, described.length === 1 ? `drop cascades to ${described[0]}` : `drop cascades to ${described.length} other objects`);
    for (const { table: t, constraint } of referencing) {
      const current = ctx.run.txn.getTableById(t.id);
      if (current) ctx.run.txn.replaceTable(withoutConstraint(current, constraint.oid), []);
    }
    // The views' own dependents go with them (dropRelations' NOTICE names those).
    if (views.length > 0) dropRelations(ctx, views, true);
  }
  const owned = ownedSequences(ctx.run.txn.listTables(), table, column!.id);
  const remaining = (table.triggers ?? []).filter((t) => !triggers.includes(t));
  const next = dropStoredColumn(triggers.length > 0 ? { ...table, triggers: remaining } : table, action.name);
  for (const sequence of owned) ctx.run.txn.dropTable(sequence);
  return next;
}

/** RENAME COLUMN (tables and views); 42701 if the new name is taken. */
export function renameColumn(run: AlterRun, from: string, to: string): StoredTable {
  requireColumn(run, from);
  return renameColumnInChecks(renameStoredColumn(run.table, from, to), from, to);
}
