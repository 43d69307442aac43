/**
 * date_bin(stride, source, origin) for timestamp and timestamptz: the start of the stride-wide
 * bin, counted from origin, that holds source, rounding toward -infinity. As in PostgreSQL 15
 * the stride may not hold months (0A000) and must be positive (22008); the arithmetic is done in
 * 64-bit integers so that it overflows where PostgreSQL's does (22008 `interval out of range`,
 * `timestamp out of range`). timestamptz bins are absolute: no zone is involved.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { END_TIMESTAMP, MIN_TIMESTAMP } from '../../types/datetime-codec.js';
import { T } from '../../types/sql-type.js';
import { MICROS_PER_DAY } from '../../types/time-units.js';
import type { Interval, Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

const outOfRange = (what: string) => new SqlError(SQLSTATE.DatetimeFieldOverflow, `${what} out of range`);

function checkedInt64(v: bigint, what: string): bigint {
  if (v > INT64_MAX || v < INT64_MIN) throw outOfRange(what);
  return v;
}

function dateBin([strideValue, source, origin]: readonly Value[]): Value {
  const ts = source as number;
  if (!Number.isFinite(ts)) return ts;
  if (!Number.isFinite(origin as number)) throw outOfRange('origin');
  const stride = strideValue as Interval;
  if (stride.months !== 0) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'timestamps cannot be binned into intervals containing months or years');
  }
  const strideMicros = checkedInt64(BigInt(stride.days) * BigInt(MICROS_PER_DAY) + BigInt(stride.micros), 'interval');
  if (strideMicros <= 0n) throw new SqlError(SQLSTATE.DatetimeFieldOverflow, 'stride must be greater than zero');
  const start = BigInt(origin as number);
  const diff = checkedInt64(BigInt(ts) - start, 'interval');
  // BigInt % truncates toward zero, as C's does; a negative remainder steps back one stride.
  const modulo = diff % strideMicros;
  let result = start + diff - modulo;
  if (modulo < 0n) {
    result -= strideMicros;
    if (result < BigInt(MIN_TIMESTAMP) || result >= BigInt(END_TIMESTAMP)) throw outOfRange('timestamp');
  }
  return Number(result);
}

export const dateBinFunctions: readonly ScalarFunction[] = [
  { name: 'date_bin', overloads: [
    scalar([T.interval, T.timestamp, T.timestamp], T.timestamp, dateBin),
    scalar([T.interval, T.timestamptz, T.timestamptz], T.timestamptz, dateBin),
  ] },
];
