/**
 * A view in FROM: its stored SQL is parsed and bound in place (like a derived table), and
 * its output columns take the view's column names, with the view's OID and attnums so
 * RowDescription reports them as PostgreSQL does.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { parse } from '../../parser/index.js';
import type { StoredTable } from '../../types/stored-table.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import type { BoundFrom } from './bind-from.js';
import { bindQuery } from './bind-query.js';

export function bindViewRef(bind: BindContext, view: StoredTable, alias: string): BoundFrom {
  if (bind.expandingViews.has(view.id)) {
    throw new SqlError(SQLSTATE.InvalidObjectDefinition, `infinite recursion detected in rules for relation "${view.name}"`);
  }
  const statement = parse(view.view!.sql)[0]?.statement;
  if (statement?.kind !== 'QueryStatement') {
    throw new SqlError(SQLSTATE.InternalError, `view "${view.name}" has no query`);
  }
  bind.expandingViews.add(view.id);
  let plan: LogicalPlan;
  try {
    plan = bind.withinView(view.view!, () => bindQuery(bind, statement.query));
  } finally {
    bind.expandingViews.delete(view.id);
  }
  if (plan.output.length < view.columns.length) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `view "${view.name}" no longer matches its tables; recreate it`);
  }
  // A projection with fresh ids: the view's own names and types, whatever the query's extra columns.
  const columns: OutputColumn[] = view.columns.map((c, i) => ({
    id: bind.newId(), name: c.name, type: plan.output[i]!.type, tableOid: view.oid, attnum: i + 1,
  }));
  const exprs: BoundExpr[] = plan.output.slice(0, columns.length).map((c) => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }));
  const projected: LogicalPlan = { kind: 'Project', input: plan, exprs, output: columns };
  return { plan: projected, relations: [{ alias, columns }] };
}
