/**
 * A structural key for bound expressions: equal keys mean the same computation. Used to
 * match SELECT/HAVING/ORDER BY expressions against GROUP BY expressions and to share
 * identical aggregate calls.
 */
import type { Value } from '../../types/value.js';
import type { BoundExpr } from './bound-expr.js';

let subqueryCounter = 0;
const subqueryKeys = new WeakMap<object, number>();

function valueText(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && !(value instanceof Uint8Array) && !Array.isArray(value) && !(value instanceof Float32Array)) {
    return JSON.stringify(value);
  }
  return JSON.stringify(String(value));
}

/** The key of an expression. Subqueries are only equal to themselves. */
export function exprKey(expr: BoundExpr): string {
  const t = `${expr.type.id}${expr.type.array ? '[]' : ''}`;
  switch (expr.kind) {
    case 'Constant': return `c:${t}:${valueText(expr.value)}`;
    case 'ColumnRef': return `#${expr.id}`;
    case 'Param': return `$${expr.index}:${t}`;
    case 'Call': return `${expr.name}:${t}(${expr.variadic ? 'variadic:' : ''}${expr.args.map(exprKey).join(',')})`;
    case 'Cast': return `cast:${t}(${exprKey(expr.operand)})`;
    case 'DomainCheck': return `domain:${expr.domain}(${exprKey(expr.operand)})`;
    case 'And': case 'Or': case 'Coalesce': return `${expr.kind}(${expr.args.map(exprKey).join(',')})`;
    case 'MinMax': return `${expr.op}(${expr.args.map(exprKey).join(',')})`;
    case 'Not': return `not(${exprKey(expr.operand)})`;
    case 'Compare': return `(${exprKey(expr.left)}${expr.op}${exprKey(expr.right)})`;
    case 'IsNull': return `isnull:${expr.negated}${expr.rowwise ? ':row' : ''}(${exprKey(expr.operand)})`;
    case 'IsBool': return `is${expr.test}:${expr.negated}(${exprKey(expr.operand)})`;
    case 'IsDistinct': return `distinct:${expr.negated}(${exprKey(expr.left)},${exprKey(expr.right)})`;
    case 'Like': return `like:${expr.caseInsensitive}:${expr.negated}(${exprKey(expr.operand)},${exprKey(expr.pattern)},${expr.escape ? exprKey(expr.escape) : ''})`;
    case 'InList': return `in:${expr.negated}(${exprKey(expr.operand)};${expr.list.map(exprKey).join(',')})`;
    case 'Case': return `case(${expr.whens.map((w) => `${exprKey(w.when)}=>${exprKey(w.then)}`).join(';')};${expr.else ? exprKey(expr.else) : ''})`;
    case 'NullIf': return `nullif(${exprKey(expr.left)},${exprKey(expr.right)})`;
    case 'Array': return `array:${t}(${expr.elements.map(exprKey).join(',')})`;
    case 'Subscript': return `${exprKey(expr.operand)}[${exprKey(expr.index)}]`;
    case 'Quantified': return `${expr.operator?.symbol ?? expr.op}${expr.quantifier}(${exprKey(expr.left)},${exprKey(expr.right)})`;
    case 'Subquery': {
      let id = subqueryKeys.get(expr.plan);
      if (id === undefined) subqueryKeys.set(expr.plan, (id = ++subqueryCounter));
      return `subquery#${id}`;
    }
  }
}
