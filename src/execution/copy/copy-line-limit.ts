/**
 * The longest COPY line (record) we hold: a record's text becomes JavaScript strings, which
 * end at 2^29 − 24 UTF-16 units, so a longer line (PostgreSQL's own buffer ends at 1 GB)
 * fails with PostgreSQL's string-buffer error — 54000 `out of memory` — instead of a V8
 * "Invalid string length" (XX000) or a heap OOM.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { MAX_TEXT_LENGTH } from '../../functions/value-limits.js';

export const MAX_COPY_LINE_LENGTH = MAX_TEXT_LENGTH;

/** Throws unless a line holding `current` units (or bytes) may grow by `adding`. */
export function checkCopyLineGrowth(current: number, adding: number): void {
  if (current + adding > MAX_COPY_LINE_LENGTH) {
    throw new SqlError(SQLSTATE.ProgramLimitExceeded, 'out of memory', {
      detail: `Cannot enlarge string buffer containing ${current} bytes by ${adding} more bytes.`,
    });
  }
}
