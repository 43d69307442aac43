/**
 * SubLink (a subquery inside an expression) → Exists, ScalarSubquery, ARRAY(SELECT …),
 * `x IN (SELECT …)`, or `x op ANY|ALL (SELECT …)`.
 */
import type { SubLink } from 'libpg-query';
import type { Expr } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { convertQuery } from './convert-select.js';
import { notSupported } from './not-supported.js';
import { stringsOf } from './pg-node.js';

/** Convert a SubLink. */
export function convertSubLink(s: SubLink, ctx: ConvertContext): Expr {
  const query = convertQuery(s.subselect!, ctx);
  switch (s.subLinkType) {
    case 'EXISTS_SUBLINK': return { kind: 'Exists', query };
    case 'EXPR_SUBLINK': return { kind: 'ScalarSubquery', query };
    case 'ARRAY_SUBLINK': return { kind: 'Array', elements: [], query };
    case 'ANY_SUBLINK': case 'ALL_SUBLINK': {
      const left = convertExpr(s.testexpr!, ctx);
      const names = stringsOf(s.operName);
      // `x IN (SELECT …)` has no operator name; `x = ANY (SELECT …)` has one.
      if (names.length === 0) return { kind: 'InSubquery', operand: left, query, negated: false };
      const op = names[names.length - 1]!;
      return { kind: 'Quantified', op, left, quantifier: s.subLinkType === 'ANY_SUBLINK' ? 'ANY' : 'ALL', right: query };
    }
    default: throw notSupported(`subquery form ${String(s.subLinkType)}`, ctx, s.location);
  }
}
