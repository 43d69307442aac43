/**
 * `UPDATE / DELETE … WHERE CURRENT OF cursor`: the statement names the cursor; which row it is
 * on is known only when the statement runs (execution/commands/current-of-row.ts asks the
 * session's cursor then).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

/** The plan's `currentOf` part; with FROM / USING it is 0A000 (the cursor's row alone is the target). */
export function currentOfPart(cursor: string | undefined, joined: boolean): { currentOf?: string } {
  if (cursor === undefined) return {};
  if (joined) throw new SqlError(SQLSTATE.FeatureNotSupported, 'WHERE CURRENT OF with FROM or USING is not supported');
  return { currentOf: cursor };
}
