/**
 * WITH RECURSIVE: a CTE whose body is `anchor UNION [ALL] recursive-term` and whose recursive
 * term reads the CTE itself becomes LogicalRecursiveUnion; the self-references bind to
 * WorkTableScan nodes. A body that never reads itself binds as an ordinary query.
 */
import type { CommonTableExpr, Query } from '../../parser/ast.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import type { BindContext, WorkTable } from './bind-context.js';
import { bindQuery } from './bind-query.js';
import { castSide } from './bind-set-operation.js';
import { checkRecursiveCte } from './check-recursive-cte.js';
import { anchorColumnNames, rewriteSearchCycle } from './bind-search-cycle.js';
import type { Scope } from './scope.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

/** The plan of a (non-data-modifying) WITH item's query. */
export function bindCteBody(bind: BindContext, cte: CommonTableExpr, parent?: Scope): LogicalPlan {
  if (cte.search || cte.cycle) {
    // The rewritten item stands in for the original, under its name, while it is bound.
    const rewritten = rewriteSearchCycle(bind, cte, () => anchorColumnNames(bind, cte, parent));
    bind.pushCtes([rewritten]);
    try {
      return bindCteBody(bind, rewritten, parent);
    } finally {
      bind.popCtes();
    }
  }
  const query = cte.query as Query;
  if (cte.recursive) checkRecursiveCte(cte);
  if (!cte.recursive || query.kind !== 'SetOperation' || query.op !== 'UNION') {
    return bind.withoutCte(cte, () => bindQuery(bind, query, parent));
  }
  const anchor = bind.withoutCte(cte, () => bindQuery(bind, query.left, parent));
  const table: WorkTable = {
    id: bind.newWorkTableId(),
    columns: anchor.output.map((c, i) => ({ name: cte.columns?.[i] ?? c.name, type: c.type })),
    used: false,
  };
  const recursive = bind.withWorkTable(cte, table, () => bindQuery(bind, query.right, parent));
  if (!table.used) return bind.withoutCte(cte, () => bindQuery(bind, query, parent));
  // ORDER BY / LIMIT / OFFSET over the whole recursive UNION: PostgreSQL refuses them at once
  // (binding them as an ordinary query would iterate forever).
  for (const [present, clause] of [[query.orderBy.length > 0, 'ORDER BY'], [query.limit, 'LIMIT'], [query.offset, 'OFFSET']] as const) {
    if (present) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, `${clause} in a recursive query is not implemented`,
        bind.positionOf(clause) === undefined ? {} : { position: bind.positionOf(clause)! });
    }
  }
  if (recursive.output.length !== anchor.output.length) {
    throw new SqlError(SQLSTATE.SyntaxError, 'each UNION query must have the same number of columns');
  }
  const types = anchor.output.map((c) => c.type);
  const output: OutputColumn[] = table.columns.map((c) => ({ id: bind.newId(), name: c.name, type: c.type, tableOid: 0, attnum: 0 }));
  return {
    kind: 'RecursiveUnion', workTable: table.id, all: query.all,
    anchor, recursive: castSide(bind, recursive, types), output,
  };
}
