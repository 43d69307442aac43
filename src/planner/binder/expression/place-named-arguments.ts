/**
 * A call with named arguments rewritten as a positional one (PostgreSQL's named notation):
 * each named argument goes to its parameter's place and the parameters left out take their
 * defaults. A name the function lacks, a parameter given twice or a missing one without a
 * default is PostgreSQL's 42883 `function f(a => integer) does not exist`.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { parameterNames } from '../../../functions/parameter-names.js';
import type { Expr, FunctionCall } from '../../../parser/ast.js';
import { formatTypeName } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';

/** The call with its arguments in parameter order; `bindArg` types them for the error message. */
export function placeNamedArguments(call: FunctionCall, bindArg: (e: Expr) => BoundExpr): FunctionCall {
  const argNames = call.argNames!;
  const params = parameterNames(call.name);
  const missing = () => {
    const shown = call.args.map((a, i) => `${argNames[i] !== undefined ? `${argNames[i]} => ` : ''}${formatTypeName(bindArg(a).type)}`);
    return new SqlError(SQLSTATE.UndefinedFunction, `function ${call.name}(${shown.join(', ')}) does not exist`,
      { hint: 'No function matches the given name and argument types. You might need to add explicit type casts.' });
  };
  if (!params) throw missing();
  const placed: (Expr | undefined)[] = new Array(params.names.length).fill(undefined);
  for (const [i, arg] of call.args.entries()) {
    const name = argNames[i];
    const index = name === undefined ? i : params.names.indexOf(name);
    if (index < 0 || index >= placed.length || placed[index] !== undefined) throw missing();
    placed[index] = arg;
  }
  const firstDefault = params.names.length - params.defaults.length;
  const args = placed.map((arg, i): Expr => {
    if (arg) return arg;
    if (i < firstDefault) throw missing();
    return { kind: 'Literal', type: 'number', value: params.defaults[i - firstDefault]! };
  });
  const { argNames: _names, ...rest } = call;
  return { ...rest, args };
}
