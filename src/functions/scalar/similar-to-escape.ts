/**
 * similar_to_escape(pattern [, escape]): a SQL `SIMILAR TO` pattern as the POSIX regular
 * expression PostgreSQL matches it with — `a SIMILAR TO b ESCAPE c` is parsed as
 * `a ~ similar_to_escape(b, c)`. `%` → `.*`, `_` → `.`, `(` → `(?:`, regex characters that
 * are literal in SQL patterns (`. \ ^ $`) are escaped, bracket expressions pass through, and
 * the whole pattern is anchored. The escape character (default `\`, none if '') makes the next
 * character literal; an escaped `"` marks the substring() capture, which matching ignores.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const LITERAL_IN_SQL = new Set(['.', '\\', '^', '$']);

/** The anchored regular expression for a SIMILAR TO pattern. */
export function similarToRegex(pattern: string, escape: string | null = '\\'): string {
  if (escape !== null && [...escape].length > 1) {
    throw new SqlError(SQLSTATE.InvalidEscapeSequence, 'invalid escape string', { hint: 'Escape string must be empty or one character.' });
  }
  let out = '';
  let escaped = false;
  let inBracket = false;
  let captures = 0;
  for (const ch of pattern) {
    if (escaped) {
      escaped = false;
      if (ch === '"' && !inBracket) {
        if (captures >= 2) throw new SqlError(SQLSTATE.InvalidUseOfEscapeCharacter, 'SQL regular expression may not contain more than two escape-double-quote separators');
        // PostgreSQL's text: the part between the separators is the one capture group (for substring()).
        out += captures++ === 0 ? '){1,1}?(' : '){1,1}(?:';
      } else out += `\\${ch}`;
    } else if (escape && ch === escape) escaped = true;
    else if (inBracket) {
      out += ch === '\\' ? '\\\\' : ch;
      if (ch === ']') inBracket = false;
    } else if (ch === '[') { out += ch; inBracket = true; }
    else if (ch === '%') out += '.*';
    else if (ch === '_') out += '.';
    else if (ch === '(') out += '(?:';
    else if (LITERAL_IN_SQL.has(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return `^(?:${out})$`;
}

export const similarToFunctions: readonly ScalarFunction[] = [
  { name: 'similar_to_escape', overloads: [
    scalar([T.text], T.text, ([p]) => similarToRegex(p as string)),
    scalar([T.text, T.text], T.text, ([p, e]) => similarToRegex(p as string, e as string)),
  ] },
];
