/**
 * jsonb subscripting (PostgreSQL's jsonb_subscript_handler): `j['a'][0]` reads like `#>` with
 * a path of the subscripts as text (integers index arrays and name object keys alike), and
 * `UPDATE … SET j['a'][0] = v` is setPath with create, fill-gaps and consistent-position: missing
 * containers are made (an integer subscript makes an array, padded with nulls), a scalar in the
 * way is 22023, a negative index before the start is 22023, and a NULL column starts as `{}`
 * (or `[]` when the first subscript is an integer). An SQL NULL value assigns JSON null.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbObject, type JsonbNode } from '../../types/jsonb-node.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarOverload } from '../function-types.js';
import { jsonbAtPath } from './json-access.js';
import { PathOp, setPath } from './jsonb-set-path.js';

/** A subscript as the path step PostgreSQL makes of it (int4out for integers). */
function step(value: Value): string {
  return typeof value === 'number' ? String(value) : (value as string);
}

/** `jsonb[sub]`: one step of a fetch (NULL subscript or no such element → NULL). */
export function jsonbSubscriptFetch(subscriptType: SqlType): ScalarOverload {
  return {
    args: [T.jsonb, subscriptType], returns: T.jsonb, volatility: 'immutable', strict: true,
    call: ([doc, sub]) => {
      const found = jsonbAtPath((doc as JsonbValue).root, [step(sub!)]);
      return found === undefined ? null : JsonbValue.of(found);
    },
  };
}

/**
 * The new column value for `SET col[s1]…[sn] = v`: arguments are the column, the n subscripts,
 * then v.
 */
export function jsonbSubscriptAssign(subscriptTypes: readonly SqlType[]): ScalarOverload {
  return {
    args: [T.jsonb, ...subscriptTypes, T.jsonb], returns: T.jsonb, volatility: 'immutable', strict: false,
    call: (args) => {
      const subs = args.slice(1, -1);
      if (subs.some((s) => s === null)) {
        throw new SqlError(SQLSTATE.NullValueNotAllowed, 'jsonb subscript in assignment must not be null');
      }
      const value = args[args.length - 1]!;
      const newValue: JsonbNode = value === null ? null : (value as JsonbValue).root;
      const source = args[0];
      const root: JsonbNode = source === null || source === undefined
        ? (typeof subs[0] === 'number' ? [] : JsonbObject.EMPTY)
        : (source as JsonbValue).root;
      const op = PathOp.Create | PathOp.FillGaps | PathOp.ConsistentPosition;
      return JsonbValue.of(setPath(root, subs.map(step), newValue, op));
    },
  };
}
