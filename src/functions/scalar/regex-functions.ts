/**
 * Regular-expression functions: regexp_replace (flags g, i), regexp_match (captures as
 * text[]), regexp_like; patterns are PostgreSQL AREs translated by posix-regex.
 */
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { compileRegex, translateReplacement } from '../operators/posix-regex.js';

const str = (value: Value): string => value as string;

function replace(source: string, pattern: string, replacement: string, flags: string): string {
  const regexp = compileRegex(pattern, false, flags.replace(/[^gi]/g, ''));
  return source.replace(regexp, translateReplacement(replacement));
}

function match(source: string, pattern: string, flags: string): Value {
  const regexp = compileRegex(pattern, false, flags.replace(/[^i]/g, ''));
  const found = regexp.exec(source);
  if (!found) return null;
  return found.length > 1 ? found.slice(1).map((group) => group ?? null) : [found[0]];
}

export const regexFunctions: readonly ScalarFunction[] = [
  { name: 'regexp_replace', overloads: [
    scalar([T.text, T.text, T.text], T.text, ([s, p, r]) => replace(str(s), str(p), str(r), '')),
    scalar([T.text, T.text, T.text, T.text], T.text, ([s, p, r, f]) => replace(str(s), str(p), str(r), str(f))),
  ] },
  { name: 'regexp_match', overloads: [
    scalar([T.text, T.text], T.textArray, ([s, p]) => match(str(s), str(p), '')),
    scalar([T.text, T.text, T.text], T.textArray, ([s, p, f]) => match(str(s), str(p), str(f))),
  ] },
  { name: 'regexp_like', overloads: [
    scalar([T.text, T.text], T.bool, ([s, p]) => compileRegex(str(p), false).test(str(s))),
  ] },
];
