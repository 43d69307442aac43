/**
 * Rewrite rule for CASE branches: node-sql-parser's grammar takes only a non-boolean expression
 * after ELSE, so `ELSE a = b AND c = d END` (Grafana's column query puts one inside WHERE) is a
 * syntax error there. The ELSE branch is wrapped in parentheses, which changes nothing in
 * PostgreSQL's reading: the branch already runs up to its END.
 */
import { isWord } from './lexer.js';
import type { RewriteRule } from './rewrite-state.js';

/** `ELSE x AND y END` → `else (x AND y) end`. */
export const rewriteCaseElse: RewriteRule = (st, i) => {
  if (!isWord(st.tokens[i], 'ELSE')) return undefined;
  let parens = 0;
  let cases = 0;
  for (let j = i + 1; j < st.to; j++) {
    const t = st.tokens[j]!;
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) parens++;
    else if (t.type === 'punct' && (t.text === ')' || t.text === ']')) {
      if (--parens < 0) return undefined;
    } else if (parens === 0 && isWord(t, 'CASE')) cases++;
    else if (parens === 0 && isWord(t, 'END') && cases-- === 0) {
      if (j === i + 1) return undefined;
      st.emit('else (', i, i);
      st.replaceLater(j, ') end');
      return i + 1;
    }
  }
  return undefined;
};
