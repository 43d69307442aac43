/**
 * The one error type a client can see. The SQLSTATE is mandatory: anything thrown that is not a
 * SqlError reaches the client as XX000 (a bug) through `toSqlError`.
 */
import { SQLSTATE, type SqlState } from './sqlstate.js';

/** Optional ErrorResponse fields (PostgreSQL protocol field letters in comments). */
export interface SqlErrorFields {
  /** D: secondary detail. */
  readonly detail?: string;
  /** H: what the user could do about it. */
  readonly hint?: string;
  /** P: 1-based character position in the query text. */
  readonly position?: number;
  /** s / t / c / n: schema, table, column and constraint names. */
  readonly schema?: string;
  readonly table?: string;
  readonly column?: string;
  readonly constraint?: string;
  /** W: context, e.g. the COPY line an error happened on. */
  readonly where?: string;
  /**
   * R: the PostgreSQL source routine. Only set where a client branches on it: postgres.js
   * re-prepares silently on 26000 from FetchPreparedStatement (after DISCARD ALL).
   */
  readonly routine?: string;
  /** S/V: defaults to ERROR; NOTICE/WARNING are used for notices. */
  readonly severity?: Severity;
}

export type Severity = 'ERROR' | 'FATAL' | 'PANIC' | 'WARNING' | 'NOTICE' | 'DEBUG' | 'INFO' | 'LOG';

/**
 * @example
 * throw new SqlError(SQLSTATE.UndefinedTable, 'relation "foo" does not exist', { position: 15 });
 */
export class SqlError extends Error {
  constructor(
    readonly code: SqlState,
    message: string,
    readonly fields: SqlErrorFields = {},
  ) {
    super(message);
    this.name = 'SqlError';
  }

  get severity(): Severity {
    return this.fields.severity ?? 'ERROR';
  }

  /** A copy with extra fields (e.g. a position found by a higher layer). */
  with(fields: SqlErrorFields): SqlError {
    const copy = new SqlError(this.code, this.message, { ...this.fields, ...fields });
    copy.stack = this.stack;
    return copy;
  }
}

/** Any thrown value as a SqlError; non-SqlErrors are internal errors (XX000). */
export function toSqlError(err: unknown): SqlError {
  if (err instanceof SqlError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const wrapped = new SqlError(SQLSTATE.InternalError, `internal error: ${message}`);
  if (err instanceof Error) wrapped.stack = err.stack;
  return wrapped;
}

/**
 * 54001, worded as PostgreSQL's check_stack_depth: for nesting too deep to bind, evaluate or
 * parse (a JavaScript stack overflow, or an explicit depth limit).
 */
export function stackDepthExceeded(): SqlError {
  return new SqlError(SQLSTATE.StatementTooComplex, 'stack depth limit exceeded', {
    hint: 'Increase the configuration parameter "max_stack_depth" (currently 2048kB), after ensuring the platform\'s stack depth limit is adequate.',
  });
}

/** A notice or warning sent to the client without ending the statement. */
export interface Notice {
  readonly severity: 'NOTICE' | 'WARNING' | 'INFO' | 'DEBUG' | 'LOG';
  readonly code: SqlState;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
}

/** Exhaustiveness helper for discriminated unions. */
export function unreachable(value: never): never {
  throw new SqlError(SQLSTATE.InternalError, `unreachable: ${JSON.stringify(value)}`);
}

export { SQLSTATE, type SqlState };
