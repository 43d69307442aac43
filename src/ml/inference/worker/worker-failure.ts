/**
 * A worker task's error as plain data: structured cloning drops an Error's class and SQLSTATE,
 * so a SqlError crosses as its fields, anything else as XX000 naming the worker.
 */
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';
import type { WorkerFailure } from './worker-protocol.js';

export function workerFailure(err: unknown, worker: string): WorkerFailure {
  if (err instanceof SqlError) {
    return { ok: false, code: err.code, message: err.message, detail: err.fields.detail, hint: err.fields.hint };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, code: SQLSTATE.InternalError, message: `${worker}: ${message}` };
}
