/**
 * SELECT … FOR UPDATE / SHARE: PostgreSQL's refusals (0A000 with DISTINCT, GROUP BY, HAVING,
 * aggregates, window and set-returning functions, whose rows are no table rows; 42P01 for an OF
 * name not in FROM) and the tables it locks, which the statement claims when it runs
 * (catalog/row-group-locks.ts says what locking means in this store).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { RowLocking, SelectQuery } from '../../parser/ast.js';
import type { LogicalPlan } from '../logical/logical-plan.js';
import { planChildren } from '../logical/plan-children.js';
import type { BindContext } from './bind-context.js';
import type { Scope } from './scope.js';

/** What the SELECT computes beside plain rows of its FROM items. */
export interface LockingShape {
  readonly aggregates: boolean;
  readonly windows: boolean;
  readonly setFunctions: boolean;
}

/** Checks the clauses and adds the tables they lock to `bind.lockedTables`. */
export function bindRowLocking(bind: BindContext, query: SelectQuery, from: LogicalPlan, scope: Scope, shape: LockingShape): void {
  for (const clause of query.locking ?? []) {
    const refuse = (what: string) => new SqlError(SQLSTATE.FeatureNotSupported, `${clause.strength} is not allowed with ${what}`);
    if (query.distinct !== false) throw refuse('DISTINCT clause');
    if (query.groupBy.length > 0) throw refuse('GROUP BY clause');
    if (query.having) throw refuse('HAVING clause');
    if (shape.aggregates) throw refuse('aggregate functions');
    if (shape.windows) throw refuse('window functions');
    if (shape.setFunctions) throw refuse('set-returning functions in the target list');
    for (const id of lockedTables(clause, from, scope)) bind.lockedTables.add(id);
  }
}

/** Table ids: of the scans under the named FROM items, or of every scan in FROM. */
function lockedTables(clause: RowLocking, from: LogicalPlan, scope: Scope): number[] {
  const scans = tableScans(from);
  if (clause.of.length === 0) return scans.map((s) => s.id);
  return clause.of.map((name) => {
    const relation = scope.relations.find((r) => r.alias === name);
    const oid = relation?.columns.find((c) => c.tableOid !== 0)?.tableOid;
    const scan = scans.find((s) => s.oid === oid);
    if (!relation) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" in ${clause.strength} clause not found in FROM clause`);
    // A subquery or function in FROM: nothing of a table to lock (PostgreSQL locks inside a subquery; not here).
    return scan?.id;
  }).filter((id): id is number => id !== undefined);
}

function tableScans(plan: LogicalPlan): { id: number; oid: number }[] {
  if (plan.kind === 'Scan') return plan.table.system ? [] : [{ id: plan.table.id, oid: plan.table.oid }];
  return planChildren(plan).flatMap(tableScans);
}
