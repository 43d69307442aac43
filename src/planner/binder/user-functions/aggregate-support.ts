/**
 * A user aggregate's support functions bound for one set of argument types: the transition
 * `sfunc(state, args…)`, the final `finalfunc(state[, NULL…])` and INITCOND as a state value.
 * Each call is written as a function call over placeholder columns and bound like any call,
 * so built-ins, inlined SQL functions and PL/pgSQL functions serve alike, overloads and
 * polymorphic parameters resolved as PostgreSQL resolves them. CREATE AGGREGATE binds it once
 * to check the functions (42883 / 42804); each call of the aggregate binds it for its types.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { ColumnRef, FunctionCall } from '../../../parser/ast.js';
import { arrayTypeOf, elementTypeOf, formatTypeName, sameType, T, type SqlType } from '../../../types/sql-type.js';
import type { PolymorphicType, StoredAggregate, StoredFunctionRef } from '../../../types/stored-table.js';
import type { BoundExpr, BoundUserAggregate } from '../../logical/bound-expr.js';
import type { BindContext } from '../bind-context.js';
import { bindExpr } from '../expression/bind-expression.js';
import { coerce } from '../expression/coerce.js';
import type { ExprContext } from '../expression/expr-context.js';
import { Scope, type ScopeColumn } from '../scope.js';
import { resolveUserCall } from './resolve-user-call.js';

const ARRAY_POLY = new Set<PolymorphicType>(['anyarray', 'anycompatiblearray']);

/** The state type for these argument types: the declared one, or a polymorphic one bound by the first polymorphic argument. */
export function stateTypeFor(agg: StoredAggregate, params: readonly { poly?: PolymorphicType }[], argTypes: readonly SqlType[]): SqlType {
  if (!agg.stypePoly) return agg.stype;
  const at = params.findIndex((p) => p.poly !== undefined && p.poly !== 'any');
  if (at < 0) {
    throw new SqlError(SQLSTATE.InvalidFunctionDefinition, 'cannot determine transition data type',
      { detail: 'An aggregate using a polymorphic transition type must have at least one polymorphic argument.' });
  }
  const bound = argTypes[at]!;
  const element = ARRAY_POLY.has(params[at]!.poly!) ? elementTypeOf(bound) : bound;
  return ARRAY_POLY.has(agg.stypePoly) ? arrayTypeOf(element) : element;
}

/** A column only the support call reads (its value is given per call). */
export function placeholder(bind: BindContext, name: string, type: SqlType): ScopeColumn {
  return { id: bind.newId(), name, type, tableOid: 0, attnum: 0 };
}

function columnRef(c: ScopeColumn): ColumnRef {
  return { kind: 'ColumnRef', column: c.name };
}

function callOf(ref: StoredFunctionRef, args: readonly ScopeColumn[]): FunctionCall {
  return { kind: 'FunctionCall', name: ref.name, ...(ref.schema ? { schema: ref.schema } : {}), args: args.map(columnRef), star: false, distinct: false };
}

/** Binds `ref(columns…)`; `strict` says whether the function chosen is STRICT. */
export function bindSupportCall(bind: BindContext, ref: StoredFunctionRef, columns: readonly ScopeColumn[]): { expr: BoundExpr; strict: boolean } {
  const ctx: ExprContext = { bind, scope: new Scope([{ columns }]), clause: 'aggregate support functions' };
  const call = callOf(ref, columns);
  const expr = bindExpr(call, ctx);
  const user = resolveUserCall(call, ctx, false);
  const strict = user ? user.fn.strict : expr.kind === 'Call' && expr.overload.strict;
  return { expr, strict };
}

/** The bound support functions and the aggregate's result type for one set of argument types. */
export function bindAggregateSupport(bind: BindContext, agg: StoredAggregate, argTypes: readonly SqlType[],
  stateType: SqlType): { user: BoundUserAggregate; type: SqlType } {
  const state = placeholder(bind, '*state*', stateType);
  const args = argTypes.map((t, i) => placeholder(bind, `*arg${i + 1}*`, t));
  const transition = bindSupportCall(bind, agg.sfunc, [state, ...args]);
  if (!sameType({ ...transition.expr.type, typmod: -1 }, { ...stateType, typmod: -1 })) {
    throw new SqlError(SQLSTATE.DatatypeMismatch, `return type of transition function ${agg.sfunc.name} is not ${formatTypeName(stateType)}`);
  }
  if (transition.strict && agg.initcond === undefined && argTypes.length > 0 && !sameType(argTypes[0]!, stateType)) {
    throw new SqlError(SQLSTATE.InvalidFunctionDefinition,
      'must not omit initial value when transition function is strict and transition type is not compatible with input type');
  }
  const final = agg.finalfunc ? bindSupportCall(bind, agg.finalfunc, agg.finalExtra ? [state, ...args] : [state]).expr : undefined;
  const init = agg.initcond === undefined ? undefined
    : coerce(bind, { kind: 'Constant', type: T.unknown, value: agg.initcond }, stateType, 'explicit', () => '');
  return {
    user: {
      stateId: state.id, argIds: args.map((a) => a.id), transition: transition.expr, strict: transition.strict,
      ...(init ? { init } : {}), ...(final ? { final } : {}),
    },
    type: final?.type ?? stateType,
  };
}
