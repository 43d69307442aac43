/**
 * string_to_table(text, delimiter [, null_string]): string_to_array's pieces as rows,
 * one per piece. A NULL delimiter splits into characters, an empty one yields the whole
 * text, and an empty text yields no rows, as in PostgreSQL.
 */
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { TableFunction } from '../function-types.js';
import { splitToArray } from '../scalar/array-functions.js';

function* pieces(text: Value, delimiter: Value, nullText: Value): Generator<Value[]> {
  if (text === null) return;
  for (const piece of splitToArray(text as string, delimiter, nullText)) yield [piece];
}

export const stringToTableFunctions: readonly TableFunction[] = [
  { name: 'string_to_table', overloads: [
    { args: [T.text, T.text], returns: () => [T.text], strict: false, rows: ([s, d]) => pieces(s!, d!, null) },
    { args: [T.text, T.text, T.text], returns: () => [T.text], strict: false, rows: ([s, d, n]) => pieces(s!, d!, n!) },
  ] },
];
