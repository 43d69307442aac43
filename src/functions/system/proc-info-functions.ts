/**
 * pg_get_function_result / _arguments / _identity_arguments: a pg_proc row's signature as
 * text (psql's \df and DBeaver read these), from the same list pg_proc shows.
 */
import { T } from '../../types/sql-type.js';
import { builtinRegistry } from '../builtins.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { procByOid } from './proc-list.js';
import { formatType } from './reg-types.js';

const stable = { volatility: 'stable' } as const;
/** Names of the pseudo-types polymorphic functions take, which format_type does not know. */
const PSEUDO_NAMES: Readonly<Record<number, string>> = { 2276: '"any"', 2283: 'anyelement', 2277: 'anyarray', 3500: 'anyenum', 2275: 'cstring', 2281: 'internal' };

function typeName(oid: number): string {
  return PSEUDO_NAMES[oid] ?? formatType(oid, -1);
}

function args(oid: number): string | null {
  const proc = procByOid(builtinRegistry, oid);
  return proc ? proc.argTypes.map(typeName).join(', ') : null;
}

export const procInfoFunctions: readonly ScalarFunction[] = [
  { name: 'pg_get_function_result', overloads: [scalar([T.oid], T.text, ([oid]) => {
    const proc = procByOid(builtinRegistry, oid as number);
    if (!proc) return null;
    return `${proc.returnsSet ? 'SETOF ' : ''}${typeName(proc.returnType)}`;
  }, stable)] },
  { name: 'pg_get_function_arguments', overloads: [scalar([T.oid], T.text, ([oid]) => args(oid as number), stable)] },
  { name: 'pg_get_function_identity_arguments', overloads: [scalar([T.oid], T.text, ([oid]) => args(oid as number), stable)] },
];
