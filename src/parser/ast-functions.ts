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
  /** DROP ROUTINE matches functions and procedures alike. */
  readonly kindWritten: 'function' | 'procedure' | 'routine';
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

export type FunctionStatement = CreateFunction | DropFunction | RenameFunction | CallProcedure;

/** `DO $$ … $$`: an anonymous PL/pgSQL block, run by the engine's interpreter (engine/plpgsql/). */
export interface DoBlock {
  readonly kind: 'DoBlock';
  readonly body: string;
}
