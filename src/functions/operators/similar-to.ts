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
import { compileRegex, regexMatches } from './posix-regex.js';

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

/** The pattern cut at its escape-double-quote separators (at most two: similarToRegex checks). */
function splitAtSeparators(pattern: string, escape: string): string[] {
  const parts = [''];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (escape !== '' && ch === escape && chars[i + 1] === '"') {
      parts.push('');
      i++;
    } else if (escape !== '' && ch === escape && i + 1 < chars.length) {
      parts[parts.length - 1] += ch + chars[++i]!;
    } else parts[parts.length - 1] += ch;
  }
  return parts;
}

/**
 * `source` with each of its quantifiers (`*` `+` `?` `{m,n}` outside bracket expressions) made
 * lazy, so the expression prefers the shortest match as a whole.
 */
function lazyQuantifiers(source: string): string {
  let out = '';
  let inBracket = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    out += ch;
    if (ch === '\\') {
      out += source[++i] ?? '';
      continue;
    }
    if (inBracket) {
      if (ch === ']') inBracket = false;
      continue;
    }
    if (ch === '[') {
      inBracket = true;
      // A leading ^ or ] belongs to the bracket expression.
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i];
      continue;
    }
    let quantified = ch === '*' || ch === '+';
    if (ch === '?') quantified = source[i - 1] !== '(';
    if (ch === '{') {
      const close = source.indexOf('}', i);
      if (close > i && /^\{\d+(,\d*)?\}$/.test(source.slice(i, close + 1))) {
        out += source.slice(i + 1, close + 1);
        i = close;
        quantified = true;
      }
    }
    if (quantified && source[i + 1] !== '?') out += '?';
  }
  return out;
}

/**
 * SUBSTRING(s SIMILAR p ESCAPE e): when the whole of `s` matches `p`, the part matched between
 * the two escape-double-quote separators (after one, the rest; with none, all of `s`); else NULL.
 * PostgreSQL makes the part before the first separator match as little as possible (its regex
 * `(?:A){1,1}?` is non-greedy as a whole); a JavaScript quantifier cannot do that to a group,
 * so every quantifier inside that part is made lazy instead.
 * @example similarSubstring('abcdefg', 'a*#"%#"g*', '#') // 'abcdefg' (a* takes nothing)
 */
export function similarSubstring(text: string, pattern: string, escape: string): string | null {
  const parts = splitAtSeparators(pattern, escape);
  const whole = similarToRegex(pattern, escape);
  if (parts.length === 1) return regexMatches(text, whole, false) ? text : null;
  // similarToRegex gives `^(?:X)$`; the parts are spliced without their anchors.
  const inner = (part: string) => similarToRegex(part, escape).slice(1, -1);
  const source = `^${lazyQuantifiers(inner(parts[0]!))}(${inner(parts[1]!)})${parts.length > 2 ? inner(parts[2]!) : ''}$`;
  return compileRegex(source, false).exec(text)?.[1] ?? null;
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
