/** The SqlErrors a pool call ends with: cancelled (57014), a worker's failure, a broken pool (XX000). */
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE, type SqlState } from '../../../common/sqlstate.js';
import type { WorkerFailure } from '../worker/worker-protocol.js';

export function cancelled(): SqlError {
  return new SqlError(SQLSTATE.QueryCanceled, 'canceling statement due to user request');
}

export function fromFailure(f: WorkerFailure): SqlError {
  return new SqlError(f.code as SqlState, f.message, { detail: f.detail, hint: f.hint });
}

export function toPoolError(reason: unknown, pool = 'CLIP worker pool'): SqlError {
  if (reason instanceof SqlError) return reason;
  if (reason instanceof Error && reason.name === 'AbortError') return cancelled();
  const message = reason instanceof Error ? reason.message : String(reason);
  return new SqlError(SQLSTATE.InternalError, `${pool}: ${message}`);
}

/**
 * Waits for `work` unless `signal` aborts first (then rejects at once with 57014, leaving `work`
 * to finish in the background); any other rejection becomes a pool error naming `pool`.
 */
export async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, pool: string): Promise<T> {
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]).catch((err: unknown) => {
      throw toPoolError(err, pool);
    });
  } finally {
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    aborted.catch(() => undefined);
  }
}
