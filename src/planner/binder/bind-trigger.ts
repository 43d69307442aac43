/**
 * Binds CREATE TRIGGER's WHEN condition as PostgreSQL checks it at creation: over the table's
 * row as `new` and `old`, boolean, reading only the row versions the events have (42P17), and
 * none for statement-level or INSTEAD OF triggers. The condition is kept as SQL text; DROP and
 * RENAME pass through (the catalog is read when they run).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CreateTrigger, TriggerStatement } from '../../parser/ast.js';
import type { StoredTable } from '../../types/stored-table.js';
import { referencedIds } from '../logical/map-expr.js';
import type { LogicalTriggerCommand } from '../logical/logical-triggers.js';
import type { BindContext } from './bind-context.js';
import { rowColumns } from './bind-target-table.js';
import { deparseExpr } from './deparse-expr.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { Scope } from './scope.js';

const INVALID_DEFINITION = '42P17' as SqlError['code'];

/** Checks WHEN over `new` / `old` rows of `table` (42703 unknown column, 42P17 a row the trigger does not have). */
function checkWhen(bind: BindContext, statement: CreateTrigger, table: StoredTable): number[] {
  const when = statement.when!;
  if (statement.timing === 'instead') throw new SqlError(SQLSTATE.FeatureNotSupported, 'INSTEAD OF triggers cannot have WHEN conditions');
  const newRow = rowColumns(bind, table);
  const oldRow = rowColumns(bind, table);
  const scope = new Scope([{ alias: 'new', columns: newRow }, { alias: 'old', columns: oldRow }]);
  const bound = coerceToBool(bind, bindExpr(when, { bind, scope, clause: 'WHEN' }), 'WHEN');
  const ids = referencedIds(bound);
  const readsNew = newRow.some((c) => ids.has(c.id));
  const readsOld = oldRow.some((c) => ids.has(c.id));
  if (statement.level === 'statement' && (readsNew || readsOld)) {
    throw new SqlError(INVALID_DEFINITION, "statement trigger's WHEN condition cannot reference column values");
  }
  if (readsOld && statement.events.includes('insert')) throw new SqlError(INVALID_DEFINITION, "INSERT trigger's WHEN condition cannot reference OLD values");
  if (readsNew && statement.events.includes('delete')) throw new SqlError(INVALID_DEFINITION, "DELETE trigger's WHEN condition cannot reference NEW values");
  return table.columns.filter((_, i) => ids.has(newRow[i]!.id) || ids.has(oldRow[i]!.id)).map((c) => c.id);
}

function bindCreateTrigger(bind: BindContext, statement: CreateTrigger): LogicalTriggerCommand {
  const table = bind.plan.txn.getTable(statement.table);
  const whenColumns = statement.when && table ? checkWhen(bind, statement, table) : [];
  const repeated = statement.updateColumns?.find((c, i) => statement.updateColumns!.indexOf(c) !== i);
  if (repeated !== undefined) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${repeated}" specified more than once`);
  return {
    kind: 'CreateTrigger', replace: statement.replace, table: statement.table, functionName: statement.functionName,
    ...(statement.updateColumns ? { updateColumns: statement.updateColumns } : {}),
    trigger: {
      name: statement.name, timing: statement.timing, level: statement.level, events: statement.events, args: statement.args,
      ...(statement.when ? { whenSql: deparseExpr(statement.when) } : {}), ...(whenColumns.length > 0 ? { whenColumns } : {}),
    },
  };
}

export function bindTriggerStatement(bind: BindContext, statement: TriggerStatement): LogicalTriggerCommand {
  return statement.kind === 'CreateTrigger' ? bindCreateTrigger(bind, statement) : statement;
}
