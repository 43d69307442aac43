/**
 * LIKE and ILIKE as the operators PostgreSQL names them (`~~`, `!~~`, `~~*`, `!~~*` over
 * text), for the places that call an operator by symbol: `x LIKE ANY (patterns)`. A plain
 * `x LIKE p` is bound to its own node (bind-predicates.ts), which also keeps char(n) padding.
 */
import { T } from '../../types/sql-type.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { like } from './like.js';

function likeOperator(name: string, caseInsensitive: boolean, negated: boolean): ScalarFunction {
  return {
    name,
    overloads: [scalar([T.text, T.text], T.bool, ([x, p]) => like(x as string, p as string, caseInsensitive) !== negated)],
  };
}

export const likeOperators: readonly ScalarFunction[] = [
  likeOperator('~~', false, false), likeOperator('!~~', false, true),
  likeOperator('~~*', true, false), likeOperator('!~~*', true, true),
];
