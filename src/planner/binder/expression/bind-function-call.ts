/**
 * Function calls: aggregates (collected into the SELECT level's LogicalAggregate, with
 * DISTINCT, FILTER, ORDER BY and WITHIN GROUP), the special forms COALESCE / NULLIF / GREATEST / LEAST /
 * pg_typeof, and scalar functions resolved from the registry (42883 with PostgreSQL's hint
 * when nothing matches).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { FunctionCall } from '../../../parser/ast.js';
import { resolveOverload } from '../../../functions/resolve-overload.js';
import { returnTypeOf } from '../../../functions/function-types.js';
import { selectCommonType } from '../../../functions/type-resolution.js';
import { formatTypeName, recordType, T, type SqlType } from '../../../types/sql-type.js';
import type { BoundExpr, SortKey } from '../../logical/bound-expr.js';
import { exprKey } from '../../logical/expr-key.js';
import { bindExpr } from './bind-expression.js';
import { coerce, coerceToBool, resolveUnknown } from './coerce.js';
import type { ExprContext } from './expr-context.js';
import { bindWindowCall } from './bind-window-call.js';
import { bindSetFunction, isSetFunction } from './bind-set-function.js';
import { bindRow, buildRecord } from './bind-record.js';
import { bindCast } from './bind-cast.js';
import { bindTypeRef } from './bind-type-ref.js';
import { bindVariadicCall } from './bind-variadic-call.js';
import { positionalCall } from './positional-call.js';
import { bindUserFunctionCall } from '../user-functions/bind-user-function-call.js';
import { bindOrderedSetArgs, refuseWithoutWithinGroup } from './bind-ordered-set-args.js';
import { recordResultFields, withRecordFields } from './bind-record-result.js';
import { outerAggregateLevel } from '../aggregate-level.js';
import { hasUserAggregate, resolveUserAggregate } from '../user-functions/bind-user-aggregate.js';

function functionMissing(name: string, args: readonly BoundExpr[], position?: number): SqlError {
  return new SqlError(SQLSTATE.UndefinedFunction,
    `function ${name}(${args.map((a) => formatTypeName(a.type)).join(', ')}) does not exist`, {
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
      position,
    });
}

/** 42725: more than one candidate fits equally well (`sum('a')`). */
function functionNotUnique(name: string, args: readonly BoundExpr[], position?: number): SqlError {
  return new SqlError(SQLSTATE.AmbiguousFunction,
    `function ${name}(${args.map((a) => formatTypeName(a.type)).join(', ')}) is not unique`, {
      hint: 'Could not choose a best candidate function. You might need to add explicit type casts.',
      position,
    });
}

/** Binds expressions to one common type (CASE/COALESCE/GREATEST rules); 42804 on mismatch. */
export function bindCommon(ctx: ExprContext, args: readonly BoundExpr[], what: string): BoundExpr[] {
  const target = selectCommonType(args.map((a) => a.type));
  if (!target) {
    const names = [...new Set(args.map((a) => formatTypeName(a.type)))];
    throw new SqlError(SQLSTATE.DatatypeMismatch, `${what} types ${names[0]} and ${names[1]} cannot be matched`);
  }
  return args.map((a) => coerce(ctx.bind, a, target, 'implicit',
    (from, to) => `${what} types ${to} and ${from} cannot be matched`));
}

function bindSpecial(call: FunctionCall, ctx: ExprContext): BoundExpr | undefined {
  const name = call.name;
  if (!['coalesce', 'nullif', 'greatest', 'least', 'pg_typeof'].includes(name)) return undefined;
  const args = call.args.map((a) => bindExpr(a, ctx));
  if (name === 'pg_typeof') {
    if (args.length !== 1) throw functionMissing(name, args);
    // regtype output: the type without its typmod (pg_typeof('ab'::varchar(5)) is character varying).
    return { kind: 'Constant', type: T.text, value: formatTypeName({ ...args[0]!.type, typmod: -1 }) };
  }
  if (name === 'nullif') {
    if (args.length !== 2) throw functionMissing(name, args);
    const [l, r] = bindCommon(ctx, args, 'NULLIF') as [BoundExpr, BoundExpr];
    return { kind: 'NullIf', type: l.type, left: l, right: r };
  }
  if (args.length === 0) throw functionMissing(name, args);
  const unified = bindCommon(ctx, args, name.toUpperCase());
  const type = unified[0]!.type;
  if (name === 'coalesce') return { kind: 'Coalesce', type, args: unified };
  return { kind: 'MinMax', type, op: name as 'greatest' | 'least', args: unified };
}

