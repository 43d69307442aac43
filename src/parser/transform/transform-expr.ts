/**
 * node-sql-parser expressions → our Expr. Literals keep their number text; typed literals
 * become casts; `?|`/`?&` stand-ins become IS [NOT] DISTINCT FROM; operator chains are
 * re-associated with PostgreSQL precedence (rebalance-operators.ts); `!=` becomes `<>`.
 */
import type { Expr, Query } from '../ast.js';
import type { NspNode } from '../nsp.js';
import { DISTINCT_FROM_OP, NOT_DISTINCT_FROM_OP, PARAM_PREFIX, SUBSCRIPT_OP } from '../rewrite-for-nsp.js';
import { SQL_VALUE_FN_PREFIX } from '../rewrite-markers.js';
import type { TransformContext } from './transform-context.js';
import { isChainOperator, isSignedChain, rebalance } from './rebalance-operators.js';
import { transformFunction } from './transform-function.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformQuery } from './transform-select.js';
import { normaliseType, transformType } from './transform-type.js';

/** Convert one expression node. */
export function transformExpr(n: NspNode, ctx: TransformContext): Expr {
  if (n === null || n === undefined) return { kind: 'Literal', type: 'null', value: null };
  if (n.ast !== undefined) return { kind: 'ScalarSubquery', query: subquery(n, ctx) };
  switch (n.type) {
    case 'number': case 'bigint':
      return { kind: 'Literal', type: 'number', value: String(n.value) };
    case 'single_quote_string': case 'string': case 'natural_string': case 'regex_string':
      return { kind: 'Literal', type: 'string', value: String(n.value).replace(/''/g, "'") };
    case 'bool': case 'boolean':
      return { kind: 'Literal', type: 'boolean', value: Boolean(n.value) };
    case 'null':
      return { kind: 'Literal', type: 'null', value: null };
    case 'var':
      if (n.prefix === '$' && /^\d+$/.test(String(n.name))) return { kind: 'Param', index: Number(n.name) };
      return unsupported(`variable ${String(n.prefix ?? '')}${String(n.name)}`);
    case 'param':
      return unsupported(`parameter :${String(n.value)}`);
    case 'column_ref':
      return subscripts(columnRef(n), n.array_index, ctx);
    case 'double_quote_string':
      return { kind: 'ColumnRef', column: String(n.value) };
    case 'unary_expr':
      return unary(n, ctx);
    case 'binary_expr':
      return binary(n, ctx);
    case 'case':
      return caseExpr(n, ctx);
    case 'cast':
      return cast(n, ctx);
    case 'function': case 'aggr_func': case 'window_func':
      return transformFunction(n, ctx);
    case 'expr_list':
      return exprList(n, ctx);
    case 'array':
      return { kind: 'Array', elements: (n.expr_list?.value ?? []).map((e: NspNode) => transformExpr(e, ctx)) };
    case 'date': case 'time': case 'timestamp': case 'timestamptz':
      return typed(String(n.value), normaliseType(n.type, [], 0));
    case 'interval':
      return interval(n, ctx);
    case 'origin':
      if (String(n.value).toUpperCase() === 'DEFAULT') return { kind: 'Default' };
      return unsupported(`keyword ${String(n.value)}`);
    case 'default':
      return { kind: 'ColumnRef', column: String(n.value) };
    default:
      return unsupported(`expression type ${String(n.type)}`);
  }
}

/** A list of expressions (args, GROUP BY …). */
export function transformExprs(list: NspNode, ctx: TransformContext): Expr[] {
  if (!list) return [];
  const items = Array.isArray(list) ? list : (list.value ?? []);
  return items.map((e: NspNode) => transformExpr(e, ctx));
}

function subquery(n: NspNode, ctx: TransformContext): Query {
  return transformQuery(n.ast, ctx);
}

function columnRef(n: NspNode): Expr {
  if (n.column === '*') return { kind: 'ColumnRef', column: '*', ...(n.table ? { table: n.table } : {}) };
  const column = nameOf(n.column);
  if (!n.table && column.startsWith(PARAM_PREFIX)) return { kind: 'Param', index: Number(column.slice(PARAM_PREFIX.length)) };
  if (!n.table && column.startsWith(SQL_VALUE_FN_PREFIX)) {
    return { kind: 'FunctionCall', name: column.slice(SQL_VALUE_FN_PREFIX.length), args: [], star: false, distinct: false };
  }
  if (!n.table && n.column?.expr?.type === 'default' && column === 'default') return { kind: 'Default' };
  return n.table ? { kind: 'ColumnRef', table: nameOf(n.table), column } : { kind: 'ColumnRef', column };
}

function subscripts(base: Expr, indexes: NspNode, ctx: TransformContext): Expr {
  let e = base;
  for (const ix of indexes ?? []) e = { kind: 'Subscript', operand: e, index: transformExpr(ix.index, ctx) };
  return e;
}

function unary(n: NspNode, ctx: TransformContext): Expr {
  const op = String(n.operator).toUpperCase();
  if (op === 'NOT EXISTS' && n.expr?.ast !== undefined) {
    return { kind: 'Unary', op: 'NOT', operand: { kind: 'Exists', query: subquery(n.expr, ctx) } };
  }
  if (op === 'EXISTS' && n.expr?.ast !== undefined) return { kind: 'Exists', query: subquery(n.expr, ctx) };
  if (isSignedChain(n)) return rebalance(n, (x) => transformExpr(x, ctx), combineBinary, applySign);
  const operand = transformExpr(n.expr, ctx);
  if (op === '-' || op === '+') return applySign(op, operand);
  if (op === 'NOT' || op === '~') return { kind: 'Unary', op, operand };
  if (op === '!') return { kind: 'Unary', op: 'NOT', operand };
  return unsupported(`unary operator ${op}`);
}

