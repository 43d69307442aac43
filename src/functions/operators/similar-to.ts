/**
 * SIMILAR TO: the SQL-standard pattern is rewritten into a POSIX regular expression, as
 * PostgreSQL's `similar_to_escape` does (its parser turns `a SIMILAR TO p` into
 * `a ~ similar_to_escape(p)`), then matched by posix-regex (linear-time engine).
 * `%` → `.*`, `_` → `.`, `(` → `(?:`, `.` `^` `$` `\` are literal, bracket expressions pass
 * through; the whole pattern is anchored: `^(?:…)$`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { regexMatches } from './posix-regex.js';

function escapeError(): SqlError {
  return new SqlError(SQLSTATE.InvalidEscapeSequence, 'invalid escape string', {
    hint: 'Escape string must be empty or one character.',
  });
}

/**
 * The regular expression for a SIMILAR TO pattern; `escape` '' disables escaping.
 * @example similarToRegex('a%b', '\\') // '^(?:a.*b)$'
 */
export function similarToRegex(pattern: string, escape = '\\'): string {
  if (Array.from(escape).length > 1) throw escapeError();
  let out = '^(?:';
  let bracketDepth = 0;
  let quotes = 0;
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (escape !== '' && ch === escape) {
      const next = chars[++i];
      // PostgreSQL drops a trailing escape character.
      if (next === undefined) break;
      if (next === '"') {
        // Escape-double-quote separates the part substring(… SIMILAR …) returns.
        if (quotes >= 2) {
          throw new SqlError(SQLSTATE.InvalidUseOfEscapeCharacter, 'SQL regular expression may not contain more than two escape-double-quote separators');
        }
        out += quotes === 0 ? '){1,1}?(' : '){1,1}(?:';
        quotes++;
      } else out += `\\${next}`;
    } else if (bracketDepth > 0) {
      if (ch === ']') bracketDepth--;
      out += ch === '\\' ? '\\\\' : ch;
    } else if (ch === '[') {
      bracketDepth++;
      out += ch;
      // A leading ^ or ] belongs to the bracket expression.
      if (chars[i + 1] === '^') out += chars[++i];
      if (chars[i + 1] === ']') out += chars[++i];
    } else if (ch === '%') out += '.*';
    else if (ch === '_') out += '.';
    else if (ch === '(') out += '(?:';
    else if (ch === '\\' || ch === '.' || ch === '^' || ch === '$') out += `\\${ch}`;
    else out += ch;
  }
  return `${out})$`;
}

const similar = (negated: boolean) => [
  scalar([T.text, T.text], T.bool, ([s, p]) => regexMatches(s as string, similarToRegex(p as string), false) !== negated),
];

export const similarToFunctions: readonly ScalarFunction[] = [
  { name: 'similar_to_escape', overloads: [
    scalar([T.text], T.text, ([p]) => similarToRegex(p as string)),
    scalar([T.text, T.text], T.text, ([p, e]) => similarToRegex(p as string, e as string)),
  ] },
  // The current parser hands SIMILAR TO over as a binary operator.
  { name: 'SIMILAR TO', overloads: similar(false) },
  { name: 'NOT SIMILAR TO', overloads: similar(true) },
];