/** `count()`: PostgreSQL insists on `count(*)` for an aggregate without arguments. */
export function parameterlessWithoutStar(name: string): SqlError {
  return new SqlError(SQLSTATE.WrongObjectType, `${name}(*) must be used to call a parameterless aggregate function`);
}

function bindAggregate(call: FunctionCall, ctx: ExprContext): BoundExpr {
  const local = ctx.aggregates;
  if (local?.inside) throw new SqlError(SQLSTATE.GroupingError, 'aggregate function calls cannot be nested');
  if (local) local.inside = true;
  try {
    const inner: ExprContext = { ...ctx, aggregates: undefined, windows: undefined, setFunctions: undefined, clause: 'aggregate function calls' };
    /** The level whose aggregate node computes the call: an outer one when only its columns are used. */
    const collectorFor = (exprs: readonly BoundExpr[]) => {
      const outer = outerAggregateLevel(ctx.scope, exprs);
      if (outer?.collector.inside) throw new SqlError(SQLSTATE.GroupingError, 'aggregate function calls cannot be nested');
      const collector = outer?.collector ?? local;
      if (!collector) {
        throw new SqlError(SQLSTATE.GroupingError, `aggregate functions are not allowed in ${ctx.clause}`,
          { position: ctx.bind.positionOf(call.name) });
      }
      outer?.markCorrelated();
      return collector;
    };
    const bindFilter = () => (call.filter ? coerceToBool(ctx.bind, bindExpr(call.filter, inner), 'FILTER') : undefined);
    if (call.withinGroup) {
      const bound = bindOrderedSetArgs(call, inner, (args) => functionMissing(call.name, args, ctx.bind.positionOf(call.name)));
      const where = bindFilter();
      return collectorFor([...bound.args, ...(where ? [where] : [])]).add({
        name: call.name, type: bound.type, overload: bound.overload, args: bound.args, distinct: false,
        ...(where ? { filter: where } : {}), orderBy: bound.orderBy,
      }, () => ctx.bind.newId());
    }
    const userAggregate = resolveUserAggregate(call, inner);
    // Untyped literals stay unknown until an overload is chosen: string_agg(bytea_col, '') is bytea.
    const args = userAggregate ? [...userAggregate.args] : call.star ? [] : call.args.map((a) => bindExpr(a, inner));
    const builtins = ctx.bind.registry.aggregate(call.name);
    const resolved = userAggregate ? { overload: userAggregate.overload, paramTypes: userAggregate.overload.args as SqlType[], ambiguous: false }
      : builtins && resolveOverload(builtins, args.map((a) => a.type));
    if (!resolved) throw functionMissing(call.name, args, ctx.bind.positionOf(call.name));
    if (resolved.ambiguous) throw functionNotUnique(call.name, args, ctx.bind.positionOf(call.name));
    if (!call.star && args.length === 0) throw parameterlessWithoutStar(call.name);
    const filter = bindFilter();
    const orderBy: SortKey[] | undefined = call.orderBy?.map((item) => ({
      expr: resolveUnknown(ctx.bind, bindExpr(item.expr, inner)),
      descending: item.direction === 'DESC',
      nullsFirst: item.nulls ? item.nulls === 'FIRST' : item.direction === 'DESC',
    }));
    if (call.distinct && orderBy) {
      // DISTINCT compares the arguments only, so an ORDER BY key must be one of them.
      const argKeys = new Set(args.map((a) => exprKey(resolveUnknown(ctx.bind, a))));
      if (orderBy.some((k) => !argKeys.has(exprKey(k.expr)))) {
        throw new SqlError(SQLSTATE.InvalidColumnReference, 'in an aggregate with DISTINCT, ORDER BY expressions must appear in argument list');
      }
    }
    const collector = collectorFor([...args, ...(filter ? [filter] : []), ...(orderBy ?? []).map((k) => k.expr)]);
    return collector.add({
      name: call.name,
      type: returnTypeOf(resolved.overload.returns, resolved.paramTypes),
      overload: resolved.overload,
      args: args.map((a, i) => coerce(ctx.bind, a, resolved.paramTypes[i]!, 'implicit', () => '')),
      distinct: call.distinct,
      ...(filter ? { filter } : {}),
      ...(orderBy && orderBy.length > 0 ? { orderBy } : {}),
      ...(userAggregate ? { user: userAggregate.user } : {}),
    }, () => ctx.bind.newId());
  } finally {
    if (local) local.inside = false;
  }
}

