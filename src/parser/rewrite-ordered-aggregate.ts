/**
 * Rewrite rule for an aggregate ORDER BY in any aggregate call (`json_agg(x ORDER BY y)`,
 * `json_object_agg(k, v ORDER BY y)`, `string_agg(a, sep ORDER BY b)`): the call is carried
 * through node-sql-parser's array_agg node (see ORDERED_AGG_PREFIX), which
 * transform/transform-function.ts unwraps into a FunctionCall with `orderBy`.
 */
import { isWord, type Token } from './lexer.js';
import { matchClose, type RewriteRule } from './rewrite-state.js';
import { ORDERED_AGG_PREFIX } from './rewrite-markers.js';

/** Words before `(` that open a clause or a subquery, not a call's argument list. */
const NOT_CALL_WORDS = [
  'OVER', 'GROUP', 'AS', 'IN', 'EXISTS', 'ARRAY', 'FROM', 'JOIN', 'LATERAL', 'ANY', 'ALL', 'SOME', 'SELECT',
  'WHERE', 'ON', 'AND', 'OR', 'NOT', 'USING', 'VALUES', 'WITH', 'WHEN', 'THEN', 'ELSE', 'HAVING', 'RETURNING',
  'UNION', 'INTERSECT', 'EXCEPT', 'BY', 'SET', 'INTO',
];

/** Words that start a query inside parentheses. */
const QUERY_WORDS = ['SELECT', 'WITH', 'VALUES', 'TABLE'];

/** Index of the top-level `ORDER BY` inside the parentheses at `open` (not first), or -1. */
function topLevelOrderBy(tokens: readonly Token[], open: number, close: number): number {
  let depth = 0;
  for (let j = open; j < close; j++) {
    const t = tokens[j]!;
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    else if (t.type === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    else if (depth === 1 && j > open + 1 && isWord(t, 'ORDER') && isWord(tokens[j + 1], 'BY')) return j;
  }
  return -1;
}

/**
 * @example
 *   json_agg(x ORDER BY y)            → array_agg(__thano_agg_json_agg(x) order by y)
 *   jsonb_agg(DISTINCT x ORDER BY x)  → array_agg(distinct __thano_agg_jsonb_agg(x) order by x)
 */
export const rewriteOrderedAggregate: RewriteRule = (st, i) => {
  const { tokens, to } = st;
  const t = tokens[i]!;
  const open = i + 1;
  if (t.type !== 'word' || tokens[open]?.text !== '(' || open >= to) return undefined;
  if (isWord(t, 'ARRAY_AGG', ...NOT_CALL_WORDS) || (i > st.from && tokens[i - 1]!.text === '.')) return undefined;
  if (isWord(tokens[open + 1], ...QUERY_WORDS)) return undefined;
  const close = matchClose(tokens, open, to);
  const order = close < 0 ? -1 : topLevelOrderBy(tokens, open, close);
  if (order < 0) return undefined;
  const distinct = isWord(tokens[open + 1], 'DISTINCT');
  const last = distinct ? open + 1 : open;
  st.emit(`array_agg(${distinct ? 'distinct ' : ''}${ORDERED_AGG_PREFIX}${t.value.toLowerCase()}(`, i, last);
  st.replaceLater(order, ') order');
  return last + 1;
};
