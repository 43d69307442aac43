/**
 * Casts from jsonb to SQL scalars (PostgreSQL's jsonb_bool, jsonb_numeric, jsonb_int4 …): only
 * a top-level scalar of the matching JSON type converts; anything else is 22023 `cannot cast
 * jsonb object to type integer`. Numbers go through numeric, so `'1.5'::jsonb::int4` rounds.
 */
import type { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { jsonbKind } from '../../types/jsonb-node.js';
import type { JsonbValue } from '../../types/jsonb-value.js';
import { formatTypeName, sqlType, type ScalarTypeId } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';

/** The types a jsonb value casts to explicitly, besides json and the string types. */
export const JSONB_CAST_TARGETS: ReadonlySet<ScalarTypeId> = new Set(['bool', 'numeric', 'int2', 'int4', 'int8', 'float4', 'float8']);

const KIND_NAMES: Readonly<Record<string, string>> = {
  null: 'null', string: 'string', number: 'numeric', boolean: 'boolean', array: 'array', object: 'object',
};

/**
 * The scalar inside `value` for a cast to `to`: a boolean for bool, else a numeric the caller
 * converts on (numeric → `to`).
 */
export function jsonbCastScalar(value: Value, to: ScalarTypeId): boolean | Decimal {
  const root = (value as JsonbValue).root;
  const kind = jsonbKind(root);
  if ((to === 'bool' && kind !== 'boolean') || (to !== 'bool' && kind !== 'number')) {
    throw new SqlError(SQLSTATE.InvalidParameterValue,
      `cannot cast jsonb ${KIND_NAMES[kind]} to type ${formatTypeName(sqlType(to))}`);
  }
  return root as boolean | Decimal;
}
