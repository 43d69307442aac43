/**
 * Pure helpers over user functions (StoredFunction): lookup by name, the input parameters
 * that make up a signature, and PostgreSQL's text for a signature (`f(integer, text)`) in
 * messages and catalogs.
 */
import type { StoredFunction, StoredFunctionParameter, StoredObject, StoredOperator } from '../storage/storage-api.js';
import { formatTypeName } from '../types/sql-type.js';

/** The user functions and procedures named `name`, in creation order. */
export function userFunctionsNamed(objects: readonly StoredObject[], name: string): StoredFunction[] {
  return objects.filter((o): o is StoredFunction => o.kind === 'function' && o.name === name);
}

/** Every user function and procedure. */
export function userFunctions(objects: readonly StoredObject[]): StoredFunction[] {
  return objects.filter((o): o is StoredFunction => o.kind === 'function');
}

/** The parameters a call passes (IN, INOUT, VARIADIC; procedures' OUT ones too, as PostgreSQL 15 has them). */
export function inputParameters(fn: StoredFunction): StoredFunctionParameter[] {
  return fn.params.filter((p) => p.mode === 'i' || p.mode === 'b' || p.mode === 'v' || (fn.procedure && p.mode === 'o'));
}

/** The parameters the result is made of (OUT, INOUT, TABLE). */
export function outputParameters(fn: StoredFunction): StoredFunctionParameter[] {
  return fn.params.filter((p) => p.mode === 'o' || p.mode === 'b' || p.mode === 't');
}

/** A parameter's type as format_type writes it. */
export function parameterTypeName(p: StoredFunctionParameter): string {
  return p.poly ?? formatTypeName(p.type);
}

/** `name(type, …)` over the input parameters, as PostgreSQL names a function in messages. */
export function functionSignatureText(fn: StoredFunction): string {
  return `${fn.name}(${inputParameters(fn).map(parameterTypeName).join(', ')})`;
}

/** The user operators with this symbol, in creation order. */
export function userOperatorsNamed(objects: readonly StoredObject[], symbol: string): StoredOperator[] {
  return objects.filter((o): o is StoredOperator => o.kind === 'operator' && o.name === symbol);
}

/**
 * What a plan that called functions named `name` (or used user operators with that symbol)
 * depends on: their ids and versions.
 */
export function functionsKey(objects: readonly StoredObject[], name: string): string {
  return objects.filter((o) => (o.kind === 'function' || o.kind === 'operator') && o.name === name)
    .map((f) => `${f.id}.${f.version}`).join(',');
}
