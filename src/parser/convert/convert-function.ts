/**
 * Function calls → FunctionCall: aggregates (`*`, DISTINCT, ORDER BY, WITHIN GROUP, FILTER), window calls
 * (OVER, convert-window.ts), the calls PostgreSQL's grammar makes of SQL-standard syntax
 * (`extract(f FROM x)`, `trim(BOTH c FROM x)`, `x AT TIME ZONE z` … arrive as pg_catalog
 * calls and keep PostgreSQL's function names, which also name the output column), and the
 * keyword functions (CURRENT_DATE, USER …).
 */
import type { FuncCall, SQLValueFunction } from 'libpg-query';
import type { Expr, FunctionCall } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExprs } from './convert-expr.js';
import { convertOrderBy } from './convert-select.js';
import { convertWindowSpec } from './convert-window.js';
import { notSupported } from './not-supported.js';
import { stringsOf } from './pg-node.js';

/** Convert a FuncCall. */
export function convertFunctionCall(f: FuncCall, ctx: ConvertContext): Expr {
  const names = stringsOf(f.funcname);
  if (names.length > 2) throw notSupported('a cross-database reference', ctx, f.location);
  const name = names[names.length - 1]!;
  const sqlSyntax = f.funcformat === 'COERCE_SQL_SYNTAX';
  const schema = names.length > 1 && !sqlSyntax ? names[0] : undefined;
  // `name => value`: the value is the argument, the name is kept beside it.
  const argNames = (f.args ?? []).map((a) => ('NamedArgExpr' in a ? a.NamedArgExpr.name : undefined));
  let args = convertExprs((f.args ?? []).map((a) => ('NamedArgExpr' in a ? a.NamedArgExpr.arg! : a)), ctx);
  // extract's field arrives as written ('DOY'); PostgreSQL lower-cases it when it runs.
  if (sqlSyntax && name === 'extract' && args[0]?.kind === 'Literal' && typeof args[0].value === 'string') {
    args = [{ ...args[0], value: args[0].value.toLowerCase() }, ...args.slice(1)];
  }
  const orderBy = f.agg_order ? convertOrderBy(f.agg_order, ctx) : undefined;
  const call: FunctionCall = {
    kind: 'FunctionCall', name, args, star: f.agg_star ?? false, distinct: f.agg_distinct ?? false,
    ...(schema !== undefined ? { schema } : {}),
    ...(orderBy ? { orderBy } : {}),
    ...(f.agg_within_group ? { withinGroup: true } : {}),
    ...(f.agg_filter ? { filter: convertExprs([f.agg_filter], ctx)[0]! } : {}),
    ...(f.over ? { over: convertWindowSpec(f.over, ctx) } : {}),
    ...(f.func_variadic ? { variadic: true } : {}),
    ...(argNames.some((n) => n !== undefined) ? { argNames } : {}),
  };
  return call;
}

/** CURRENT_DATE, CURRENT_TIMESTAMP(3), USER … as calls of the lower-cased keyword. */
export function convertSqlValueFunction(v: SQLValueFunction): Expr {
  const op = (v.op ?? 'SVFOP_CURRENT_DATE').replace(/^SVFOP_/, '');
  const precision = op.endsWith('_N');
  const name = (precision ? op.slice(0, -2) : op).toLowerCase();
  const args: Expr[] = precision ? [{ kind: 'Literal', type: 'number', value: String(v.typmod ?? 0) }] : [];
  return { kind: 'FunctionCall', name, args, star: false, distinct: false };
}
