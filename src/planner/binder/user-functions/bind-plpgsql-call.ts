/**
 * A call of a PL/pgSQL function: never inlined (its body is statements, not a query), but a
 * call the executor makes per row through the session's RoutineRunner (engine/plpgsql/). In an
 * expression it is a volatile scalar call; in FROM, a function scan over the rows it returns.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { outputParameters } from '../../../catalog/user-functions.js';
import type { EvalContext, ScalarOverload, TableFunctionOverload } from '../../../functions/function-types.js';
import type { FunctionRef } from '../../../parser/ast.js';
import { recordType, type RecordField, type SqlType } from '../../../types/sql-type.js';
import type { StoredFunction } from '../../../types/stored-table.js';
import type { Value } from '../../../types/value.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import type { OutputColumn } from '../../logical/logical-plan.js';
import type { BindContext } from '../bind-context.js';
import type { BoundFrom } from '../bind-from.js';
import type { UserCall } from './resolve-user-call.js';

function runner(ctx: EvalContext, fn: StoredFunction): NonNullable<EvalContext['routines']> {
  if (!ctx.routines) throw new SqlError(SQLSTATE.FeatureNotSupported, `calling function "${fn.name}" is not supported here: LANGUAGE plpgsql needs a session`);
  return ctx.routines;
}

/** The fields of the function's result row: its OUT / TABLE parameters or its composite type; undefined for a scalar. */
export function plpgsqlResultFields(call: UserCall): readonly RecordField[] | undefined {
  const outs = outputParameters(call.fn);
  if (outs.length > 1) return outs.map((o, i) => ({ name: o.name ?? `column${i + 1}`, type: o.type }));
  if (outs.length === 1) return undefined;
  const fields = call.returnType.fields;
  return fields && fields.length > 0 ? fields : undefined;
}

/** The value type of a call: a record of several OUT parameters, the one OUT parameter's type, or the declared result. */
export function plpgsqlValueType(call: UserCall): SqlType {
  const outs = outputParameters(call.fn);
  if (outs.length > 1) return recordType(plpgsqlResultFields(call)!);
  return outs.length === 1 ? outs[0]!.type : call.returnType;
}

/** `f(args)` in an expression. */
export function bindPlpgsqlCall(call: UserCall): BoundExpr {
  const fn = call.fn;
  if (fn.returnsTrigger) throw new SqlError(SQLSTATE.FeatureNotSupported, 'trigger functions can only be called as triggers');
  if (fn.setof) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `set-returning PL/pgSQL function "${fn.name}" is supported in FROM only, not in an expression`);
  }
  const type = plpgsqlValueType(call);
  const overload: ScalarOverload = {
    args: call.args.map((a) => a.type), returns: type, volatility: 'volatile', strict: fn.strict,
    async vector(columns, rowCount, ctx, argTypes) {
      const out: Value[] = [];
      for (let r = 0; r < rowCount; r++) {
        const args = columns.map((c) => c[r]!);
        out.push(fn.strict && args.some((a) => a === null) ? null : await runner(ctx, fn).call(fn, args, argTypes, type));
      }
      return out;
    },
  };
  return { kind: 'Call', type, name: fn.name, overload, args: call.args };
}

/** `f(args)` in FROM: one column per result field, or one named for the function (or its alias). */
export function bindPlpgsqlFrom(bind: BindContext, ref: FunctionRef, call: UserCall): BoundFrom {
  const fn = call.fn;
  if (fn.returnsTrigger) throw new SqlError(SQLSTATE.FeatureNotSupported, 'trigger functions can only be called as triggers');
  if (ref.withOrdinality || ref.columnDefs) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `${ref.withOrdinality ? 'WITH ORDINALITY' : 'a column definition list'} on PL/pgSQL function "${fn.name}" is not supported`);
  }
  const alias = ref.alias ?? fn.name;
  const fields = plpgsqlResultFields(call);
  const valueType = plpgsqlValueType(call);
  const columns = fields ?? [{ name: alias, type: valueType }];
  const types = columns.map((c) => c.type);
  const overload: TableFunctionOverload = {
    args: call.args.map((a) => a.type), returns: () => types, strict: fn.strict,
    rows() { throw new SqlError(SQLSTATE.InternalError, 'a PL/pgSQL function scan is asynchronous'); },
    async rowsAsync(args, argTypes, ctx) {
      if (fn.setof) return runner(ctx, fn).callSet(fn, args, argTypes, valueType, types);
      const value = await runner(ctx, fn).call(fn, args, argTypes, valueType);
      if (!fields) return [[value]];
      return [value !== null && typeof value === 'object' && 'values' in value && !Array.isArray(value)
        ? [...(value as { values: readonly Value[] }).values] : types.map(() => null)];
    },
  };
  const output: OutputColumn[] = columns.map((c, i) => ({
    id: bind.newId(), name: ref.columnAliases?.[i] ?? c.name, type: c.type, tableOid: 0, attnum: 0,
  }));
  return {
    plan: { kind: 'FunctionScan', output, fn: { name: fn.name, overload, args: call.args, argTypes: call.args.map((a) => a.type) } },
    relations: [{ alias, columns: output }],
  };
}
