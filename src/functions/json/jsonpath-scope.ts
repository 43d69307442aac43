/**
 * What a jsonpath evaluation carries (PostgreSQL's JsonPathExecContext, split in two): the
 * fixed context of one call (document, variables, lax or strict) and the scope that changes
 * as evaluation descends (`@`, the innermost array's size for `last`, whether structural
 * errors are ignored). The scope is passed down, never mutated, because items are produced
 * lazily and a suspended generator must not see a sibling's state. Also the error an item
 * raises that the caller may suppress (PostgreSQL's RETURN_ERROR).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { SqlState } from '../../common/sqlstate.js';
import type { JsonbNode, JsonbObject } from '../../types/jsonb-node.js';

export interface JsonPathContext {
  readonly root: JsonbNode;
  /** The `vars` object; undefined for the operators, which have none. */
  readonly vars: JsonbObject | undefined;
  readonly lax: boolean;
  /** Throws 57014 when the statement is cancelled; called as `.**` walks large documents. */
  readonly checkInterrupts?: () => void;
}

export interface JsonPathScope {
  /** `@`: the item a filter is testing. */
  readonly current: JsonbNode;
  /** Size of the array whose subscript is being evaluated (`last`); -1 outside subscripts. */
  readonly arraySize: number;
  /** Lax mode, or below `.**`: a missing key or a wrong kind of item yields nothing. */
  readonly ignoreStructural: boolean;
}

/** An error that silent mode (and every predicate) turns into "unknown" instead of raising. */
export class SuppressibleJsonPathError extends Error {
  constructor(readonly error: SqlError) {
    super(error.message);
  }
}

export function jsonPathError(code: SqlState, message: string): SuppressibleJsonPathError {
  return new SuppressibleJsonPathError(new SqlError(code, message));
}

/** Missing variables are never suppressed (PostgreSQL raises them outright). */
export function missingVariable(name: string): SqlError {
  return new SqlError(SQLSTATE.UndefinedObject, `could not find jsonpath variable "${name}"`);
}
