/**
 * `WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (query), …` → CommonTableExpr[]: the
 * item's query, or a data-modifying INSERT / UPDATE / DELETE (whether it may stand there is the
 * binder's question), and WITH RECURSIVE's SEARCH and CYCLE clauses.
 */
import type { CTECycleClause, CTESearchClause, WithClause } from 'libpg-query';
import type { CommonTableExpr, CteCycleClause, CteSearchClause } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertDelete, convertInsert, convertUpdate } from './convert-dml.js';
import { convertExpr, locationOf } from './convert-expr.js';
import { convertQuery } from './convert-select.js';
import { notSupported } from './not-supported.js';
import { stringsOf, tagOf } from './pg-node.js';

export function convertWith(w: WithClause, ctx: ConvertContext): CommonTableExpr[] {
  return (w.ctes ?? []).map((node) => {
    if (!('CommonTableExpr' in node)) throw notSupported(`WITH item ${tagOf(node)}`, ctx);
    const cte = node.CommonTableExpr;
    const body = cte.ctequery!;
    const query = 'InsertStmt' in body ? convertInsert(body.InsertStmt, ctx)
      : 'UpdateStmt' in body ? convertUpdate(body.UpdateStmt, ctx)
        : 'DeleteStmt' in body ? convertDelete(body.DeleteStmt, ctx)
          : 'SelectStmt' in body ? convertQuery(body, ctx)
            : notSupportedItem(tagOf(body), ctx, locationOf(body));
    const columns = cte.aliascolnames ? stringsOf(cte.aliascolnames) : undefined;
    return {
      name: cte.ctename!, query,
      ...(columns ? { columns } : {}), ...(w.recursive ? { recursive: true } : {}),
      ...(cte.search_clause ? { search: convertSearch(cte.search_clause) } : {}),
      ...(cte.cycle_clause ? { cycle: convertCycle(cte.cycle_clause, ctx) } : {}),
    };
  });
}

function notSupportedItem(tag: string, ctx: ConvertContext, location: number | undefined): never {
  throw notSupported(tag === 'MergeStmt' ? 'MERGE in WITH' : `${tag} in WITH`, ctx, location);
}

function convertSearch(s: CTESearchClause): CteSearchClause {
  return { breadthFirst: s.search_breadth_first ?? false, columns: stringsOf(s.search_col_list ?? []), sequenceColumn: s.search_seq_column! };
}

/** The grammar fills in TO true DEFAULT false when they are left out. */
function convertCycle(c: CTECycleClause, ctx: ConvertContext): CteCycleClause {
  return {
    columns: stringsOf(c.cycle_col_list ?? []), markColumn: c.cycle_mark_column!, pathColumn: c.cycle_path_column!,
    ...(c.cycle_mark_value ? { markValue: convertExpr(c.cycle_mark_value, ctx) } : {}),
    ...(c.cycle_mark_default ? { markDefault: convertExpr(c.cycle_mark_default, ctx) } : {}),
  };
}
