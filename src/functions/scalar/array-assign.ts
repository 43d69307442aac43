/**
 * `SET a[i] = v` on a one-dimensional array: the array with element i replaced, grown with
 * NULLs when i is past its end (as PostgreSQL's array_set_element does). Arrays here start at
 * 1 and have one dimension, so an i that would move the lower bound below 1 (PostgreSQL then
 * prints `[0:3]={…}`) is refused with 0A000 rather than renumbered.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T, type SqlType } from '../../types/sql-type.js';
import { arrayItems, makeArray } from '../array-values.js';
import type { ScalarOverload } from '../function-types.js';
import { checkArraySize } from '../value-limits.js';

/** (array, int4 subscript, element) → array; not strict: a NULL array or element is valid. */
export const arrayAssignElement: ScalarOverload = {
  args: ['anyarray', T.int4, 'anyelement'],
  returns: (types: readonly SqlType[]) => types[0]!,
  volatility: 'immutable',
  strict: false,
  call: ([array, index, value], _ctx, types) => {
    if (index === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'array subscript in assignment must not be null');
    const i = index as number;
    const items = array === null ? [] : [...arrayItems(array)];
    if (i < 1 || (items.length === 0 && i !== 1)) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, 'array lower bounds other than 1 are not supported');
    }
    checkArraySize(i);
    while (items.length < i - 1) items.push(null);
    items[i - 1] = value ?? null;
    return makeArray(items, types[2]!);
  },
};
