/**
 * AST of the statements that define and call user functions and procedures: CREATE [OR
 * REPLACE] FUNCTION / PROCEDURE, DROP FUNCTION / PROCEDURE, ALTER FUNCTION … RENAME TO, CALL.
 * Part of ast.ts's `Statement`.
 */
import type { Expr, FunctionCall, TypeRef } from './ast.js';

/** A parameter's mode as pg_proc.proargmodes spells it: i(n), o(ut), b (inout), v(ariadic), t(able). */
export type ParameterMode = 'i' | 'o' | 'b' | 'v' | 't';

/** One declared parameter (RETURNS TABLE columns are parameters of mode 't', as in PostgreSQL). */
export interface FunctionParameterDef {
  readonly name?: string;
  readonly type: TypeRef;
  readonly mode: ParameterMode;
  readonly default?: Expr;
}

/** `CREATE [OR REPLACE] FUNCTION|PROCEDURE name(params) [RETURNS [SETOF] type] … AS body`. */
export interface CreateFunction {
  readonly kind: 'CreateFunction';
  readonly name: string;
  readonly replace: boolean;
  readonly procedure: boolean;
  readonly params: readonly FunctionParameterDef[];
  /** Absent for procedures and for functions whose OUT parameters give the result. */
  readonly returns?: TypeRef;
  readonly setof: boolean;
  /** `sql`, `plpgsql`, … lower-cased. */
  readonly language: string;
  /** The body's SQL text (`AS '…'`, `AS $$…$$`, or the statements of BEGIN ATOMIC … END). */
  readonly body: string;
  /** True for `BEGIN ATOMIC … END` (pg_proc.prosqlbody rather than prosrc). */
  readonly atomic: boolean;
  readonly volatility: 'i' | 's' | 'v';
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  readonly cost?: number;
  readonly rows?: number;
}

/** One `name = value` of CREATE AGGREGATE's definition list (`hypothetical` alone: value absent). */
export interface AggregateOption {
  readonly name: string;
  /** A type or function name (`stype = int8`, `sfunc = f`, `sfunc = f(int8, int4)`). */
  readonly ref?: { readonly name: string; readonly schema?: string; readonly type: TypeRef };
  /** A string or number written as such (`initcond = '0'`), or an operator (`sortop = <`). */
  readonly text?: string;
}

/**
 * `CREATE [OR REPLACE] AGGREGATE name (args) (options)`, or the old style
 * `CREATE AGGREGATE name (BASETYPE = t, …)` (`args` absent; BASETYPE among the options).
 * `star`: `name (*)`. `directArgs`: ordered-set aggregates' count of arguments before ORDER BY.
 */
export interface CreateAggregate {
  readonly kind: 'CreateAggregate';
  readonly name: string;
  readonly replace: boolean;
  readonly args?: readonly TypeRef[];
  readonly star: boolean;
  readonly directArgs?: number;
  readonly options: readonly AggregateOption[];
}

/** `CREATE OPERATOR symbol (FUNCTION = f, LEFTARG = t, RIGHTARG = t, COMMUTATOR = op, …)`. */
export interface CreateOperator {
  readonly kind: 'CreateOperator';
  readonly name: string;
  readonly options: readonly AggregateOption[];
}

/** `DROP OPERATOR [IF EXISTS] symbol (left | NONE, right), …`. */
export interface DropOperator {
  readonly kind: 'DropOperator';
  readonly operators: readonly { readonly name: string; readonly left?: TypeRef; readonly right: TypeRef }[];
  readonly ifExists: boolean;
}

/** A function named with an optional argument type list (`f`, `f(int, text)`). */
export interface FunctionSignature {
  readonly name: string;
  /** Absent when no parenthesised list was written. */
  readonly argTypes?: readonly TypeRef[];
}

/** `DROP FUNCTION|PROCEDURE [IF EXISTS] f(types), …  [CASCADE|RESTRICT]`. */
export interface DropFunction {
  readonly kind: 'DropFunction';
  readonly procedure: boolean;
  /** DROP ROUTINE matches functions and procedures alike; DROP AGGREGATE only aggregates. */
  readonly kindWritten: 'function' | 'procedure' | 'routine' | 'aggregate';
  readonly functions: readonly FunctionSignature[];
  readonly ifExists: boolean;
  /** CASCADE: the triggers using the function go with it. */
  readonly cascade?: boolean;
}

/** `ALTER FUNCTION|PROCEDURE f(types) RENAME TO name`. */
export interface RenameFunction {
  readonly kind: 'RenameFunction';
  readonly procedure: boolean;
  readonly function: FunctionSignature;
  readonly newName: string;
}

/** `CALL p(args)`. */
export interface CallProcedure {
  readonly kind: 'CallProcedure';
  readonly call: FunctionCall;
}

export type FunctionStatement = CreateFunction | DropFunction | RenameFunction | CallProcedure | CreateAggregate | CreateOperator | DropOperator;

/** `DO $$ … $$`: an anonymous PL/pgSQL block, run by the engine's interpreter (engine/plpgsql/). */
export interface DoBlock {
  readonly kind: 'DoBlock';
  readonly body: string;
}
