/**
 * Turns a column DEFAULT expression back into SQL text for the catalog (StoredColumn.defaultSql
 * is re-parsed when used). Covers the forms defaults take: literals, casts, function calls,
 * operators, arrays.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr, TypeRef } from '../../parser/ast.js';
import { formatTypeName, type SqlType } from '../../types/sql-type.js';
import { formatText, type TextCodecOptions } from '../../types/text-codec.js';
import type { Value } from '../../types/value.js';

function typeText(t: TypeRef): string {
  const mods = t.modifiers.length > 0 ? `(${t.modifiers.join(',')})` : '';
  return `${t.name}${mods}${'[]'.repeat(t.arrayDims)}`;
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function deparseExpr(expr: Expr): string {
  switch (expr.kind) {
    case 'Literal':
      if (expr.type === 'null') return 'NULL';
      if (expr.type === 'string') return `'${String(expr.value).replace(/'/g, "''")}'`;
      return String(expr.value);
    case 'Cast': return `(${deparseExpr(expr.operand)})::${typeText(expr.target)}`;
    case 'FunctionCall': {
      const name = expr.schema ? `${expr.schema}.${expr.name}` : expr.name;
      return `${name}(${expr.star ? '*' : expr.args.map(deparseExpr).join(', ')})`;
    }
    case 'Unary': return `${expr.op === 'NOT' ? 'NOT ' : expr.op}(${deparseExpr(expr.operand)})`;
    case 'Binary': return `(${deparseExpr(expr.left)} ${expr.op} ${deparseExpr(expr.right)})`;
    case 'ColumnRef': {
      // `t.*` (a whole row) keeps its star unquoted.
      const column = expr.column === '*' ? '*' : quoteIdent(expr.column);
      return expr.table ? `${quoteIdent(expr.table)}.${column}` : column;
    }
    case 'Array': return `ARRAY[${expr.elements.map(deparseExpr).join(', ')}]`;
    case 'Case': return `CASE${expr.operand ? ` ${deparseExpr(expr.operand)}` : ''}${expr.whens.map((w) =>
      ` WHEN ${deparseExpr(w.when)} THEN ${deparseExpr(w.then)}`).join('')}${expr.else ? ` ELSE ${deparseExpr(expr.else)}` : ''} END`;
    default:
      throw new SqlError(SQLSTATE.FeatureNotSupported, `unsupported DEFAULT expression (${expr.kind})`);
  }
}

/** Types whose non-negative constants PostgreSQL's deparser writes bare (get_const_expr). */
const BARE_NUMBERS = new Set(['int4', 'numeric']);

/**
 * A typed constant as PostgreSQL's deparser writes it: `7`, `1.5`, `true`, else quoted with
 * its type (`'x'::text`, `'-1'::integer`, `'2020-01-01'::date`).
 */
export function constantText(value: Exclude<Value, null>, type: SqlType, opts: TextCodecOptions): string {
  const text = formatText(value, type, opts);
  // A boolean is the keyword (its text form t / f would read back as a column name).
  if (!type.array && type.id === 'bool') return value ? 'true' : 'false';
  if (!type.array && BARE_NUMBERS.has(type.id) && /^\d+(\.\d+)?$/.test(text)) return text;
  return `'${text.replace(/'/g, "''")}'::${formatTypeName(type)}`;
}
