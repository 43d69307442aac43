/**
 * ALTER [COLUMN] c [SET DATA] TYPE t [USING expr]: every stored row is rewritten with the
 * column's new value (USING, else the old value assignment-cast), then what PostgreSQL rebuilds
 * is checked again over the new rows — NOT NULL (23502), unique keys over the column (23505),
 * CHECK constraints reading it (re-bound on the new type: a CHECK that no longer type-checks
 * fails the statement, as in PostgreSQL), foreign keys over it (42804 if the types no longer
 * compare). A column a view reads cannot change type (0A000, as PostgreSQL).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { alterColumn, dependentViews, viewsReadingColumn } from '../../../catalog/index.js';
import { tokenize } from '../../../parser/lexer.js';
import type { AlterTableAction } from '../../../parser/ast.js';
import { bindCheckCondition, bindColumnConversion, checkDefaultConverts } from '../../../planner/index.js';
import type { StoredColumn, StoredTable } from '../../../storage/storage-api.js';
import { compileExpr } from '../../expression/compile-expr.js';
import type { CompiledExpr } from '../../expression/compiled-expr.js';
import { layoutOf } from '../../physical-operator.js';
import { checkForeignKeyTypes } from '../build-table-constraints.js';
import { UniqueChecker } from '../unique-check.js';
import { checkViolated } from './add-constraint.js';
import { requireColumn, type AlterRun } from './alter-run.js';
import { firstRowFailing, rewriteRows, someNull } from './stored-rows.js';

type AlterColumnTypeAction = Extract<AlterTableAction, { kind: 'AlterColumnType' }>;

/**
 * Every ALTER COLUMN TYPE of the statement at once, as PostgreSQL does: each USING reads the row
 * as it was before the statement (`origin`: the table before any action; only drops, which
 * rewrite nothing, may have run since), and the rows are rewritten once.
 */
export async function alterColumnTypes(run: AlterRun, actions: readonly AlterColumnTypeAction[], origin: StoredTable): Promise<StoredTable> {
  const { ctx } = run;
  let next = run.table;
  const changes: { columnId: number; evaluate: CompiledExpr }[] = [];
  for (const action of actions) {
    const { column } = requireColumn(run, action.column);
    if (changes.some((c) => c.columnId === column.id)) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, `cannot alter type of column "${column.name}" twice`);
    }
    checkNoViewReads(run, column);
    const { type, conversion } = bindColumnConversion(run.bind, origin, column, action.type, action.using);
    checkDefaultConverts(run.stored, column, type);
    next = alterColumn(next, column.name, { type });
    changes.push({ columnId: column.id, evaluate: compileExpr(conversion.expr, layoutOf(conversion.row.map((c) => c.id))) });
  }
  for (const { columnId } of changes) checkForeignKeyTypes(ctx, next, columnId);
  // Each column of the new table: where its value sits in an `origin` row, or its conversion.
  const sources = next.columns.map((c) => origin.columns.findIndex((o) => o.id === c.id));
  const rewritten = origin.rowGroups.length === 0 ? next : await rewriteRows(origin, next, async (rows) => {
    const out = rows.map((row) => sources.map((p) => row[p]!));
    for (const { columnId, evaluate } of changes) {
      const values = await evaluate(rows, ctx);
      const at = next.columns.findIndex((c) => c.id === columnId);
      out.forEach((row, r) => { row[at] = values[r]!; });
    }
    return out;
  }, ctx);
  for (const { columnId } of changes) {
    const position = rewritten.columns.findIndex((c) => c.id === columnId);
    await recheck(run, rewritten, rewritten.columns[position]!, position);
  }
  return rewritten;
}

/**
 * 0A000 when a view's query reads the column: as recorded at CREATE VIEW, or for views stored
 * before that, when its SQL text names the column or uses `*`.
 */
function checkNoViewReads(run: AlterRun, column: StoredColumn): void {
  const tables = run.ctx.run.txn.listTables();
  const recorded = viewsReadingColumn(tables, run.table, column.id);
  for (const view of recorded ?? dependentViews(tables, run.table)) {
    const names = recorded ? [] : tokenize(view.view!.sql).map((t) => (t.type === 'word' ? t.text.toLowerCase() : t.type === 'qident' ? t.value : undefined));
    if (!recorded && !names.includes(column.name) && !names.includes('*')) continue;
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot alter type of a column used by a view or rule',
      { detail: `rule _RETURN on view ${view.name} depends on column "${column.name}"` });
  }
}

/** The constraints over the converted column, checked over the rewritten rows. */
async function recheck(run: AlterRun, table: StoredTable, column: StoredColumn, position: number): Promise<void> {
  const { ctx } = run;
  if (column.notNull && await someNull(table, position, ctx)) {
    throw new SqlError(SQLSTATE.NotNullViolation, `column "${column.name}" of relation "${table.name}" contains null values`,
      { table: table.name, column: column.name });
  }
  const keys = (table.indexes ?? []).filter((i) => i.unique && i.columnIds.includes(column.id));
  for (const index of keys) UniqueChecker.forTable({ ...table, indexes: [index] }, ctx, true)!.seed(table.rowGroups);
  for (const check of table.constraints ?? []) {
    if (check.type !== 'c' || !check.columnIds.includes(column.id)) continue;
    const condition = bindCheckCondition(run.stored, table, check.checkSql ?? 'true');
    if (!check.notValid && await firstRowFailing(table, condition, ctx)) throw checkViolated(table, check.name);
  }
}
