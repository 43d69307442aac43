/**
 * Text and array operators: `||` (text, array ⨝ array, array ⨝ element, text with any
 * non-array value), regular-expression matches `~ ~* !~ !~*`, and array containment
 * `@> <@ &&`.
 */
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { formatText, textOptionsFromSettings } from '../../types/text-codec.js';
import { arrayItems } from '../array-values.js';
import { addElement, concatArrays } from '../scalar/array-concat.js';
import { valuesEqual } from '../compare.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { argType, scalar } from '../overload-builders.js';
import { checkArraySize, checkTextGrowth } from '../value-limits.js';
import { regexMatches } from './posix-regex.js';

/** `$2::text` as PostgreSQL's textanycat casts: a boolean is `true` / `false` there, not `t` / `f`. */
function asText(value: Value, type: SqlType, ctx: EvalContext): string {
  if (typeof value === 'boolean' && !type.array) return String(value);
  return typeof value === 'string' ? value : formatText(value, type, textOptionsFromSettings((n) => ctx.setting(n)));
}

/** Text concatenation, refused before it would pass the longest string we can hold. */
function concatText(a: string, b: string): string {
  checkTextGrowth(a.length, b.length);
  return a + b;
}

/** Array concatenation, refused past PostgreSQL's MaxArraySize. */
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
    scalar([T.text, T.text], T.text, ([a, b]) => concatText(a as string, b as string)),
    scalar(['anyarray', 'anyarray'], argType(0), ([a, b], _c, types) => {
      if (a === null) return b!;
      if (b === null) return a;
      return concatArrays(a, b, types[0]!);
    }, { strict: false }),
    scalar(['anyarray', 'anyelement'], argType(0), ([a, e], _c, types) => addElement(a!, e!, types[0]!, true), { strict: false }),
    scalar(['anyelement', 'anyarray'], argType(1), ([e, a], _c, types) => addElement(a!, e!, types[1]!, false), { strict: false }),
    scalar([T.text, 'any'], T.text, ([a, b], ctx, types) => concatText(a as string, asText(b!, types[1]!, ctx)), { volatility: 'stable' }),
    scalar(['any', T.text], T.text, ([a, b], ctx, types) => concatText(asText(a!, types[0]!, ctx), b as string), { volatility: 'stable' }),
  ] },
  { name: '~', overloads: regex(false, false) },
  { name: '~*', overloads: regex(true, false) },
  { name: '!~', overloads: regex(false, true) },
  { name: '!~*', overloads: regex(true, true) },
  { name: '@>', overloads: [scalar(['anyarray', 'anyarray'], T.bool, ([a, b]) => contains(a!, b!))] },
  { name: '<@', overloads: [scalar(['anyarray', 'anyarray'], T.bool, ([a, b]) => contains(b!, a!))] },
  { name: '&&', overloads: [scalar(['anyarray', 'anyarray'], T.bool, ([a, b]) => overlaps(a!, b!))] },
];
