/**
 * Rewrite rules for SQL-standard call syntax node-sql-parser rejects or mis-parses, turning each
 * into a plain call: `extract(f FROM x)` → extract('f', x) (numeric, unlike date_part's float8), `position(a IN b)` → strpos(b, a),
 * `trim([BOTH|LEADING|TRAILING] [c] FROM x)` → btrim/ltrim/rtrim(x[, c]),
 * `substring(x FROM a FOR b)` / `overlay(x PLACING y FROM a FOR b)` → positional arguments,
 * the keyword functions (CURRENT_DATE, USER …) written without parentheses, and
 * `INTERSECT ALL` / `EXCEPT ALL` (marked in the right member's select list).
 */
import { isWord, type Token } from './lexer.js';
import { matchClose, type RewriteRule, type RewriteState } from './rewrite-state.js';
import { SET_ALL_MARKER, SQL_VALUE_FN_PREFIX, SWAP_ARGS_PREFIX } from './rewrite-markers.js';

/** Keywords PostgreSQL evaluates as functions when written bare (SQLValueFunction). */
const VALUE_FUNCTIONS = [
  'CURRENT_DATE', 'CURRENT_TIME', 'CURRENT_TIMESTAMP', 'LOCALTIME', 'LOCALTIMESTAMP', 'CURRENT_USER',
  'CURRENT_ROLE', 'SESSION_USER', 'USER', 'CURRENT_SCHEMA', 'CURRENT_CATALOG',
];
const TRIM_FUNCTIONS: Readonly<Record<string, string>> = { BOTH: 'btrim', LEADING: 'ltrim', TRAILING: 'rtrim' };

/** The call's `(` is at i + 1; returns its `)` or -1. */
function callClose(st: RewriteState, i: number): number {
  return st.tokens[i + 1]?.text === '(' && i + 1 < st.to ? matchClose(st.tokens, i + 1, st.to) : -1;
}

/** Indexes of the keywords `kws` directly inside the call's parentheses (not nested deeper). */
function topLevelWords(st: RewriteState, open: number, close: number, ...kws: string[]): number[] {
  const found: number[] = [];
  let depth = 0;
  for (let j = open; j < close; j++) {
    const t: Token = st.tokens[j]!;
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) depth++;
    else if (t.type === 'punct' && (t.text === ')' || t.text === ']')) depth--;
    else if (depth === 1 && isWord(t, ...kws)) found.push(j);
  }
  return found;
}

const rewriteExtract: RewriteRule = (st, i) => {
  const field = st.tokens[i + 2];
  if (!isWord(st.tokens[i], 'EXTRACT') || callClose(st, i) < 0 || !isWord(st.tokens[i + 3], 'FROM')) return undefined;
  if (field?.type !== 'word' && field?.type !== 'string') return undefined;
  st.emit('extract(', i, i + 1);
  st.emit(`'${field.value.toLowerCase().replace(/'/g, "''")}'`, i + 2, i + 2);
  st.emit(',', i + 3, i + 3);
  return i + 4;
};

const rewritePosition: RewriteRule = (st, i) => {
  const close = isWord(st.tokens[i], 'POSITION') ? callClose(st, i) : -1;
  const ins = close < 0 ? [] : topLevelWords(st, i + 1, close, 'IN');
  if (ins.length !== 1) return undefined;
  st.replaceLater(ins[0]!, ',');
  st.emit(`${SWAP_ARGS_PREFIX}strpos(`, i, i + 1);
  return i + 2;
};

const rewriteTrim: RewriteRule = (st, i) => {
  const close = isWord(st.tokens[i], 'TRIM') ? callClose(st, i) : -1;
  if (close < 0) return undefined;
  let first = i + 2;
  let fn = 'btrim';
  const dir = st.tokens[first];
  if (first < close && isWord(dir, 'BOTH', 'LEADING', 'TRAILING')) {
    fn = TRIM_FUNCTIONS[dir!.value.toUpperCase()]!;
    st.replaceLater(first++, '');
  }
  const from = topLevelWords(st, i + 1, close, 'FROM')[0];
  let name = fn;
  if (from === first) st.replaceLater(from, '');
  else if (from !== undefined) {
    // trim(chars FROM x) lists the characters first; btrim takes them second.
    name = SWAP_ARGS_PREFIX + fn;
    st.replaceLater(from, ',');
  }
  st.emit(`${name}(`, i, i + 1);
  return i + 2;
};

/** substring(x FROM a FOR b), overlay(x PLACING y FROM a FOR b): keywords become commas. */
const rewriteKeywordArgs: RewriteRule = (st, i) => {
  const overlay = isWord(st.tokens[i], 'OVERLAY');
  if (!overlay && !isWord(st.tokens[i], 'SUBSTRING')) return undefined;
  const close = callClose(st, i);
  if (close < 0) return undefined;
  const kws = topLevelWords(st, i + 1, close, 'PLACING', 'FROM', 'FOR');
  if (overlay && !kws.some((k) => isWord(st.tokens[k], 'PLACING'))) return undefined;
  const hasFrom = kws.some((k) => isWord(st.tokens[k], 'FROM'));
  // substring(x FOR n) starts at 1, as in PostgreSQL.
  for (const k of kws) st.replaceLater(k, !hasFrom && isWord(st.tokens[k], 'FOR') ? ', 1,' : ',');
  return undefined;
};

const rewriteValueFunction: RewriteRule = (st, i) => {
  const t = st.tokens[i]!;
  if (!isWord(t, ...VALUE_FUNCTIONS)) return undefined;
  const prev = i > st.from ? st.tokens[i - 1] : undefined;
  const next = i + 1 < st.to ? st.tokens[i + 1] : undefined;
  if (next?.text === '(' || next?.text === '.' || prev?.text === '.' || prev?.text === '::') return undefined;
  if (isWord(prev, 'AS')) {
    // A column label: PostgreSQL allows keywords after AS, node-sql-parser only quoted.
    st.emit(`"${t.value.toLowerCase()}"`, i, i);
    return i + 1;
  }
  st.emit(SQL_VALUE_FN_PREFIX + t.value.toLowerCase(), i, i);
  return i + 1;
};

/** `INTERSECT|EXCEPT ALL SELECT [ALL|DISTINCT [ON (…)]] list` → `… SELECT … __thano_set_all, list`. */
const rewriteSetOpAll: RewriteRule = (st, i) => {
  const t = st.tokens;
  if (!isWord(t[i], 'INTERSECT', 'EXCEPT') || !isWord(t[i + 1], 'ALL') || !isWord(t[i + 2], 'SELECT') || i + 3 >= st.to) {
    return undefined;
  }
  let last = i + 2;
  if (isWord(t[last + 1], 'ALL')) last++;
  else if (isWord(t[last + 1], 'DISTINCT')) {
    last++;
    if (isWord(t[last + 1], 'ON') && t[last + 2]?.text === '(') last = matchClose(t, last + 2, st.to);
  }
  if (last < 0 || last + 1 >= st.to) return undefined;
  st.emit(t[i]!.value.toLowerCase(), i, i + 1);
  const before = t[last]!;
  st.replaceLater(last, `${before.type === 'word' ? before.text.toLowerCase() : before.text} ${SET_ALL_MARKER},`);
  return i + 2;
};

/** The rules, in the order they are tried. */
export const SQL_SYNTAX_RULES: readonly RewriteRule[] = [
  rewriteExtract, rewritePosition, rewriteTrim, rewriteKeywordArgs, rewriteValueFunction, rewriteSetOpAll,
];