export function bindFunctionCall(named: FunctionCall, ctx: ExprContext): BoundExpr {
  const user = named.over ? undefined : bindUserFunctionCall(named, ctx);
  if (user) return user;
  const call = positionalCall(named, (e) => formatTypeName(bindExpr(e, ctx).type));
  // information_schema's own functions (_pg_expandarray) are registered under their bare names.
  const infoSchemaFn = call.schema === 'information_schema' && call.name.startsWith('_pg_');
  if (call.schema && call.schema !== 'pg_catalog' && call.schema !== 'public' && !infoSchemaFn) {
    throw new SqlError(SQLSTATE.InvalidSchemaName, `schema "${call.schema}" does not exist`);
  }
  if (call.over && (call.withinGroup || (ctx.bind.registry.orderedSet(call.name) && !ctx.bind.registry.window(call.name)))) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `OVER is not supported for ordered-set aggregate ${call.name}`,
      { position: ctx.bind.positionOf(call.name) });
  }
  if (call.over) return bindWindowCall(call, ctx);
  if (call.name === 'row' && !call.schema) return bindRow({ kind: 'Row', fields: call.args }, ctx);
  const special = bindSpecial(call, ctx);
  if (special) return special;
  if (call.variadic) {
    if (ctx.bind.registry.aggregate(call.name) || isSetFunction(call, ctx)) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, `VARIADIC arguments of ${call.name}() are not supported`);
    }
    return bindVariadicCall(call, ctx);
  }
  if (call.withinGroup) return bindAggregate(call, ctx);
  if (ctx.bind.registry.aggregate(call.name) || hasUserAggregate(ctx, call)) return bindAggregate(call, ctx);
  refuseWithoutWithinGroup(call, ctx);
  if (ctx.bind.registry.window(call.name) && !ctx.bind.registry.scalar(call.name)) {
    throw new SqlError(SQLSTATE.WrongObjectType, `window function ${call.name} requires an OVER clause`,
      { position: ctx.bind.positionOf(call.name) });
  }
  if (isSetFunction(call, ctx)) {
    const { columns, record } = bindSetFunction(call, ctx);
    // A multi-column function used as a value is a record of its columns (pg_typeof: record).
    return columns.length === 1 && !record ? columns[0]! : buildRecord(columns, columns.map((c) => c.name));
  }
  const functionStyleCast = bindFunctionStyleCast(call, ctx);
  if (functionStyleCast) return functionStyleCast;
  const args = call.args.map((a) => bindExpr(a, ctx));
  if (call.distinct || call.star) {
    throw new SqlError(SQLSTATE.WrongObjectType, `DISTINCT specified, but ${call.name} is not an aggregate function`);
  }
  const overloads = ctx.bind.registry.scalar(call.name);
  const resolved = overloads && resolveOverload(overloads, args.map((a) => a.type));
  if (!resolved) throw functionMissing(call.name, args, ctx.bind.positionOf(call.name));
  if (resolved.ambiguous) throw functionNotUnique(call.name, args, ctx.bind.positionOf(call.name));
  const bound = args.map((a, i) => coerce(ctx.bind, a, resolved.paramTypes[i]!, 'implicit', () => ''));
  const spec = resolved.overload.recordResult;
  if (spec) {
    const fields = recordResultFields(call.name, spec, resolved.paramTypes, { inFrom: false });
    const type = recordType(fields);
    return { kind: 'Call', type, name: call.name, overload: withRecordFields(resolved.overload, fields, type), args: bound };
  }
  return {
    kind: 'Call', type: returnTypeOf(resolved.overload.returns, resolved.paramTypes),
    name: call.name, overload: resolved.overload, args: bound,
  };
}

/**
 * `float8(x)`, `int4('12')`: a one-argument call of a type name that is no function is a cast
 * to that type, as PostgreSQL's function lookup falls back to (FUNCDETAIL_COERCION).
 */
function bindFunctionStyleCast(call: FunctionCall, ctx: ExprContext): BoundExpr | undefined {
  if (call.args.length !== 1 || call.star || call.distinct || call.variadic || ctx.bind.registry.scalar(call.name)) return undefined;
  const target = { name: call.name, modifiers: [], arrayDims: 0, ...(call.schema && call.schema !== 'pg_catalog' ? { schema: call.schema } : {}) };
  try {
    bindTypeRef(target, (n) => ctx.bind.lookupType(n));
  } catch {
    return undefined;
  }
  return bindCast({ kind: 'Cast', operand: call.args[0]!, target }, ctx);
}
