/**
 * A call of a user SQL function in an expression, inlined: a body that is one `SELECT expr`
 * becomes that expression over the arguments; any other body becomes a scalar subquery over
 * its first row (correlated when the arguments read the caller's row). STRICT functions give
 * NULL for a NULL argument without evaluating the body. A function with several OUT
 * parameters gives a record of them.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { functionSignatureText, outputParameters } from '../../../catalog/user-functions.js';
import type { FunctionCall } from '../../../parser/ast.js';
import { T } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import type { LogicalPlan } from '../../logical/logical-plan.js';
import { bindQuery } from '../bind-query.js';
import { bindExpr } from '../expression/bind-expression.js';
import { buildRecord } from '../expression/bind-record.js';
import { coerce } from '../expression/coerce.js';
import type { ExprContext } from '../expression/expr-context.js';
import { Scope, type SubqueryBoundary } from '../scope.js';
import type { BindContext } from '../bind-context.js';
import { bindPlpgsqlCall } from './bind-plpgsql-call.js';
import { bodyQuery, firstRowOnly, inlinableExpression } from './function-body.js';
import { withFunctionFrame } from './function-frame.js';
import { resolveUserCall, type UserCall } from './resolve-user-call.js';

function returnMismatch(fn: UserCall['fn']): (from: string, to: string) => string {
  return (from, to) => `return type mismatch in function declared to return ${to}: final statement returns ${from} (function ${fn.name})`;
}

/** The body's result rows as the declared result: one column converted to the return type, or a record of the OUT parameters. */
export function shapeResult(bind: BindContext, call: UserCall, plan: LogicalPlan): LogicalPlan {
  const outs = outputParameters(call.fn);
  const refs: BoundExpr[] = plan.output.map((c) => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }));
  const fields = outs.length > 1 ? outs.map((o, i) => ({ name: o.name ?? `column${i + 1}`, type: o.type }))
    : call.returnType.fields && call.returnType.fields.length > 0 ? call.returnType.fields : undefined;
  let expr: BoundExpr;
  if (fields) {
    if (refs.length !== fields.length) {
      throw new SqlError(SQLSTATE.InvalidFunctionDefinition, `return type mismatch in function declared to return record`,
        { detail: `Final statement returns ${refs.length > fields.length ? 'too many' : 'too few'} columns.` });
    }
    const converted = refs.map((r, i) => coerce(bind, r, fields[i]!.type, 'assignment', returnMismatch(call.fn)));
    expr = buildRecord(converted, fields.map((f) => f.name));
  } else {
    if (refs.length !== 1) {
      throw new SqlError(SQLSTATE.InvalidFunctionDefinition, `return type mismatch in function declared to return ${call.returnType.id}`,
        { detail: 'Final statement must return exactly one column.' });
    }
    expr = coerce(bind, refs[0]!, call.returnType, 'assignment', returnMismatch(call.fn));
  }
  const column = { id: bind.newId(), name: call.fn.name, type: expr.type, tableOid: 0, attnum: 0 };
  return { kind: 'Project', input: plan, exprs: [expr], output: [column] };
}

/** NULL when any argument is NULL (STRICT), else `body`. */
function strictly(call: UserCall, body: BoundExpr): BoundExpr {
  if (!call.fn.strict || call.args.length === 0) return body;
  if (call.args.some((a) => a.kind === 'Constant' && a.value === null)) return { kind: 'Constant', type: body.type, value: null };
  const anyNull: BoundExpr = {
    kind: 'Or', type: T.bool, args: call.args.map((a) => ({ kind: 'IsNull', type: T.bool, operand: a, negated: false })),
  };
  return { kind: 'Case', type: body.type, whens: [{ when: anyNull, then: { kind: 'Constant', type: body.type, value: null } }], else: body };
}

function inlineBody(ctx: ExprContext, call: UserCall): BoundExpr {
  const query = bodyQuery(call.fn);
  const frame = { fn: call.fn, names: inputNames(call), args: call.args };
  const simple = outputParameters(call.fn).length <= 1 ? inlinableExpression(query) : undefined;
  if (simple) {
    const item = simple.columns[0]!;
    const expr = withFunctionFrame(ctx.bind, frame, () => bindExpr(item.kind === 'SelectExpr' ? item.expr : { kind: 'Literal', type: 'null', value: null },
      { bind: ctx.bind, scope: new Scope([]), clause: 'SELECT' }));
    return coerce(ctx.bind, expr, call.returnType, 'assignment', returnMismatch(call.fn));
  }
  const boundary: SubqueryBoundary = { correlated: false };
  const plan = withFunctionFrame(ctx.bind, frame, () => bindQuery(ctx.bind, firstRowOnly(query), new Scope([], undefined, boundary)));
  const shaped = shapeResult(ctx.bind, call, plan);
  return { kind: 'Subquery', type: shaped.output[0]!.type, mode: 'scalar', plan: shaped, negated: false, correlated: boundary.correlated };
}

/** Input parameter names by position. */
export function inputNames(call: UserCall): (string | undefined)[] {
  return call.fn.params.filter((p) => p.mode === 'i' || p.mode === 'b' || p.mode === 'v' || (call.fn.procedure && p.mode === 'o'))
    .map((p) => p.name);
}

/** A user function call as an expression; undefined when no user function fits (built-ins next). */
export function bindUserFunctionCall(call: FunctionCall, ctx: ExprContext): BoundExpr | undefined {
  const resolved = resolveUserCall(call, ctx, false);
  if (!resolved) {
    const procedure = resolveUserCall(call, ctx, true);
    if (procedure) {
      throw new SqlError(SQLSTATE.WrongObjectType, `${functionSignatureText(procedure.fn)} is a procedure`,
        { hint: 'To call a procedure, use CALL.', position: ctx.bind.positionOf(call.name) });
    }
    return undefined;
  }
  if (resolved.fn.language === 'plpgsql') return bindPlpgsqlCall(resolved);
  if (resolved.fn.setof) {
    throw new SqlError(SQLSTATE.FeatureNotSupported,
      `set-returning SQL function "${resolved.fn.name}" is supported in FROM only, not in an expression`);
  }
  if (resolved.fn.returns.id === 'void' && !resolved.fn.returns.fields) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `calling SQL function "${resolved.fn.name}" returning void is not supported`);
  }
  return strictly(resolved, inlineBody(ctx, resolved));
}

