/**
 * A user function's signature and definition as PostgreSQL's pg_get_function_arguments /
 * _identity_arguments / _result and pg_get_functiondef write them (psql's \df and \sf,
 * DBeaver's source view).
 */
import type { StoredFunction, StoredFunctionParameter } from '../storage/storage-api.js';
import { formatTypeName } from '../types/sql-type.js';
import { parameterTypeName } from './user-functions.js';

export type FunctionTextKind = 'arguments' | 'identity' | 'result' | 'definition';

const MODE_WORDS: Readonly<Record<StoredFunctionParameter['mode'], string>> = { i: '', o: 'OUT ', b: 'INOUT ', v: 'VARIADIC ', t: '' };

function parameterText(p: StoredFunctionParameter, withDefault: boolean, procedure: boolean): string {
  const name = p.name !== undefined ? `${p.name} ` : '';
  const def = withDefault && p.default !== undefined ? ` DEFAULT ${p.default}` : '';
  // A procedure's IN parameters say so (its OUT ones are arguments too).
  const mode = procedure && p.mode === 'i' ? 'IN ' : MODE_WORDS[p.mode];
  return `${mode}${name}${parameterTypeName(p)}${def}`;
}

function argumentsText(fn: StoredFunction, identity: boolean): string {
  // Identity arguments leave out a function's OUT parameters (a procedure's count).
  const shown = fn.params.filter((p) => p.mode !== 't' && !(identity && p.mode === 'o' && !fn.procedure));
  return shown.map((p) => parameterText(p, !identity, fn.procedure && !identity)).join(', ');
}

function resultText(fn: StoredFunction): string | undefined {
  if (fn.procedure) return undefined;
  const table = fn.params.filter((p) => p.mode === 't');
  if (table.length > 0) return `TABLE(${table.map((p) => `${p.name ?? ''} ${parameterTypeName(p)}`).join(', ')})`;
  const type = fn.returnsPoly ?? (fn.returnsTrigger ? 'trigger' : fn.returns.fields ? 'record' : fn.returns.id === 'void' ? 'void' : formatTypeName(fn.returns));
  return `${fn.setof ? 'SETOF ' : ''}${type}`;
}

const VOLATILITY_WORDS = { i: ' IMMUTABLE', s: ' STABLE', v: '' } as const;

function definitionText(fn: StoredFunction): string {
  const lines = [`CREATE OR REPLACE ${fn.procedure ? 'PROCEDURE' : 'FUNCTION'} public.${fn.name}(${argumentsText(fn, false)})`];
  const result = resultText(fn);
  if (result) lines.push(` RETURNS ${result}`);
  lines.push(` LANGUAGE ${fn.language}`);
  const traits = `${VOLATILITY_WORDS[fn.volatility]}${fn.strict ? ' STRICT' : ''}${fn.securityDefiner ? ' SECURITY DEFINER' : ''}`;
  if (traits) lines.push(traits);
  lines.push(fn.atomic ? `BEGIN ATOMIC\n ${fn.body.replace(/;?\s*$/, ';')}\nEND` : `AS $${'function'}$${fn.body}$${'function'}$`);
  return `${lines.join('\n')}\n`;
}

/** The text `kind` of `fn` (undefined: pg_get_function_result of a procedure, which is NULL). */
export function userFunctionText(fn: StoredFunction, kind: FunctionTextKind): string | undefined {
  switch (kind) {
    case 'arguments': return argumentsText(fn, false);
    case 'identity': return argumentsText(fn, true);
    case 'result': return resultText(fn);
    case 'definition': return definitionText(fn);
  }
}