/** Unary `-`/`+`; `-5` folds into the literal so int8/numeric limits see the sign. */
function applySign(op: string, operand: Expr): Expr {
  if (op === '-' && operand.kind === 'Literal' && operand.type === 'number' && !String(operand.value).startsWith('-')) {
    return { kind: 'Literal', type: 'number', value: `-${String(operand.value)}` };
  }
  return { kind: 'Unary', op: op === '-' ? '-' : '+', operand };
}

/** One binary operator applied (the stand-in operators become their real nodes). */
function combineBinary(op: string, left: Expr, right: Expr): Expr {
  if (op === SUBSCRIPT_OP) return { kind: 'Subscript', operand: left, index: right };
  if (op === DISTINCT_FROM_OP) return { kind: 'Binary', op: 'IS DISTINCT FROM', left, right };
  if (op === NOT_DISTINCT_FROM_OP) return { kind: 'Binary', op: 'IS NOT DISTINCT FROM', left, right };
  const pgOp = op === '!=' ? '<>' : op;
  if (right.kind === 'FunctionCall' && right.schema === undefined && /^(any|all|some)$/.test(right.name)
    && right.args.length === 1 && !right.star) {
    const arg = right.args[0]!;
    const quantifier = right.name === 'all' ? 'ALL' : 'ANY';
    return { kind: 'Quantified', op: pgOp, left, quantifier, right: arg.kind === 'ScalarSubquery' ? arg.query : arg };
  }
  return { kind: 'Binary', op: pgOp, left, right };
}

function binary(n: NspNode, ctx: TransformContext): Expr {
  if (isChainOperator(n)) return rebalance(n, (x) => transformExpr(x, ctx), combineBinary, applySign);
  const op = String(n.operator).toUpperCase();
  const left = transformExpr(n.left, ctx);
  const negated = op.startsWith('NOT ');
  const base = negated ? op.slice(4) : op;
  switch (base) {
    case 'IN': {
      const items: NspNode[] = n.right?.value ?? [];
      if (items.length === 1 && items[0]?.ast !== undefined) {
        return { kind: 'InSubquery', operand: left, query: subquery(items[0], ctx), negated };
      }
      return { kind: 'InList', operand: left, list: items.map((e) => transformExpr(e, ctx)), negated };
    }
    case 'BETWEEN': {
      const [low, high] = n.right.value;
      return { kind: 'Between', operand: left, low: transformExpr(low, ctx), high: transformExpr(high, ctx), negated };
    }
    case 'LIKE': case 'ILIKE': {
      const escape = n.right?.escape?.value;
      const pattern = transformExpr(escape !== undefined ? { ...n.right, escape: undefined } : n.right, ctx);
      return {
        kind: 'Like', operand: left, pattern, caseInsensitive: base === 'ILIKE', negated,
        ...(escape !== undefined ? { escape: transformExpr(escape, ctx) } : {}),
      };
    }
    case 'IS': case 'IS NOT':
      return isExpr(left, n.right, op === 'IS NOT');
  }
  return combineBinary(op, left, transformExpr(n.right, ctx));
}

function isExpr(operand: Expr, right: NspNode, negated: boolean): Expr {
  if (right?.type === 'null') return { kind: 'Is', operand, test: 'NULL', negated };
  if (right?.type === 'bool') return { kind: 'Is', operand, test: right.value ? 'TRUE' : 'FALSE', negated };
  if (right?.type === 'column_ref' && nameOf(right.column) === 'unknown') return { kind: 'Is', operand, test: 'UNKNOWN', negated };
  return unsupported('this IS form');
}

function caseExpr(n: NspNode, ctx: TransformContext): Expr {
  const whens = (n.args ?? []).filter((a: NspNode) => a.type === 'when')
    .map((a: NspNode) => ({ when: transformExpr(a.cond, ctx), then: transformExpr(a.result, ctx) }));
  const other = (n.args ?? []).find((a: NspNode) => a.type === 'else');
  return {
    kind: 'Case', whens,
    ...(n.expr ? { operand: transformExpr(n.expr, ctx) } : {}),
    ...(other ? { else: transformExpr(other.result, ctx) } : {}),
  };
}

/** `x::a::b`, `CAST(x AS t)`; also the column-level cast node node-sql-parser gives for `$1::int`. */
export function cast(n: NspNode, ctx: TransformContext): Expr {
  let e = transformExpr(n.expr, ctx);
  for (const t of n.target ?? []) e = { kind: 'Cast', operand: e, target: transformType(t, ctx.types) };
  return subscripts(e, n.arrows ? undefined : n.array_index, ctx);
}

function exprList(n: NspNode, ctx: TransformContext): Expr {
  const items = transformExprs(n, ctx);
  if (items.length === 1) return items[0]!;
  return { kind: 'Row', fields: items };
}

function typed(value: string, target: ReturnType<typeof normaliseType>): Expr {
  return { kind: 'Cast', operand: { kind: 'Literal', type: 'string', value }, target };
}

function interval(n: NspNode, ctx: TransformContext): Expr {
  const inner = transformExpr(n.expr, ctx);
  const unit = String(n.unit ?? '').trim();
  if (unit && inner.kind === 'Literal' && inner.type === 'string') {
    return typed(`${String(inner.value)} ${unit.toLowerCase()}`, normaliseType('interval', [], 0));
  }
  return { kind: 'Cast', operand: inner, target: normaliseType('interval', [], 0) };
}
