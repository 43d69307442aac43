/**
 * Rewrite rules for keywords used as names, which PostgreSQL allows and node-sql-parser does
 * not: any keyword as a column label after AS (`AS update`, `AS select`, `AS table` — Metabase),
 * and unreserved / col_name keywords as column names (`by`, `set`, `at`, `nulls` …). Such a word
 * is written as the quoted identifier it stands for (lower case, as unquoted names fold).
 * node-sql-parser accepts the other keywords as names already (`name`, `type`, `value`, `role` …).
 */
import { isWord, type Token } from './lexer.js';
import type { RewriteRule, RewriteState } from './rewrite-state.js';

/** Keywords node-sql-parser rejects after AS (probed against PostgreSQL 15's pg_get_keywords()). */
const LABEL_KEYWORDS = new Set([
  'ADD', 'ALL', 'ALTER', 'AND', 'AS', 'ASC', 'AT', 'BETWEEN', 'BY', 'CALL', 'CASE', 'CONSTRAINT', 'CREATE',
  'DELETE', 'DESC', 'DISTINCT', 'DROP', 'ELSE', 'END', 'EXCEPT', 'EXISTS', 'EXPLAIN', 'FALSE', 'FROM', 'FULL',
  'GLOBAL', 'GROUP', 'HAVING', 'ILIKE', 'IN', 'INNER', 'INSERT', 'INTERSECT', 'INTO', 'IS', 'JOIN', 'LEFT',
  'LIKE', 'LIMIT', 'LOCAL', 'NOT', 'NULL', 'NULLS', 'OFFSET', 'ON', 'OR', 'ORDER', 'OUTER', 'PARTITION',
  'RECURSIVE', 'RENAME', 'RIGHT', 'SELECT', 'SESSION', 'SET', 'SHOW', 'TABLE', 'THEN', 'TRUE', 'TRUNCATE',
  'UNION', 'UPDATE', 'USING', 'WHEN', 'WHERE', 'WINDOW', 'WITH',
]);

/**
 * Unreserved and col_name keywords (valid column names in PostgreSQL) that node-sql-parser
 * rejects as column references (same probe).
 */
const NAME_KEYWORDS = new Set([
  'ADD', 'ALTER', 'AT', 'BETWEEN', 'BY', 'CALL', 'DELETE', 'DROP', 'EXISTS', 'EXPLAIN', 'GLOBAL', 'INSERT',
  'LOCAL', 'NULLS', 'PARTITION', 'RECURSIVE', 'RENAME', 'SESSION', 'SET', 'SHOW', 'TRUNCATE', 'UPDATE',
]);

/** Words after which a label has ended (the next clause, join or set operation). */
const CLAUSE_WORDS = [
  'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'INTERSECT', 'EXCEPT', 'WINDOW',
  'INTO', 'FETCH', 'FOR', 'RETURNING', 'ON', 'JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'CROSS', 'NATURAL', 'USING',
];

/** Words that may follow a column reference inside an expression (not INTO: `(INSERT INTO …)`). */
const AFTER_OPERAND_WORDS = [
  ...CLAUSE_WORDS.filter((w) => w !== 'INTO'), 'AS', 'AND', 'OR', 'IS', 'IN', 'NOT', 'LIKE', 'ILIKE', 'SIMILAR', 'BETWEEN', 'ASC', 'DESC',
  'NULLS', 'THEN', 'ELSE', 'END', 'WHEN', 'COLLATE', 'AT', 'ISNULL', 'NOTNULL',
];

/** Words after which an expression (or a column name) starts. */
const BEFORE_OPERAND_WORDS = [
  'SELECT', 'DISTINCT', 'WHERE', 'AND', 'OR', 'NOT', 'ON', 'BY', 'HAVING', 'SET', 'WHEN', 'THEN', 'ELSE', 'CASE',
  'RETURNING', 'LIMIT', 'OFFSET',
];

/** True when tokens[k] can end a label or an operand: end of input, `,` `)` `;` or a clause word. */
function endsName(st: RewriteState, k: number, words: readonly string[], operators: boolean): boolean {
  if (k >= st.to) return true;
  const t: Token = st.tokens[k]!;
  if (t.type === 'punct') return [',', ')', ';', ']', '.', '['].includes(t.text);
  if (t.type === 'op') return operators;
  return isWord(t, ...words);
}

function startsOperand(prev: Token | undefined): boolean {
  if (prev === undefined) return false;
  if (prev.type === 'punct') return prev.text === '(' || prev.text === ',';
  if (prev.type === 'op') return prev.text !== '::';
  return isWord(prev, ...BEFORE_OPERAND_WORDS);
}

const quoted = (t: Token) => `"${t.value.toLowerCase()}"`;

/** `… AS update,` → `… AS "update",` (PostgreSQL: any keyword is a ColLabel after AS). */
const rewriteKeywordLabel: RewriteRule = (st, i) => {
  const t = st.tokens[i]!;
  if (t.type !== 'word' || i === st.from || !isWord(st.tokens[i - 1], 'AS') || !LABEL_KEYWORDS.has(t.value.toUpperCase())) return undefined;
  if (!endsName(st, i + 1, CLAUSE_WORDS, false)) return undefined;
  st.emit(quoted(t), i, i);
  return i + 1;
};

/**
 * `SELECT by FROM t WHERE by = 1 ORDER BY by` → `"by"` where an operand starts before the word
 * and one ends after it; `ORDER BY`, `UPDATE t SET a = 1`, `x BETWEEN 1 AND 2`, `NULLS FIRST`,
 * `EXISTS (…)`, `WITH RECURSIVE`, `FOR UPDATE` keep their keyword.
 */
const rewriteKeywordName: RewriteRule = (st, i) => {
  const t = st.tokens[i]!;
  if (t.type !== 'word' || !NAME_KEYWORDS.has(t.value.toUpperCase())) return undefined;
  const prev = i > st.from ? st.tokens[i - 1] : undefined;
  if (!startsOperand(prev) || !endsName(st, i + 1, AFTER_OPERAND_WORDS, true)) return undefined;
  // `WITH x AS (DELETE FROM …)` is a statement; `a NOT BETWEEN -1 AND 1` an operator.
  if (prev?.text === '(' && isWord(st.tokens[i - 2], 'AS')) return undefined;
  if (isWord(prev, 'NOT') && isWord(t, 'BETWEEN')) return undefined;
  st.emit(quoted(t), i, i);
  return i + 1;
};

export const KEYWORD_NAME_RULES: readonly RewriteRule[] = [rewriteKeywordLabel, rewriteKeywordName];
