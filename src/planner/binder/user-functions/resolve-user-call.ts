/**
 * Which user function a call means: its arguments placed by position and name
 * (`f(1, b => 2)`, `b := 2`), skipped parameters given their DEFAULTs, then the overload
 * chosen by the same rules as built-ins (functions/resolve-overload.ts), polymorphic
 * parameters (anyelement, anyarray …) bound to the arguments' types. The plan records the
 * functions of that name it chose among, so a CREATE OR REPLACE / DROP re-plans.
 */
import { functionsKey, inputParameters, userFunctionsNamed } from '../../../catalog/user-functions.js';
import type { ArgSpec } from '../../../functions/function-types.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import type { Expr, FunctionCall } from '../../../parser/ast.js';
import type { PolymorphicType, StoredFunction } from '../../../types/stored-table.js';
import { arrayTypeOf, elementTypeOf, type SqlType } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { parseStoredExpr } from '../parse-stored-expr.js';
import { bindExpr } from '../expression/bind-expression.js';
import { coerce } from '../expression/coerce.js';
import type { ExprContext } from '../expression/expr-context.js';
import { Scope } from '../scope.js';

/** A resolved call: the function, its arguments converted to the parameter types, its result type. */
export interface UserCall {
  readonly fn: StoredFunction;
  readonly args: readonly BoundExpr[];
  readonly returnType: SqlType;
}

const POLY_SPECS: Readonly<Record<PolymorphicType, ArgSpec>> = {
  anyelement: 'anyelement', anynonarray: 'anyelement', anycompatible: 'anyelement',
  anyarray: 'anyarray', anycompatiblearray: 'anyarray', anyenum: 'anyenum', any: 'any',
};

/** The call's arguments in parameter order (defaults as stored expressions), or undefined if they do not fit. */
function placeArguments(fn: StoredFunction, call: FunctionCall): Expr[] | undefined {
  const params = inputParameters(fn);
  if (call.args.length > params.length) return undefined;
  const slots: (Expr | undefined)[] = new Array<Expr | undefined>(params.length).fill(undefined);
  for (let i = 0; i < call.args.length; i++) {
    const name = call.argNames?.[i];
    const at = name === undefined ? i : params.findIndex((p) => p.name === name);
    if (at < 0 || slots[at] !== undefined) return undefined;
    slots[at] = call.args[i];
  }
  const placed: Expr[] = [];
  for (let i = 0; i < params.length; i++) {
    const given = slots[i];
    if (given) placed.push(given);
    else if (params[i]!.default !== undefined) placed.push(parseStoredExpr(params[i]!.default!, 'a parameter default'));
    else return undefined;
  }
  return placed;
}

interface Candidate {
  readonly fn: StoredFunction;
  readonly args: readonly ArgSpec[];
  readonly placed: readonly Expr[];
}

function returnTypeOf(fn: StoredFunction, paramTypes: readonly SqlType[]): SqlType {
  if (!fn.returnsPoly) return fn.returns;
  const params = inputParameters(fn);
  const at = params.findIndex((p) => p.poly !== undefined && p.poly !== 'any');
  if (at < 0) return fn.returns;
  const bound = paramTypes[at]!;
  const element = POLY_SPECS[params[at]!.poly!] === 'anyarray' ? elementTypeOf(bound) : bound;
  return POLY_SPECS[fn.returnsPoly] === 'anyarray' ? arrayTypeOf(element) : element;
}

/**
 * The user function (or procedure, when `procedures`; aggregate, when `aggregates`) `call` resolves to; undefined when none of
 * that name fits, so built-ins get their turn (and their 42883).
 */
export function resolveUserCall(call: FunctionCall, ctx: ExprContext, procedures: boolean, aggregates = false): UserCall | undefined {
  if (call.schema !== undefined && call.schema !== 'public') return undefined;
  const objects = ctx.bind.plan.txn.listObjects();
  const named = userFunctionsNamed(objects, call.name).filter((f) => f.procedure === procedures && (f.aggregate !== undefined) === aggregates);
  if (named.length === 0) return undefined;
  ctx.bind.dependencies.push({ kind: 'functions', name: call.name, key: functionsKey(objects, call.name) });
  const bound = new Map<Expr, BoundExpr>();
  const bindOnce = (e: Expr): BoundExpr => {
    let b = bound.get(e);
    if (!b) {
      // Defaults are bound without the caller's columns in scope.
      const own = call.args.includes(e) ? ctx : { ...ctx, scope: new Scope([]) };
      b = bindExpr(e, own);
      bound.set(e, b);
    }
    return b;
  };
  const candidates: Candidate[] = [];
  for (const fn of named) {
    const placed = placeArguments(fn, call);
    if (!placed) continue;
    const args = inputParameters(fn).map((p) => (p.poly ? POLY_SPECS[p.poly] : p.type));
    candidates.push({ fn, args, placed });
  }
  const byArity = new Map<number, Candidate[]>();
  for (const c of candidates) byArity.set(c.placed.length, [...(byArity.get(c.placed.length) ?? []), c]);
  for (const group of [...byArity.values()]) {
    const types = group[0]!.placed.map((e) => bindOnce(e).type);
    const resolved = resolveOverload(group, types);
    if (!resolved) continue;
    const { fn, placed } = resolved.overload;
    const args = placed.map((e, i) => {
      return coerce(ctx.bind, bindOnce(e), resolved.paramTypes[i]!, 'implicit', () => '');
    });
    return { fn, args, returnType: returnTypeOf(fn, resolved.paramTypes) };
  }
  return undefined;
}
