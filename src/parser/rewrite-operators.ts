/**
 * Rewrite rules for operator-like syntax node-sql-parser lacks: the operators `^ & | # << >>`
 * (carried as `#- __thano_op_k #-`, rebuilt with PostgreSQL precedence by
 * transform/rebalance-operators.ts), `(expr).field`, `f(…) WITH ORDINALITY` in FROM, a
 * minus glued to a number (in parentheses after a JSON operator: `x ->> -1`), and `NOT (`.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { isWord } from './lexer.js';
import { matchClose, type RewriteRule } from './rewrite-state.js';
import { FIELD_SELECT_PREFIX, OP_CARRIER, OP_MARKER_PREFIX, OPERATOR_MARKED, ORDINALITY_PREFIX, PAREN_MARKER } from './rewrite-markers.js';

/**
 * Words after which `(` opens an expression rather than a call's argument list, so that
 * `SELECT (x).n` and `WHERE (x).n = 1` are field selections.
 */
const EXPRESSION_KEYWORDS = [
  'SELECT', 'WHERE', 'AND', 'OR', 'NOT', 'ON', 'WHEN', 'THEN', 'ELSE', 'BY', 'HAVING', 'RETURNING',
  'SET', 'CASE', 'DISTINCT', 'ALL', 'IS', 'LIKE', 'ILIKE', 'BETWEEN', 'IN', 'LIMIT', 'OFFSET', 'VALUES',
];

const rewriteMarkedOperator: RewriteRule = (st, i) => {
  const t = st.tokens[i]!;
  const k = t.type === 'op' ? OPERATOR_MARKED.indexOf(t.text) : -1;
  if (k < 0) return undefined;
  st.emit(`${OP_CARRIER} ${OP_MARKER_PREFIX}${k} ${OP_CARRIER}`, i, i);
  return i + 1;
};

const rewriteFieldSelect: RewriteRule = (st, i) => {
  const t = st.tokens[i]!;
  if (t.type !== 'punct' || t.text !== '(') return undefined;
  const close = matchClose(st.tokens, i, st.to);
  const dot = st.tokens[close + 1];
  const field = st.tokens[close + 2];
  if (close < 0 || close + 2 >= st.to || dot?.text !== '.') return undefined;
  const prev = i > st.from ? st.tokens[i - 1]! : undefined;
  if ((prev?.type === 'word' && !isWord(prev, ...EXPRESSION_KEYWORDS)) || prev?.type === 'qident') return undefined;
  if (field?.text === '*') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'expanding a composite value, (expr).*, is not supported',
      { position: dot.start + 1 });
  }
  if (field?.type !== 'word' && field?.type !== 'qident') return undefined;
  st.fields.push(field.type === 'word' ? field.value.toLowerCase() : field.value);
  st.replaceLater(close + 1, '');
  st.replaceLater(close + 2, '');
  st.emit(`${FIELD_SELECT_PREFIX}${st.fields.length - 1}(`, i, i);
  return i + 1;
};

const rewriteOrdinality: RewriteRule = (st, i) => {
  const t = st.tokens[i]!;
  if (t.type !== 'word' || st.tokens[i + 1]?.text !== '(' || i + 1 >= st.to) return undefined;
  const close = matchClose(st.tokens, i + 1, st.to);
  if (close < 0 || close + 2 >= st.to || !isWord(st.tokens[close + 1], 'WITH') || !isWord(st.tokens[close + 2], 'ORDINALITY')) {
    return undefined;
  }
  st.replaceLater(close + 1, '');
  st.replaceLater(close + 2, '');
  st.emit(ORDINALITY_PREFIX + t.value.toLowerCase(), i, i);
  return i + 1;
};

/**
 * Operators after which node-sql-parser rejects a unary minus (`x ->> -1`, `j @> - 1`): the marked
 * ones (carried by `#-`), the JSON ones and the IS [NOT] DISTINCT FROM stand-ins `?|` / `?&`.
 */
const MINUS_IN_PARENS_AFTER = new Set([...OPERATOR_MARKED, '->', '->>', '#>', '#>>', '@>', '<@', '?', '?|', '?&', '#-', '@@']);

/**
 * `-0.0` / `-9223372036854775808`: node-sql-parser reads a minus glued to a number as part of
 * the literal and converts it to a JS number, dropping the sign of zero and the digits past
 * 2^53. Spaced out, it is a unary minus over the literal's text, which the transform folds back
 * into an exact literal (and `-0.0::float8` keeps PostgreSQL's `-(0.0::float8)` precedence).
 */
const rewriteSignedNumber: RewriteRule = (st, i) => {
  const t = st.tokens[i]!;
  const next = st.tokens[i + 1];
  if (t.type !== 'op' || t.text !== '-' || i + 1 >= st.to || next?.type !== 'number') return undefined;
  const prev = i > st.from ? st.tokens[i - 1]! : undefined;
  if ((prev?.type === 'op' && MINUS_IN_PARENS_AFTER.has(prev.text))
    || (isWord(prev, 'FROM') && i - 2 >= st.from && isWord(st.tokens[i - 2], 'DISTINCT'))) {
    // After these node-sql-parser takes a minus (glued or spaced) only inside parentheses.
    st.emit('(- ', i, i);
    st.replaceLater(i + 1, `${next.text})`);
    return i + 1;
  }
  if (next.start !== t.end) return undefined;
  // node-sql-parser takes only a literal after LIMIT/OFFSET (a negative one is 2201W later).
  if (isWord(prev, 'LIMIT', 'OFFSET')) return undefined;
  st.emit('- ', i, i);
  return i + 1;
};

/** `NOT (x)` → `not __thano_paren(x)`, so `not (` is not read as a call (rewrite-markers.ts). */
const rewriteNotParen: RewriteRule = (st, i) => {
  if (!isWord(st.tokens[i], 'NOT') || i + 1 >= st.to || st.tokens[i + 1]?.text !== '(') return undefined;
  st.emit(`not ${PAREN_MARKER}`, i, i);
  return i + 1;
};

/** The rules, in the order they are tried. */
export const OPERATOR_RULES: readonly RewriteRule[] = [
  rewriteMarkedOperator, rewriteFieldSelect, rewriteOrdinality, rewriteSignedNumber, rewriteNotParen,
];
