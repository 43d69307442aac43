/**
 * Small constructors for overload tables, so built-in families read as lists of signatures
 * (strict and immutable unless said otherwise, as most PostgreSQL built-ins are).
 */
import { arrayTypeOf, type SqlType } from '../types/sql-type.js';
import type { Value } from '../types/value.js';
import type {
  AggregateOverload, ArgSpec, EvalContext, ReturnTypeRule, ScalarOverload, Volatility,
} from './function-types.js';

export interface OverloadOptions {
  readonly volatility?: Volatility;
  readonly strict?: boolean;
  readonly variadic?: ArgSpec;
  readonly nullVariadicArray?: 'empty';
}

/** A per-row scalar overload. */
export function scalar(
  args: readonly ArgSpec[],
  returns: ReturnTypeRule,
  call: (args: readonly Value[], ctx: EvalContext, argTypes: readonly SqlType[]) => Value,
  options: OverloadOptions = {},
): ScalarOverload {
  return {
    args, returns, call,
    volatility: options.volatility ?? 'immutable',
    strict: options.strict ?? true,
    ...(options.variadic ? { variadic: options.variadic } : {}),
    ...(options.nullVariadicArray ? { nullVariadicArray: options.nullVariadicArray } : {}),
  };
}

/** An aggregate overload. */
export function aggregate(
  args: readonly ArgSpec[],
  returns: ReturnTypeRule,
  create: AggregateOverload['create'],
  strict = true,
  retainsInput = false,
): AggregateOverload {
  return { args, returns, create, strict, ...(retainsInput ? { retainsInput } : {}) };
}

/** Return-type rule: the type of argument `index`. */
export function argType(index: number): (args: readonly SqlType[]) => SqlType {
  // A function result never carries the argument's typmod: max(numeric(6,2)) is plain numeric.
  return (args) => ({ ...args[index]!, typmod: -1 });
}

/** Return-type rule: an array of argument `index`'s type. */
export function arrayOf(index: number): (args: readonly SqlType[]) => SqlType {
  // A record element keeps its fields (array_agg(q) of a subquery row names q's columns); a domain
  // element gives an array of its base type.
  return (args) => arrayTypeOf(args[index]!);
}
