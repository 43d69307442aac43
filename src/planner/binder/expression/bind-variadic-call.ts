/**
 * `f(a, VARIADIC arr)`: the array is passed whole in place of a variadic function's trailing
 * arguments (json_build_object(VARIADIC '{a,1}'::text[]), json_extract_path(j, VARIADIC p)).
 * The overload is resolved with the array standing for its variadic parameter (`"any"` takes
 * any array); at run time the array's elements become the arguments, typed as its elements,
 * and a NULL array gives NULL, as PostgreSQL's functions answer it, except for overloads marked
 * `nullVariadicArray: 'empty'` (format), which then see no trailing arguments.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { ScalarOverload } from '../../../functions/function-types.js';
import { returnTypeOf } from '../../../functions/function-types.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import { arrayItems } from '../../../functions/array-values.js';
import type { FunctionCall } from '../../../parser/ast.js';
import { elementTypeOf, formatTypeName, type SqlType } from '../../../types/sql-type.js';
import type { Value } from '../../../types/value.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { coerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

interface Candidate {
  readonly args: ScalarOverload['args'];
  readonly original: ScalarOverload;
}

/** The overload as a fixed-arity signature whose last parameter is the variadic array. */
function asArraySignature(o: ScalarOverload): Candidate {
  const spec = o.variadic!;
  const array = typeof spec === 'string' ? 'anyarray' : { ...spec, array: true };
  return { args: [...o.args, array], original: o };
}

/** Calls `original` with the array's elements spread as its trailing arguments. */
function spreadingOverload(original: ScalarOverload, returns: SqlType): ScalarOverload {
  return {
    args: original.args, returns, volatility: original.volatility, strict: false,
    call: (args, ctx, types) => {
      const array = args[args.length - 1]!;
      if (array === null && original.nullVariadicArray !== 'empty') return null;
      const fixed = args.slice(0, -1);
      if (original.strict && fixed.some((v) => v === null)) return null;
      const items = array === null ? [] : arrayItems(array);
      const element = elementTypeOf(types[types.length - 1]!);
      const values: Value[] = [...fixed, ...items];
      if (original.strict && items.some((v) => v === null)) return null;
      return original.call!(values, ctx, [...types.slice(0, -1), ...items.map(() => element)]);
    },
  };
}

export function bindVariadicCall(call: FunctionCall, ctx: ExprContext): BoundExpr {
  const args = call.args.map((a) => bindExpr(a, ctx));
  const last = args[args.length - 1];
  if (last && !last.type.array && last.type.id !== 'unknown') {
    throw new SqlError(SQLSTATE.DatatypeMismatch, 'VARIADIC argument must be an array');
  }
  const candidates = (ctx.bind.registry.scalar(call.name) ?? []).filter((o) => o.variadic !== undefined && o.call).map(asArraySignature);
  const resolved = resolveOverload(candidates, args.map((a) => a.type));
  if (!resolved) {
    throw new SqlError(SQLSTATE.UndefinedFunction, `function ${call.name}(${args.map((a) => formatTypeName(a.type)).join(', ')}) does not exist`, {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
      position: ctx.bind.positionOf(call.name),
    });
  }
  const bound = args.map((a, i) => coerce(ctx.bind, a, resolved.paramTypes[i]!, 'implicit', () => ''));
  const type = returnTypeOf(resolved.overload.original.returns, resolved.paramTypes.slice(0, -1));
  return { kind: 'Call', type, name: call.name, overload: spreadingOverload(resolved.overload.original, type), args: bound };
}
