/**
 * pg_get_function_result / _arguments / _identity_arguments: a pg_proc row's signature as
 * text (psql's \df and DBeaver read these), from the same list pg_proc shows.
 */
import { T } from '../../types/sql-type.js';
import { builtinRegistry } from '../builtins.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { procByOid } from './proc-list.js';
import { formatType } from './reg-types.js';

const stable = { volatility: 'stable' } as const;
/** Names of the pseudo-types polymorphic functions take, which format_type does not know. */
const PSEUDO_NAMES: Readonly<Record<number, string>> = { 2276: '"any"', 2283: 'anyelement', 2277: 'anyarray', 3500: 'anyenum', 2275: 'cstring', 2281: 'internal' };

function typeName(oid: number): string {
  return PSEUDO_NAMES[oid] ?? formatType(oid, -1);
}

function args(oid: number, ctx: EvalContext, kind: 'arguments' | 'identity'): string | null {
  const proc = procByOid(builtinRegistry, oid);
  if (proc) return proc.argTypes.map(typeName).join(', ');
  return ctx.catalog?.userFunctionText?.(oid, kind) ?? null;
}

export const procInfoFunctions: readonly ScalarFunction[] = [
  { name: 'pg_get_function_result', overloads: [scalar([T.oid], T.text, ([oid], ctx) => {
    const proc = procByOid(builtinRegistry, oid as number);
    if (!proc) return ctx.catalog?.userFunctionText?.(oid as number, 'result') ?? null;
    return `${proc.returnsSet ? 'SETOF ' : ''}${typeName(proc.returnType)}`;
  }, stable)] },
  { name: 'pg_get_function_arguments', overloads: [scalar([T.oid], T.text, ([oid], ctx) => args(oid as number, ctx, 'arguments'), stable)] },
  { name: 'pg_get_function_identity_arguments', overloads: [scalar([T.oid], T.text, ([oid], ctx) => args(oid as number, ctx, 'identity'), stable)] },
  { name: 'pg_get_functiondef', overloads: [scalar([T.oid], T.text, ([oid], ctx) => ctx.catalog?.userFunctionText?.(oid as number, 'definition') ?? null, stable)] },
];
