/**
 * Enum support functions: enum_first, enum_last and enum_range over the labels of the
 * argument's enum type (the argument's value itself only bounds enum_range(a, b); NULL bounds
 * are open, as in PostgreSQL).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { arrayTypeOf, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { argType, scalar } from '../overload-builders.js';

function sortOrders(type: SqlType): number[] {
  const labels = type.udt?.labels;
  if (!labels) throw new SqlError(SQLSTATE.WrongObjectType, 'could not determine actual enum type');
  return labels.map((l) => l.sortOrder);
}

function range(type: SqlType, low: Value, high: Value): Value[] {
  return sortOrders(type).filter((o) => (low === null || o >= (low as number)) && (high === null || o <= (high as number)));
}

export const enumFunctions: readonly ScalarFunction[] = [
  { name: 'enum_first', overloads: [scalar(['anyenum'], argType(0), (_a, _c, types) => sortOrders(types[0]!)[0] ?? null, { strict: false, volatility: 'stable' })] },
  { name: 'enum_last', overloads: [scalar(['anyenum'], argType(0), (_a, _c, types) => sortOrders(types[0]!).at(-1) ?? null, { strict: false, volatility: 'stable' })] },
  {
    name: 'enum_range', overloads: [
      scalar(['anyenum'], (args) => arrayTypeOf(args[0]!), (_a, _c, types) => range(types[0]!, null, null), { strict: false, volatility: 'stable' }),
      scalar(['anyenum', 'anyenum'], (args) => arrayTypeOf(args[0]!), ([a, b], _c, types) => range(types[0]!, a!, b!), { strict: false, volatility: 'stable' }),
    ],
  },
];
