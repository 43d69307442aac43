/**
 * Text and array operators: `||` (text, array ⨝ array, array ⨝ element, text with any
 * non-array value), regular-expression matches `~ ~* !~ !~*`, and array containment
 * `@> <@ &&`.
 */
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { formatText } from '../../types/text-codec.js';
import { arrayItems, makeArray } from '../array-values.js';
import { valuesEqual } from '../compare.js';
import type { ScalarFunction } from '../function-types.js';
import { argType, scalar } from '../overload-builders.js';
import { regexMatches } from './posix-regex.js';

function asText(value: Value, type: SqlType): string {
  return typeof value === 'string' ? value : formatText(value, type);
}

function contains(outer: Value, inner: Value): boolean {
  const items = arrayItems(outer);
  return arrayItems(inner).every((needle) => needle !== null && items.some((item) => item !== null && valuesEqual(item, needle)));
}

function overlaps(a: Value, b: Value): boolean {
  const items = arrayItems(a);
  return arrayItems(b).some((needle) => needle !== null && items.some((item) => item !== null && valuesEqual(item, needle)));
}

const regex = (caseInsensitive: boolean, negated: boolean) =>
  [scalar([T.text, T.text], T.bool, ([s, p]) => regexMatches(s as string, p as string, caseInsensitive) !== negated)];

export const textOperators: readonly ScalarFunction[] = [
  { name: '||', overloads: [
    scalar([T.text, T.text], T.text, ([a, b]) => (a as string) + (b as string)),
    scalar(['anyarray', 'anyarray'], argType(0), ([a, b], _c, types) => {
      if (a === null) return b!;
      if (b === null) return a;
      return makeArray([...arrayItems(a), ...arrayItems(b)], types[0]!);
    }, { strict: false }),
    scalar(['anyarray', 'anyelement'], argType(0),
      ([a, e], _c, types) => makeArray([...(a === null ? [] : arrayItems(a)), e!], types[0]!), { strict: false }),
    scalar(['anyelement', 'anyarray'], argType(1),
      ([e, a], _c, types) => makeArray([e!, ...(a === null ? [] : arrayItems(a))], types[1]!), { strict: false }),
    scalar([T.text, 'any'], T.text, ([a, b], _c, types) => (a as string) + asText(b!, types[1]!), { volatility: 'stable' }),
    scalar(['any', T.text], T.text, ([a, b], _c, types) => asText(a!, types[0]!) + (b as string), { volatility: 'stable' }),
  ] },
  { name: '~', overloads: regex(false, false) },
  { name: '~*', overloads: regex(true, false) },
  { name: '!~', overloads: regex(false, true) },
  { name: '!~*', overloads: regex(true, true) },
  { name: '@>', overloads: [scalar(['anyarray', 'anyarray'], T.bool, ([a, b]) => contains(a!, b!))] },
  { name: '<@', overloads: [scalar(['anyarray', 'anyarray'], T.bool, ([a, b]) => contains(b!, a!))] },
  { name: '&&', overloads: [scalar(['anyarray', 'anyarray'], T.bool, ([a, b]) => overlaps(a!, b!))] },
];
