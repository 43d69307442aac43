/**
 * Function and aggregate calls → FunctionCall (lower-cased names unless quoted, schema kept);
 * `EXISTS(subquery)` → Exists; `OVER (…)` (rewritten to a stand-in call) → WindowSpec (transform-window.ts).
 * Undoes four rewriter stand-ins: `__thano_field_k(x)` → FieldSelect, `__thano_swap_f(a, b)` → f(b, a),
 * `__thano_paren(x)` → x, and carries `f(args ORDER BY …)` out of array_agg's node (`__thano_agg_f`).
 */
import type { Expr, FunctionCall, OrderItem } from '../ast.js';
import type { NspNode } from '../nsp.js';
import type { TransformContext } from './transform-context.js';
import { transformExpr, transformExprs } from './transform-expr.js';
import { FIELD_SELECT_PREFIX, ORDERED_AGG_PREFIX, PAREN_MARKER, SWAP_ARGS_PREFIX, WINDOW_CALL_PREFIX } from '../rewrite-markers.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformQuery, transformOrderBy } from './transform-select.js';
import { transformOver, windowCallFromStandIn } from './transform-window.js';

/** Convert a `function` / `aggr_func` / `window_func` node. */
export function transformFunction(n: NspNode, ctx: TransformContext): Expr {
  if (n.type === 'aggr_func' || n.type === 'window_func') return aggregate(n, ctx);
  const parts: NspNode[] = n.name?.name ?? [];
  const last = parts[parts.length - 1];
  const quoted = last?.type === 'double_quote_string';
  const name = quoted ? nameOf(last) : nameOf(last).toLowerCase();
  const schemaNode = n.name?.schema ?? (parts.length > 1 ? parts[parts.length - 2] : undefined);
  const schema = schemaNode ? nameOf(schemaNode) : undefined;
  const rawArgs: NspNode[] = n.args?.value ?? [];
  if (!schema && name === 'exists' && rawArgs[0]?.ast !== undefined) {
    return { kind: 'Exists', query: transformQuery(rawArgs[0].ast, ctx) };
  }
  if (!schema && name === 'array' && rawArgs[0]?.ast !== undefined) {
    return { kind: 'Array', elements: [], query: transformQuery(rawArgs[0].ast, ctx) };
  }
  let args = rawArgs.map((a) => transformExpr(a, ctx));
  if (!schema && name.startsWith(FIELD_SELECT_PREFIX) && args.length === 1) {
    const field = ctx.fields[Number(name.slice(FIELD_SELECT_PREFIX.length))];
    if (field !== undefined) return { kind: 'FieldSelect', operand: args[0]!, field };
  }
  if (!schema && name.startsWith(WINDOW_CALL_PREFIX)) return windowCallFromStandIn(name.slice(WINDOW_CALL_PREFIX.length), args);
  if (!schema && name === PAREN_MARKER) return args.length === 1 ? args[0]! : { kind: 'Row', fields: args };
  let callName = name;
  if (!schema && name.startsWith(SWAP_ARGS_PREFIX)) {
    if (args.length !== 2) unsupported(`${name.slice(SWAP_ARGS_PREFIX.length)} with ${args.length} arguments`);
    callName = name.slice(SWAP_ARGS_PREFIX.length);
    args = [args[1]!, args[0]!];
  }
  const call: FunctionCall = {
    kind: 'FunctionCall', name: callName, args, star: false, distinct: false,
    ...(schema ? { schema } : {}),
    ...(n.over ? { over: transformOver(n.over, ctx) } : {}),
  };
  return call;
}

function aggregate(n: NspNode, ctx: TransformContext): Expr {
  let name = String(n.name).toLowerCase();
  const a = n.args ?? {};
  if (a.type === 'expr_list') {
    // window_func nodes (lag, first_value …) carry a plain argument list.
    const args = transformExprs(a, ctx);
    return { kind: 'FunctionCall', name, args, star: false, distinct: false, ...(n.over ? { over: transformOver(n.over, ctx) } : {}) };
  }
  const star = a.expr?.type === 'star';
  let args: Expr[] = star || a.expr === undefined ? [] : transformExprs([a.expr], ctx);
  const carried = orderedAggregateName(n, a.expr);
  if (carried !== undefined) {
    name = carried;
    args = transformExprs(a.expr.args?.value ?? [], ctx);
  }
  if (a.separator?.delimiter) args.push(transformExpr(a.separator.delimiter, ctx));
  const orderBy: OrderItem[] | undefined = a.orderby ? transformOrderBy(a.orderby, ctx) : undefined;
  return {
    kind: 'FunctionCall', name, args, star, distinct: typeof a.distinct === 'string',
    ...(orderBy ? { orderBy } : {}),
    ...(n.filter?.where ? { filter: transformExpr(n.filter.where, ctx) } : {}),
    ...(n.over ? { over: transformOver(n.over, ctx) } : {}),
  };
}

/** The aggregate an `array_agg(__thano_agg_f(args) ORDER BY …)` stand-in carries (rewrite-markers.ts), if any. */
function orderedAggregateName(n: NspNode, expr: NspNode | undefined): string | undefined {
  if (String(n.name).toLowerCase() !== 'array_agg' || expr?.type !== 'function') return undefined;
  const parts: NspNode[] = expr.name?.name ?? [];
  const name = parts.length === 1 ? nameOf(parts[0]) : '';
  return name.startsWith(ORDERED_AGG_PREFIX) ? name.slice(ORDERED_AGG_PREFIX.length) : undefined;
}
