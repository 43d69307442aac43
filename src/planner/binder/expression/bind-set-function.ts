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
import { recordResultFields } from './bind-record-result.js';
import { coerce } from './coerce.js';
import type { ExprContext } from './expr-context.js';

/** True if `call` names a set-returning function that is not also a scalar function. */
export function isSetFunction(call: FunctionCall, ctx: ExprContext): boolean {
  return !call.over && ctx.bind.registry.tableFunction(call.name) !== undefined && !ctx.bind.registry.scalar(call.name);
}

/** The call's output columns; `record` when it returns `record` (a row per value, even of one field). */
export interface BoundSetFunction {
  readonly columns: BoundColumnRef[];
  readonly record: boolean;
}

/** Binds the call and returns references to all of its output columns. */
export function bindSetFunction(call: FunctionCall, ctx: ExprContext): BoundSetFunction {
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
  const spec = resolved.overload.recordResult;
  const fields = spec ? recordResultFields(call.name, spec, resolved.paramTypes, { inFrom: false }) : undefined;
  const types = fields ? fields.map((f) => f.type) : resolved.overload.returns(resolved.paramTypes);
  const names = fields ? fields.map((f) => f.name) : types.map((_, i) => resolved.overload.columnNames?.[i] ?? call.name);
  const fn = { name: call.name, overload: resolved.overload, args: boundArgs, argTypes: resolved.paramTypes, ...(fields ? { fields } : {}) };
  return { columns: collector.add(fn, names, types, () => ctx.bind.newId()), record: fields !== undefined };
}

/** `(srf(…)).field`: one named output column of a multi-column set-returning function. */
export function bindSetFunctionField(call: FunctionCall, field: string, ctx: ExprContext): BoundColumnRef {
  const { columns } = bindSetFunction(call, ctx);
  const found = columns.find((c) => c.name === field);
  if (!found) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${field}" not found in data type record`, { position: ctx.bind.positionOf(field) });
  }
  return found;
}
