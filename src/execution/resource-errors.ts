/**
 * JavaScript's own resource failures as PostgreSQL errors: a stack overflow while binding or
 * evaluating a deeply nested expression becomes 54001 (PostgreSQL's check_stack_depth), and a
 * string or array past what V8 can hold becomes 54000 — never an XX000 "internal error".
 * Functions check sizes before allocating (functions/value-limits.ts); this is the net under
 * the paths they do not foresee.
 */
import { SqlError, SQLSTATE, stackDepthExceeded } from '../common/sql-error.js';

const TOO_LARGE = /^(Invalid string length|Invalid array length|Invalid typed array length|Array buffer allocation failed)/;

/** The SqlError a JavaScript resource failure stands for, or `err` unchanged. */
export function asResourceError(err: unknown): unknown {
  if (!(err instanceof RangeError)) return err;
  if (err.message.startsWith('Maximum call stack size exceeded')) return stackDepthExceeded();
  if (TOO_LARGE.test(err.message)) return new SqlError(SQLSTATE.ProgramLimitExceeded, 'requested length too large');
  return err;
}
