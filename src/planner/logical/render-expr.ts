/** Renders bound expressions as compact SQL-like text for EXPLAIN. */
import { formatTypeName } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { BoundExpr } from './bound-expr.js';

function constantText(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
  if (value instanceof Float32Array) return `{${Array.from(value).join(',')}}`;
  if (Array.isArray(value)) return `{${value.map(constantText).join(',')}}`;
  if (typeof value === 'object' && 'months' in value) return `interval(${value.months}m ${value.days}d ${value.micros}us)`;
  return String(value);
}

export function renderExpr(e: BoundExpr): string {
  switch (e.kind) {
    case 'Constant': return constantText(e.value);
    case 'ColumnRef': return `${e.name}#${e.id}`;
    case 'Param': return `$${e.index + 1}`;
    case 'Call': return /^[a-z_]/.test(e.name) ? `${e.name}(${e.args.map(renderExpr).join(', ')})`
      : e.args.length === 1 ? `(${e.name} ${renderExpr(e.args[0]!)})` : `(${renderExpr(e.args[0]!)} ${e.name} ${renderExpr(e.args[1]!)})`;
    case 'Cast': return `${renderExpr(e.operand)}::${formatTypeName(e.type)}`;
    case 'DomainCheck': return `${renderExpr(e.operand)}::${e.domain}`;
    case 'And': case 'Or': return `(${e.args.map(renderExpr).join(` ${e.kind.toUpperCase()} `)})`;
    case 'Not': return `(NOT ${renderExpr(e.operand)})`;
    case 'Compare': return `(${renderExpr(e.left)} ${e.op} ${renderExpr(e.right)})`;
    case 'IsNull': return `(${renderExpr(e.operand)} IS ${e.negated ? 'NOT ' : ''}NULL)`;
    case 'IsBool': return `(${renderExpr(e.operand)} IS ${e.negated ? 'NOT ' : ''}${e.test})`;
    case 'IsDistinct': return `(${renderExpr(e.left)} IS ${e.negated ? 'NOT ' : ''}DISTINCT FROM ${renderExpr(e.right)})`;
    case 'Like': return `(${renderExpr(e.operand)} ${e.negated ? 'NOT ' : ''}${e.caseInsensitive ? 'ILIKE' : 'LIKE'} ${renderExpr(e.pattern)})`;
    case 'InList': return `(${renderExpr(e.operand)} ${e.negated ? 'NOT ' : ''}IN (${e.list.map(renderExpr).join(', ')}))`;
    case 'Case': return `CASE ${e.whens.map((w) => `WHEN ${renderExpr(w.when)} THEN ${renderExpr(w.then)}`).join(' ')}${e.else ? ` ELSE ${renderExpr(e.else)}` : ''} END`;
    case 'Coalesce': return `COALESCE(${e.args.map(renderExpr).join(', ')})`;
    case 'NullIf': return `NULLIF(${renderExpr(e.left)}, ${renderExpr(e.right)})`;
    case 'MinMax': return `${e.op.toUpperCase()}(${e.args.map(renderExpr).join(', ')})`;
    case 'Array': return `ARRAY[${e.elements.map(renderExpr).join(', ')}]`;
    case 'Subscript': return `${renderExpr(e.operand)}[${renderExpr(e.index)}]`;
    case 'Quantified': return `(${renderExpr(e.left)} ${e.operator?.symbol ?? e.op} ${e.quantifier}(${renderExpr(e.right)}))`;
    case 'Subquery': return `${e.operand ? `${renderExpr(e.operand)} ` : ''}${e.negated ? 'NOT ' : ''}${e.mode.toUpperCase()}(SubPlan${e.correlated ? ' correlated' : ''})`;
  }
}
