/**
 * Rebuilds chains of binary operators with PostgreSQL's precedence. node-sql-parser's levels
 * differ from PostgreSQL's (it parses `a + b || c` as `a + (b || c)` and `a + b @> c` as
 * `a + (b @> c)`), and the operators it lacks arrive as `#- __thano_op_k #-` (rewrite-operators.ts).
 * So a maximal unparenthesised chain of these operators is flattened in source order (a binary
 * tree's in-order walk is its text order) and re-parsed by precedence climbing.
 */
import type { Expr } from '../ast.js';
import type { NspNode } from '../nsp.js';
import { DISTINCT_FROM_OP, NOT_DISTINCT_FROM_OP, SUBSCRIPT_OP } from '../rewrite-for-nsp.js';
import { OP_CARRIER, OP_MARKER_PREFIX, OPERATOR_MARKED } from '../rewrite-markers.js';

/** Binding strength (higher binds tighter); PostgreSQL's table in "Operator Precedence". */
const LEVELS: Readonly<Record<string, number>> = {
  [SUBSCRIPT_OP]: 7, '^': 6, '*': 5, '/': 5, '%': 5, '+': 4, '-': 4,
  // "all other native and user-defined operators"
  '||': 3, '&': 3, '|': 3, '#': 3, '<<': 3, '>>': 3, '@>': 3, '<@': 3, '&&': 3, '->': 3, '->>': 3,
  '#>>': 3, [OP_CARRIER]: 3, '~': 3, '~*': 3, '!~': 3, '!~*': 3,
  '=': 1, '<>': 1, '!=': 1, '<': 1, '>': 1, '<=': 1, '>=': 1,
  [DISTINCT_FROM_OP]: 0, [NOT_DISTINCT_FROM_OP]: 0,
};
/** Unary minus/plus bind tighter than `^` but looser than subscripts. */
const UNARY_LEVEL = 6.5;

/** One operand of a chain: a node outside the chain, with any unary signs in front of it. */
interface Leaf { readonly node: NspNode; readonly signs: readonly string[] }

/** Combines two operands (the caller's Binary/Subscript/Quantified construction). */
export type Combine = (op: string, left: Expr, right: Expr) => Expr;
/** Applies a unary `-`/`+` (the caller folds `-5` into a literal). */
export type ApplySign = (op: string, operand: Expr) => Expr;

/** True when `n` is a binary node whose operator takes part in re-association. */
export function isChainOperator(n: NspNode): boolean {
  return n?.type === 'binary_expr' && typeof n.operator === 'string' && LEVELS[n.operator] !== undefined;
}

/** True when `n` is `-`/`+` applied to an unparenthesised chain (node-sql-parser's `-(a ^ b)`). */
export function isSignedChain(n: NspNode): boolean {
  return n?.type === 'unary_expr' && (n.operator === '-' || n.operator === '+') && isChainOperator(n.expr) && !n.expr.parentheses;
}

/** Re-parses the chain rooted at `root` (a chain operator or a signed chain). */
export function rebalance(root: NspNode, leafExpr: (n: NspNode) => Expr, combine: Combine, sign: ApplySign): Expr {
  const leaves: Leaf[] = [];
  const ops: string[] = [];
  flatten(root, true, [], leaves, ops);
  collapseMarkers(leaves, ops);
  let k = 0;
  const operand = (): Expr => {
    const leaf = leaves[k]!;
    let e = leafExpr(leaf.node);
    if (leaf.signs.length === 0) return e;
    while (k < ops.length && LEVELS[ops[k]!]! > UNARY_LEVEL) {
      const op = ops[k++]!;
      e = combine(op, e, leafExpr(leaves[k]!.node));
    }
    for (let s = leaf.signs.length - 1; s >= 0; s--) e = sign(leaf.signs[s]!, e);
    return e;
  };
  const climb = (min: number): Expr => {
    let left = operand();
    while (k < ops.length && LEVELS[ops[k]!]! >= min) {
      const op = ops[k++]!;
      left = combine(op, left, climb(LEVELS[op]! + 1));
    }
    return left;
  };
  return climb(0);
}

function flatten(n: NspNode, top: boolean, signs: string[], leaves: Leaf[], ops: string[]): void {
  if (isSignedChain(n) && (top || !n.parentheses)) {
    flatten(n.expr, true, [...signs, n.operator], leaves, ops);
  } else if (isChainOperator(n) && (top || !n.parentheses)) {
    flatten(n.left, false, signs, leaves, ops);
    ops.push(n.operator);
    flatten(n.right, false, [], leaves, ops);
  } else {
    leaves.push({ node: n, signs });
  }
}

/** `x #- __thano_op_k #- y` → `x OP y`. */
function collapseMarkers(leaves: Leaf[], ops: string[]): void {
  for (let j = 1; j < leaves.length - 1; j++) {
    const k = markerIndex(leaves[j]!.node);
    if (k === undefined || ops[j - 1] !== OP_CARRIER || ops[j] !== OP_CARRIER) continue;
    leaves.splice(j, 1);
    ops.splice(j - 1, 2, OPERATOR_MARKED[k]!);
  }
}

function markerIndex(n: NspNode): number | undefined {
  if (n?.type !== 'column_ref' || n.table) return undefined;
  const name = n.column?.expr?.value ?? n.column;
  if (typeof name !== 'string' || !name.startsWith(OP_MARKER_PREFIX)) return undefined;
  const k = Number(name.slice(OP_MARKER_PREFIX.length));
  return OPERATOR_MARKED[k] === undefined ? undefined : k;
}
