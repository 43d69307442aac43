/**
 * `f(…, VARIADIC array)` for functions declared VARIADIC "any" (concat, concat_ws, format,
 * json_build_object …): the array's elements become the trailing arguments when the call runs.
 * A NULL array makes the result NULL, except for overloads marked `nullVariadicArray: 'empty'`
 * (format), which then see no trailing arguments, as in PostgreSQL.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { elementTypeOf, type SqlType } from '../types/sql-type.js';
import { arrayItems } from './array-values.js';
import type { ScalarOverload } from './function-types.js';

/** The overload that spreads its last argument (an array of type `arrayType`) before calling `overload`. */
export function spreadVariadicArray(overload: ScalarOverload, arrayType: SqlType): ScalarOverload {
  if (!arrayType.array) throw new SqlError(SQLSTATE.DatatypeMismatch, 'VARIADIC argument must be an array');
  const inner = overload.call;
  if (overload.variadic !== 'any' || inner === undefined) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'VARIADIC is supported only for functions declared VARIADIC "any"');
  }
  const elementType = elementTypeOf(arrayType);
  return {
    ...overload,
    strict: false,
    call: (args, ctx, types) => {
      const last = args.length - 1;
      const array = args[last]!;
      if (array === null && overload.nullVariadicArray !== 'empty') return null;
      const items = array === null ? [] : arrayItems(array);
      return inner([...args.slice(0, last), ...items], ctx, [...types.slice(0, last), ...items.map(() => elementType)]);
    },
  };
}
