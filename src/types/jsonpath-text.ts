/**
 * jsonpath_out: a JsonPath's canonical text as PostgreSQL prints it — keys and variables
 * always quoted (`$."a"`, `$"x"`), filters as `?(…)`, operands parenthesised by operator
 * priority, and a binary or unary operation at the top in parentheses (`($."a" + 1)`).
 */
import type { JsonPath, JsonPathExpr, JsonPathItem } from './jsonpath-ast.js';
import { quoteJsonString, renderJsonbScalar } from './jsonb-text.js';

/** PostgreSQL's operationPriority: higher binds tighter; accessors and primaries are 6. */
function priority(item: JsonPathItem): number {
  switch (item.kind) {
    case 'logical': return item.op === '||' ? 0 : 1;
    case 'compare': case 'startsWith': return 2;
    case 'arithmetic': return item.op === '+' || item.op === '-' ? 3 : 4;
    case 'unary': return 5;
    default: return 6;
  }
}

function operand(expr: JsonPathExpr, parent: JsonPathItem): string {
  return printExpr(expr, priority(expr[0]!) <= priority(parent));
}

function printItem(item: JsonPathItem, inChain: boolean, brackets: boolean): string {
  const dot = inChain ? '.' : '';
  const wrap = (s: string) => (brackets ? `(${s})` : s);
  switch (item.kind) {
    case 'root': return '$';
    case 'current': return '@';
    case 'last': return 'last';
    case 'variable': return `$${quoteJsonString(item.name)}`;
    case 'literal': return renderJsonbScalar(item.value);
    case 'key': return `${dot}${quoteJsonString(item.name)}`;
    case 'anyKey': return `${dot}*`;
    case 'anyArray': return '[*]';
    case 'index': return `[${item.subscripts.map((s) => printExpr(s.from, false) + (s.to ? ` to ${printExpr(s.to, false)}` : '')).join(',')}]`;
    case 'any': {
      const level = (n: number) => (n < 0 ? 'last' : String(n));
      if (item.first === 0 && item.last === -1) return `${dot}**`;
      if (item.first === item.last) return `${dot}**{${level(item.first)}}`;
      return `${dot}**{${level(item.first)} to ${level(item.last)}}`;
    }
    case 'filter': return `?(${printExpr(item.predicate, false)})`;
    case 'method': return `.${item.name}(${item.template !== undefined ? quoteJsonString(item.template) : ''})`;
    case 'compare': case 'logical': case 'arithmetic':
      return wrap(`${operand(item.left, item)} ${item.op} ${operand(item.right, item)}`);
    case 'startsWith': return wrap(`${operand(item.operand, item)} starts with ${operand(item.prefix, item)}`);
    case 'unary': return wrap(`${item.op}${operand(item.operand, item)}`);
    case 'not': return `!(${printExpr(item.operand, false)})`;
    case 'isUnknown': return `(${printExpr(item.operand, false)}) is unknown`;
    case 'exists': return `exists (${printExpr(item.operand, false)})`;
    case 'likeRegex':
      return wrap(`${operand(item.operand, item)} like_regex ${quoteJsonString(item.pattern)}${item.flags ? ` flag ${quoteJsonString(item.flags)}` : ''}`);
  }
}

function printExpr(expr: JsonPathExpr, brackets: boolean): string {
  return expr.map((item, i) => printItem(item, i > 0, i === 0 ? brackets : true)).join('');
}

export function renderJsonPath(path: JsonPath): string {
  return (path.strict ? 'strict ' : '') + printExpr(path.expr, true);
}
