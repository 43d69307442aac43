/**
 * Access privilege inquiry functions (has_table_privilege …). The one role is a superuser,
 * so every privilege is held; Metabase syncs no tables if these fail.
 */
import { T, type SqlType } from '../../types/sql-type.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const stable = { volatility: 'stable' } as const;

/** (object, privilege) and (user, object, privilege), with the object by name or OID. */
const SIGNATURES: readonly (readonly SqlType[])[] = [
  [T.text, T.text], [T.oid, T.text], [T.text, T.text, T.text], [T.text, T.oid, T.text], [T.oid, T.text, T.text], [T.oid, T.oid, T.text],
];
/** has_column_privilege adds the column (by name or number) before the privilege. */
const COLUMN_SIGNATURES: readonly (readonly SqlType[])[] = [
  [T.text, T.text, T.text], [T.oid, T.text, T.text], [T.oid, T.int2, T.text], [T.text, T.text, T.text, T.text],
  [T.text, T.oid, T.text, T.text], [T.text, T.oid, T.int2, T.text],
];

const granted = (signatures: readonly (readonly SqlType[])[]) => signatures.map((args) => scalar(args, T.bool, () => true, stable));

export const privilegeFunctions: readonly ScalarFunction[] = [
  ...['has_table_privilege', 'has_schema_privilege', 'has_database_privilege', 'has_any_column_privilege',
    'has_function_privilege', 'has_sequence_privilege', 'has_tablespace_privilege', 'has_language_privilege',
    'has_type_privilege', 'pg_has_role'].map((name) => ({ name, overloads: granted(SIGNATURES) })),
  { name: 'has_column_privilege', overloads: granted(COLUMN_SIGNATURES) },
];
