/**
 * The simple WHERE clauses of a filtered SearchTopK evaluated straight over column chunks: a
 * conjunction of `column op constant` (either side), `column IS [NOT] NULL` and `column`
 * (a boolean column) becomes one pass per term over the decoded values, writing a row bitmap —
 * no Row arrays, no batch of compiled-expression calls. Each term uses the ordinary plan's own
 * comparison (`compareSql`), so the rows kept are exactly the ones the generic evaluation keeps
 * (a WHERE keeps a row only when every conjunct is true; NULL and false both drop it).
 * Anything else (functions, casts, OR, LIKE …) returns undefined and takes the generic path
 * (top-k-row-filters.ts).
 */
import { compareSql } from '../../../execution/expression/compile-expr.js';
import type { BoundExpr, CompareOp } from '../../../planner/logical/bound-expr.js';
import type { Value } from '../../../types/value.js';

/** Clears the bits of the rows a term does not keep; `columns` are in the filter's column order. */
type Term = (columns: readonly (readonly Value[])[], keep: Uint8Array) => void;

/** `a op b` ⇔ `b flip(op) a`. */
const FLIPPED: Record<CompareOp, CompareOp> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * A columnar evaluator of `expr` over a row group's filter columns (ordered as `columnIds`),
 * returning the bitmap of rows it keeps; undefined when `expr` is not a conjunction of simple terms.
 */
export function compileColumnFilter(
  expr: BoundExpr, columnIds: readonly number[],
): ((columns: readonly (readonly Value[])[], rowCount: number) => Uint8Array) | undefined {
  const terms: Term[] = [];
  const conjuncts = expr.kind === 'And' ? expr.args : [expr];
  for (const c of conjuncts) {
    const term = compileTerm(c, columnIds);
    if (!term) return undefined;
    terms.push(term);
  }
  return (columns, rowCount) => {
    const keep = new Uint8Array(rowCount).fill(1);
    for (const term of terms) term(columns, keep);
    return keep;
  };
}

function compileTerm(expr: BoundExpr, columnIds: readonly number[]): Term | undefined {
  const position = (e: BoundExpr): number => (e.kind === 'ColumnRef' ? columnIds.indexOf(e.id) : -1);
  switch (expr.kind) {
    case 'And': {
      const inner = expr.args.map((a) => compileTerm(a, columnIds));
      return inner.every((t) => t !== undefined) ? (columns, keep) => { for (const t of inner) t!(columns, keep); } : undefined;
    }
    case 'Compare': {
      let column = position(expr.left);
      let constant = expr.right;
      let op = expr.op;
      if (column < 0) {
        column = position(expr.right);
        constant = expr.left;
        op = FLIPPED[op];
      }
      if (column < 0 || constant.kind !== 'Constant') return undefined;
      const value = constant.value;
      return (columns, keep) => {
        const values = columns[column]!;
        for (let r = 0; r < keep.length; r++) if (keep[r] && compareSql(op, values[r]!, value) !== true) keep[r] = 0;
      };
    }
    case 'IsNull': {
      const column = position(expr.operand);
      if (column < 0) return undefined;
      const wantNull = !expr.negated;
      return (columns, keep) => {
        const values = columns[column]!;
        for (let r = 0; r < keep.length; r++) if (keep[r] && (values[r] === null) !== wantNull) keep[r] = 0;
      };
    }
    case 'ColumnRef': {
      const column = position(expr);
      if (column < 0 || expr.type.id !== 'bool' || expr.type.array) return undefined;
      return (columns, keep) => {
        const values = columns[column]!;
        for (let r = 0; r < keep.length; r++) if (values[r] !== true) keep[r] = 0;
      };
    }
    default:
      return undefined;
  }
}
