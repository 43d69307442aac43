/**
 * ORDER BY items: an ordinal (`ORDER BY 2`), an output column name or alias, or an
 * expression. Expressions not in the select list become hidden columns the caller projects
 * away afterwards (refused under DISTINCT, as PostgreSQL does). Also LIMIT/OFFSET.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr, OrderItem } from '../../parser/ast.js';
import { T } from '../../types/sql-type.js';
import type { BoundExpr, SortKey } from '../logical/bound-expr.js';
import { exprKey } from '../logical/expr-key.js';
import type { OutputColumn } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerce, resolveUnknown } from './expression/coerce.js';
import { Scope } from './scope.js';

export interface OrderTarget {
  /** Output columns visible by name/ordinal. */
  readonly outputs: readonly OutputColumn[];
  /** Input-level expressions behind the outputs (for matching ORDER BY expressions). */
  readonly outputExprs?: readonly BoundExpr[];
  /** Binds an expression item in the query's input scope. */
  bindInput(expr: Expr): BoundExpr;
  /** Makes an input-level expression available as a column; returns its output reference. */
  addHidden?(expr: BoundExpr): BoundExpr;
}

function refTo(column: OutputColumn): BoundExpr {
  return { kind: 'ColumnRef', type: column.type, id: column.id, name: column.name };
}

/** Resolves one ORDER BY (or DISTINCT ON) expression to something evaluable above the outputs. */
export function bindOrderExpr(bind: BindContext, expr: Expr, target: OrderTarget, clause = 'ORDER BY'): BoundExpr {
  if (expr.kind === 'Literal' && expr.type === 'number' && /^\d+$/.test(expr.value as string)) {
    const ordinal = Number(expr.value);
    const column = target.outputs[ordinal - 1];
    if (!column) {
      throw new SqlError(SQLSTATE.InvalidColumnReference, `${clause} position ${ordinal} is not in select list`,
        { position: bind.positionOf(String(ordinal)) });
    }
    return refTo(column);
  }
  if (expr.kind === 'ColumnRef' && expr.table === undefined && expr.column !== '*') {
    const matches = target.outputs.filter((c) => c.name === expr.column);
    const distinctIds = new Set(matches.map((c) => c.id));
    if (distinctIds.size > 1) {
      throw new SqlError(SQLSTATE.AmbiguousColumn, `${clause} "${expr.column}" is ambiguous`, { position: bind.positionOf(expr.column) });
    }
    if (matches.length > 0) return refTo(matches[0]!);
  }
  const bound = resolveUnknown(bind, target.bindInput(expr));
  const key = exprKey(bound);
  const index = target.outputExprs?.findIndex((e) => exprKey(e) === key) ?? -1;
  if (index >= 0) return refTo(target.outputs[index]!);
  if (!target.addHidden) return bound;
  return target.addHidden(bound);
}

export function bindOrderBy(bind: BindContext, items: readonly OrderItem[], target: OrderTarget): SortKey[] {
  return items.map((item) => ({
    expr: bindOrderExpr(bind, item.expr, target),
    descending: item.direction === 'DESC',
    nullsFirst: item.nulls ? item.nulls === 'FIRST' : item.direction === 'DESC',
  }));
}

/** LIMIT/OFFSET as int8 expressions (constants or parameters; no column references). */
export function bindLimitExpr(bind: BindContext, expr: Expr | undefined, clause: 'LIMIT' | 'OFFSET', parent?: Scope): BoundExpr | undefined {
  if (!expr) return undefined;
  if (expr.kind === 'Literal' && expr.type === 'null') return undefined;
  // The query's own columns are not visible; an enclosing query's are (a correlated LIMIT).
  const bound = bindExpr(expr, { bind, scope: new Scope([], parent), clause });
  return coerce(bind, bound, T.int8, 'implicit', (from) => `argument of ${clause} must be type bigint, not type ${from}`);
}
