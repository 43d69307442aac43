/**
 * The error for a value whose JS representation does not match its column's type. The executor
 * coerces values before they reach storage, so this is always a bug (XX000), never user input.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Value } from '../types/value.js';

export function valueMismatch(value: Value, expected: string): SqlError {
  const got = value === null ? 'null' : typeof value === 'object' ? value.constructor.name : typeof value;
  return new SqlError(SQLSTATE.InternalError, `storage: cannot store a ${got} in a ${expected} column`);
}
