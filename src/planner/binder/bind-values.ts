/**
 * VALUES lists: rows of equal length, each column coerced to its common type (unknown →
 * text), named column1, column2, …; then ORDER BY / LIMIT over those columns.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { ValuesQuery } from '../../parser/ast.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { finishQuery } from './finish-query.js';
import { bindExpr } from './expression/bind-expression.js';
import { bindCommon } from './expression/bind-function-call.js';
import { resolveUnknown } from './expression/coerce.js';
import { Scope } from './scope.js';

export function bindValues(bind: BindContext, query: ValuesQuery, parent?: Scope): LogicalPlan {
  const ctx = { bind, scope: new Scope([], parent), clause: 'VALUES' };
  const width = query.rows[0]?.length ?? 0;
  const rows: BoundExpr[][] = query.rows.map((row) => {
    if (row.length !== width) throw new SqlError(SQLSTATE.SyntaxError, 'VALUES lists must all be the same length');
    return row.map((e) => bindExpr(e, ctx));
  });
  const columns: BoundExpr[][] = Array.from({ length: width }, (_, c) =>
    bindCommon(ctx, rows.map((r) => r[c]!), 'VALUES').map((e) => resolveUnknown(bind, e)));
  const output: OutputColumn[] = columns.map((col, c) => ({
    id: bind.newId(), name: `column${c + 1}`, type: col[0]!.type, tableOid: 0, attnum: 0,
  }));
  const plan: LogicalPlan = { kind: 'Values', rows: rows.map((_, r) => columns.map((col) => col[r]!)), output };
  return finishQuery(bind, plan, query, parent);
}
