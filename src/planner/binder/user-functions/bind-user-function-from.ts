/**
 * A user SQL function in FROM: its body becomes a derived table over the arguments (which may
 * read items to their left, as functions in FROM may). SETOF functions give all the body's
 * rows; others their first. The columns are the OUT / TABLE parameters, a table's or a
 * composite's fields, or one column named for the function (or its alias).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { outputParameters } from '../../../catalog/user-functions.js';
import type { FunctionRef } from '../../../parser/ast.js';
import type { RecordField } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import type { OutputColumn } from '../../logical/logical-plan.js';
import type { BindContext } from '../bind-context.js';
import type { BoundFrom } from '../bind-from.js';
import { bindQuery } from '../bind-query.js';
import { coerce } from '../expression/coerce.js';
import { Scope } from '../scope.js';
import { bindPlpgsqlFrom } from './bind-plpgsql-call.js';
import { inputNames } from './bind-user-function-call.js';
import { bodyQuery, firstRowOnly } from './function-body.js';
import { withFunctionFrame } from './function-frame.js';
import { resolveUserCall, type UserCall } from './resolve-user-call.js';

function resultFields(call: UserCall): readonly RecordField[] | undefined {
  const outs = outputParameters(call.fn);
  if (outs.length > 1) return outs.map((o, i) => ({ name: o.name ?? `column${i + 1}`, type: o.type }));
  const fields = call.returnType.fields;
  return fields && fields.length > 0 ? fields : undefined;
}

/** `f(args)` in FROM for a user function; undefined when no user function fits. */
export function bindUserFunctionFrom(bind: BindContext, ref: FunctionRef, parent?: Scope): BoundFrom | undefined {
  const ctx = { bind, scope: new Scope([], parent), clause: 'functions in FROM' };
  const call = resolveUserCall(ref.call, ctx, false);
  if (!call) return undefined;
  if (call.fn.language === 'plpgsql') return bindPlpgsqlFrom(bind, ref, call);
  if (ref.withOrdinality || ref.columnDefs) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `${ref.withOrdinality ? 'WITH ORDINALITY' : 'a column definition list'} on SQL function "${call.fn.name}" is not supported`);
  }
  const alias = ref.alias ?? call.fn.name;
  const query = bodyQuery(call.fn);
  const frame = { fn: call.fn, names: inputNames(call), args: call.args };
  const plan = withFunctionFrame(bind, frame, () => bindQuery(bind, call.fn.setof ? query : firstRowOnly(query), new Scope([], undefined, { correlated: false })));
  const fields = resultFields(call) ?? (call.returnType.fields?.length === 0
    ? plan.output.map((c) => ({ name: c.name, type: c.type })) : [{ name: alias, type: call.returnType }]);
  if (fields.length !== plan.output.length) {
    throw new SqlError(SQLSTATE.InvalidFunctionDefinition, `return type mismatch in function declared to return ${fields.length > 1 ? 'record' : call.returnType.id}`,
      { detail: `Final statement returns ${plan.output.length > fields.length ? 'too many' : 'too few'} columns.` });
  }
  const exprs = plan.output.map((c, i): BoundExpr => coerce(bind, { kind: 'ColumnRef', type: c.type, id: c.id, name: c.name },
    fields[i]!.type, 'assignment', (from, to) => `return type mismatch in function declared to return ${to}: final statement returns ${from}`));
  const output: OutputColumn[] = fields.map((f, i) => ({
    id: bind.newId(), name: ref.columnAliases?.[i] ?? (fields.length === 1 && !resultFields(call) ? alias : f.name), type: exprs[i]!.type, tableOid: 0, attnum: 0,
  }));
  return { plan: { kind: 'Project', input: plan, exprs, output }, relations: [{ alias, columns: output }] };
}
