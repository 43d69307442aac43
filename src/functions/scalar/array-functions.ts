/**
 * Array functions over one-dimensional arrays with lower bound 1: array_append/prepend/cat, array_position, array_remove,
 * array_to_string, string_to_array.
 */
import { elementTypeOf, T, type SqlType } from '../../types/sql-type.js';
import { withShape } from '../../types/array-shape.js';
import type { Value } from '../../types/value.js';
import { formatText, textOptionsFromSettings } from '../../types/text-codec.js';
import { arrayItems, makeArray } from '../array-values.js';
import { valuesEqual } from '../compare.js';
import { addElement, concatArrays, oneDimLowerBound } from './array-concat.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { argType, scalar } from '../overload-builders.js';

function toText(value: Value, type: SqlType, separator: string, nullText: Value, ctx: EvalContext): string {
  const elem: SqlType = elementTypeOf({ ...type, typmod: -1 });
  const opts = textOptionsFromSettings((n) => ctx.setting(n));
  return arrayItems(value)
    .flatMap((item) => (item === null ? (nullText === null ? [] : [nullText as string]) : [typeof item === 'string' ? item : formatText(item, elem, opts)]))
    .join(separator);
}

/** string_to_array's pieces (also string_to_table's rows). */
export function splitToArray(text: string, separator: Value, nullText: Value): Value[] {
  if (text === '') return [];
  const parts = separator === null ? Array.from(text) : separator === '' ? [text] : text.split(separator as string);
  return parts.map((part) => (nullText !== null && part === nullText ? null : part));
}

const same = argType(0);

export const arrayFunctions: readonly ScalarFunction[] = [
  { name: 'array_append', overloads: [scalar(['anyarray', 'anyelement'], same,
    ([a, e], _c, types) => addElement(a!, e!, types[0]!, true), { strict: false })] },
  { name: 'array_prepend', overloads: [scalar(['anyelement', 'anyarray'], argType(1),
    ([e, a], _c, types) => addElement(a!, e!, types[1]!, false), { strict: false })] },
  { name: 'array_cat', overloads: [scalar(['anyarray', 'anyarray'], same, ([a, b], _c, types) => {
    if (a === null) return b!;
    if (b === null) return a;
    return concatArrays(a, b, types[0]!);
  }, { strict: false })] },
  { name: 'array_position', overloads: [scalar(['anyarray', 'anyelement'], T.int4, ([a, e]) => {
    const lb = oneDimLowerBound(a!, 'searching for elements in');
    const index = arrayItems(a!).findIndex((item) => (item === null ? e === null : e !== null && valuesEqual(item, e!)));
    return index < 0 ? null : index + lb;
  }, { strict: false })] },
  { name: 'array_remove', overloads: [scalar(['anyarray', 'anyelement'], same, ([a, e], _c, types) => {
    if (a === null) return null;
    const lb = oneDimLowerBound(a, 'removing elements from');
    const kept = arrayItems(a).filter((item) => !(item === null ? e === null : e !== null && valuesEqual(item, e!)));
    // A 1-d array keeps its lower bound ('[2:3]={1,2}' without 1 is '[2:2]={2}').
    return lb === 1 || kept.length === 0 ? makeArray(kept, types[0]!) : withShape(kept, { dims: [kept.length], lbounds: [lb] });
  }, { strict: false })] },
  { name: 'array_to_string', overloads: [
    scalar(['anyarray', T.text], T.text, ([a, s], ctx, types) => toText(a!, types[0]!, s as string, null, ctx)),
    scalar(['anyarray', T.text, T.text], T.text, ([a, s, n], ctx, types) => (a === null || s === null ? null : toText(a, types[0]!, s as string, n!, ctx)), { strict: false }),
  ] },
  { name: 'string_to_array', overloads: [
    scalar([T.text, T.text], T.textArray, ([s, sep]) => (s === null ? null : splitToArray(s as string, sep!, null)), { strict: false }),
    scalar([T.text, T.text, T.text], T.textArray, ([s, sep, n]) => (s === null ? null : splitToArray(s as string, sep!, n!)), { strict: false }),
  ] },
];
