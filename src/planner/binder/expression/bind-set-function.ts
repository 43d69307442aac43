/**
 * Set-returning functions in the select list (`SELECT unnest(a)`, `generate_series(1, 3)`,
 * `(information_schema._pg_expandarray(indkey)).n`): the call goes to the SELECT level's
 * SetFunctionCollector (LogicalProjectSet) and the call site reads one of its columns.
 * Elsewhere (WHERE, JOIN ON, arguments of another set-returning function) it is 0A000.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { FunctionCall } from '../../../parser/ast.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import { formatTypeName } from '../../../types/sql-type.js';
import type { BoundColumnRef } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { coerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

/** True if `call` names a set-returning function that is not also a scalar function. */
export function isSetFunction(call: FunctionCall, ctx: ExprContext): boolean {
  return !call.over && ctx.bind.registry.tableFunction(call.name) !== undefined && !ctx.bind.registry.scalar(call.name);
}

/** Binds the call and returns references to all of its output columns. */
export function bindSetFunction(call: FunctionCall, ctx: ExprContext): BoundColumnRef[] {
  const collector = ctx.setFunctions;
  if (!collector) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `set-returning functions are not allowed in ${ctx.clause}`,
      { position: ctx.bind.positionOf(call.name) });
  }
  const inner: ExprContext = { ...ctx, setFunctions: undefined, clause: 'arguments of set-returning functions' };
  const args = call.args.map((a) => bindExpr(a, inner));
  const resolved = resolveOverload(ctx.bind.registry.tableFunction(call.name)!, args.map((a) => a.type));
  if (!resolved) {
    throw new SqlError(SQLSTATE.UndefinedFunction,
      `function ${call.name}(${args.map((a) => formatTypeName(a.type)).join(', ')}) does not exist`, {
        hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
        position: ctx.bind.positionOf(call.name),
      });
  }
  const boundArgs = args.map((a, i) => coerce(ctx.bind, a, resolved.paramTypes[i]!, 'implicit', () => ''));
  const types = resolved.overload.returns(resolved.paramTypes);
  const names = types.map((_, i) => resolved.overload.columnNames?.[i] ?? call.name);
  return collector.add({ name: call.name, overload: resolved.overload, args: boundArgs, argTypes: resolved.paramTypes },
    names, types, () => ctx.bind.newId());
}

/** `(srf(…)).field`: one named output column of a multi-column set-returning function. */
export function bindSetFunctionField(call: FunctionCall, field: string, ctx: ExprContext): BoundColumnRef {
  const columns = bindSetFunction(call, ctx);
  const found = columns.find((c) => c.name === field);
  if (!found) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${field}" not found in data type record`, { position: ctx.bind.positionOf(field) });
  }
  return found;
}
