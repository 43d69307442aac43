/**
 * `f(a, name => b)` → `f(a, …, b)`: named arguments placed at their parameters' positions
 * and skipped parameters given their defaults (functions/named-parameters.ts), with
 * PostgreSQL's errors for a named argument before a positional one (42601), a name used twice
 * (42601) or no function with such parameters (42883).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { namedParameters } from '../../../functions/named-parameters.js';
import type { Expr, FunctionCall } from '../../../parser/ast.js';

/** An argument's type name, for the 42883 message. */
export type ArgTypeName = (arg: Expr) => string;

function noSuchFunction(call: FunctionCall, typeName: ArgTypeName): SqlError {
  const args = call.args.map((a, i) => (call.argNames?.[i] !== undefined ? `${call.argNames[i]} => ${typeName(a)}` : typeName(a)));
  return new SqlError(SQLSTATE.UndefinedFunction, `function ${call.name}(${args.join(', ')}) does not exist`, {
    hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
  });
}

/** The call with positional arguments only (unchanged when none is named). */
export function positionalCall(call: FunctionCall, typeName: ArgTypeName): FunctionCall {
  const names = call.argNames;
  if (!names) return call;
  const firstNamed = names.findIndex((n) => n !== undefined);
  if (names.slice(firstNamed).some((n) => n === undefined)) {
    throw new SqlError(SQLSTATE.SyntaxError, 'positional argument cannot follow named argument');
  }
  const params = namedParameters(call.name);
  if (!params) throw noSuchFunction(call, typeName);
  const slots: (Expr | undefined)[] = call.args.slice(0, firstNamed);
  for (let i = firstNamed; i < call.args.length; i++) {
    const at = params.names.indexOf(names[i]!);
    if (at < 0 || at < firstNamed) throw noSuchFunction(call, typeName);
    if (slots[at] !== undefined) throw new SqlError(SQLSTATE.SyntaxError, `argument name "${names[i]}" used more than once`);
    slots[at] = call.args[i];
  }
  const firstDefault = params.names.length - params.defaults.length;
  const args: Expr[] = [];
  for (let i = 0; i < slots.length; i++) {
    const given = slots[i];
    if (given) {
      args.push(given);
      continue;
    }
    if (i < firstDefault) throw noSuchFunction(call, typeName);
    const value = params.defaults[i - firstDefault]!;
    args.push({ kind: 'Literal', type: typeof value === 'boolean' ? 'boolean' : 'string', value });
  }
  const { argNames: _, ...positional } = call;
  return { ...positional, args };
}
