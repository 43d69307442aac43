/**
 * interval text as PostgreSQL 15 reads and writes it: input in its own syntax (`1 day 2
 * hours`, `@ 1 minute ago`, `1-2`, `1 2:03:04`) or ISO 8601 (`P1Y2M`, `P0001-02-03T04:05:06`),
 * with the range checks of 22015 and a fields qualifier from the typmod; output in each
 * IntervalStyle (interval-encode.ts).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { dateTimeParseError } from './datetime-decode-fields.js';
import { INTERVAL_BUFFER, splitDateFields } from './datetime-lexer.js';
import type { IntervalStyle } from './datetime-style.js';
import { decodeInterval } from './interval-decode.js';
import { encodeInterval } from './interval-encode.js';
import { accumulatorToInterval, emptyAccumulator } from './interval-fields.js';
import { decodeIso8601Interval } from './interval-iso8601.js';
import { adjustInterval } from './interval-typmod.js';
import type { Interval } from './value.js';

/** An interval in `style` (`postgres` by default: `1 year 2 mons 3 days 04:05:06.5`). */
export function formatInterval(v: Interval, style: IntervalStyle = 'postgres'): string {
  return encodeInterval(v, style);
}

/**
 * Parses interval input under `typmod` (its qualifier decides what a bare number means and
 * what is kept). sql_standard IntervalStyle changes how a leading minus sign applies.
 */
export function parseInterval(text: string, typmod = -1, style: IntervalStyle = 'postgres'): Interval {
  let acc = emptyAccumulator();
  const fields = splitDateFields(text, INTERVAL_BUFFER);
  let error = fields ? decodeInterval(fields, typmod, style, acc) : 'bad-format';
  if (error === 'bad-format') {
    acc = emptyAccumulator();
    error = decodeIso8601Interval(text, acc);
  }
  if (error) throw dateTimeParseError(error === 'field-overflow' ? 'interval-overflow' : error, text, 'interval');
  const value = accumulatorToInterval(acc);
  if (!value) throw new SqlError(SQLSTATE.DatetimeFieldOverflow, 'interval out of range');
  return typmod >= 0 ? adjustInterval(value, typmod) : value;
}
