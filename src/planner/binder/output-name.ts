/**
 * The column name PostgreSQL gives an unaliased select-list expression (FigureColname):
 * a column's name, a function's name, the type name of a cast literal, `case`, `exists`,
 * `array`, otherwise `?column?`.
 */
import type { Expr } from '../../parser/ast.js';

const UNNAMED = '?column?';

export function outputName(expr: Expr): string {
  switch (expr.kind) {
    case 'ColumnRef': return expr.column;
    case 'FunctionCall': return expr.name;
    case 'Cast': {
      // A name from the operand wins unless it is itself only a cast's type name (FigureColname's strength 1).
      const inner = outputName(expr.operand);
      if (inner !== UNNAMED && !isTypeNamed(expr.operand)) return inner;
      return CAST_NAMES[expr.target.name] ?? expr.target.name;
    }
    case 'Case': return 'case';
    case 'Exists': return 'exists';
    case 'Array': return 'array';
    case 'Subscript': return outputName(expr.operand);
    case 'FieldSelect': return expr.field;
    case 'Row': return 'row';
    case 'Grouping': return 'grouping';
    case 'ScalarSubquery': {
      const q = expr.query;
      if (q.kind === 'Select' && q.columns.length === 1) {
        const item = q.columns[0]!;
        if (item.kind === 'SelectExpr') return item.alias ?? outputName(item.expr);
      }
      return UNNAMED;
    }
    default: return UNNAMED;
  }
}

/** True when an expression's name is a cast's type name (a cast of something unnamed). */
function isTypeNamed(expr: Expr): boolean {
  return expr.kind === 'Cast' && (outputName(expr.operand) === UNNAMED || isTypeNamed(expr.operand));
}

/** typname → the name PostgreSQL shows for `'x'::type` columns. */
const CAST_NAMES: Readonly<Record<string, string>> = {
  int4: 'int4', int8: 'int8', int2: 'int2', float4: 'float4', float8: 'float8', bool: 'bool',
  varchar: 'varchar', bpchar: 'bpchar', timestamptz: 'timestamptz',
};
