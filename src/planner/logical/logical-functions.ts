/**
 * Logical commands for user functions and procedures: CREATE [OR REPLACE] FUNCTION /
 * PROCEDURE with the declaration resolved and the body validated, DROP and RENAME by
 * signature (matched against the catalog when the command runs:
 * execution/commands/run-function-ddl.ts), and CALL with the procedure's body bound over the
 * call's arguments.
 */
import type { SqlType } from '../../types/sql-type.js';
import type { StoredFunction, StoredOperator } from '../../types/stored-table.js';
import type { LogicalCommand } from './logical-plan.js';

/** A function as CREATE FUNCTION defines it (the catalog adds id and version). */
export type FunctionDefinition = Omit<StoredFunction, 'kind' | 'id' | 'version'>;

/** A function named with its input parameter types as format_type writes them (absent: any). */
export interface FunctionTarget {
  readonly name: string;
  readonly argTypes?: readonly string[];
}

export interface LogicalCreateFunction {
  readonly kind: 'CreateFunction';
  readonly replace: boolean;
  readonly definition: FunctionDefinition;
}

export interface LogicalDropFunction {
  readonly kind: 'DropFunction';
  /** true: DROP PROCEDURE; false: DROP FUNCTION; undefined: DROP ROUTINE. */
  readonly procedure?: boolean;
  /** DROP AGGREGATE: only aggregates match (DROP FUNCTION of one is 42809). */
  readonly aggregate?: boolean;
  readonly targets: readonly FunctionTarget[];
  readonly ifExists: boolean;
  /** CASCADE: drop the triggers that use them too (else 2BP01). */
  readonly cascade?: boolean;
}

export interface LogicalRenameFunction {
  readonly kind: 'RenameFunction';
  readonly procedure: boolean;
  readonly target: FunctionTarget;
  readonly newName: string;
}

/** CALL: the procedure body's statements, bound with the call's arguments, run in order. */
export interface LogicalCallProcedure {
  readonly kind: 'CallProcedure';
  readonly commands: readonly LogicalCommand[];
}

/** CREATE OPERATOR: the operator as defined (the catalog adds id and version). */
export interface LogicalCreateOperator {
  readonly kind: 'CreateOperator';
  readonly definition: Omit<StoredOperator, 'kind' | 'id' | 'version'>;
}

/** DROP OPERATOR: operators by symbol and argument types (no `left`: a prefix operator). */
export interface LogicalDropOperator {
  readonly kind: 'DropOperator';
  readonly targets: readonly { readonly name: string; readonly left?: SqlType; readonly right: SqlType }[];
  readonly ifExists: boolean;
}

export type LogicalFunctionCommand = LogicalCreateFunction | LogicalDropFunction | LogicalRenameFunction | LogicalCallProcedure
  | LogicalCreateOperator | LogicalDropOperator;
