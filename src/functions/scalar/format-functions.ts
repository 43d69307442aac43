/**
 * format(fmt, …) (the specifiers are read by format-text.ts), and a basic to_char for
 * timestamps (YYYY MM DD HH24 HH12 HH MI SS MS US Mon Month Dy Day AM PM) and numbers
 * (9 0 . , FM).
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { civilFromDays } from '../../types/datetime-codec-calendar.js';
import { zoneOffsetSeconds } from '../../types/datetime-codec-zone.js';
import { T, type SqlType } from '../../types/sql-type.js';
import { MICROS_PER_DAY, type Value } from '../../types/value.js';
import { formatText } from '../../types/text-codec.js';
import { extractFromTimestamp } from '../datetime/datetime-fields.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { formatWithSpecifiers } from './format-text.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MICROS_PER_SECOND = 1_000_000;
const HOURS_PER_HALF_DAY = 12;

function formatArgs(fmt: string, args: readonly Value[], types: readonly SqlType[], ctx: EvalContext): string {
  const text = (i: number) => {
    const v = args[i]!;
    return v === null ? null : typeof v === 'string' ? v : formatText(v, types[i]!, { timeZone: ctx.setting('timezone') ?? 'UTC' });
  };
  return formatWithSpecifiers(fmt, args.length, text);
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function timestampToChar(micros: number, fmt: string): string {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  const hour = extractFromTimestamp('hour', micros);
  const minute = extractFromTimestamp('minute', micros);
  const usec = micros - days * MICROS_PER_DAY;
  const second = Math.floor((usec / MICROS_PER_SECOND) % 60);
  const fraction = usec % MICROS_PER_SECOND;
  const dow = extractFromTimestamp('dow', micros);
  const hour12 = hour % HOURS_PER_HALF_DAY === 0 ? HOURS_PER_HALF_DAY : hour % HOURS_PER_HALF_DAY;
  const tokens: [RegExp, () => string][] = [
    [/^YYYY/, () => pad(year, 4)], [/^YY/, () => pad(year % 100, 2)], [/^MM/, () => pad(month, 2)],
    [/^DD/, () => pad(day, 2)], [/^HH24/, () => pad(hour, 2)], [/^HH12/, () => pad(hour12, 2)],
    [/^HH/, () => pad(hour12, 2)], [/^MI/, () => pad(minute, 2)], [/^SS/, () => pad(second, 2)],
    [/^MS/, () => pad(Math.floor(fraction / 1000), 3)], [/^US/, () => pad(fraction, 6)],
    [/^Month/, () => MONTHS[month - 1]!.padEnd(9)], [/^Mon/, () => MONTHS[month - 1]!.slice(0, 3)],
    [/^Day/, () => DAYS[dow]!.padEnd(9)], [/^Dy/, () => DAYS[dow]!.slice(0, 3)],
    [/^(AM|PM)/, () => (hour < HOURS_PER_HALF_DAY ? 'AM' : 'PM')],
  ];
  let out = '';
  let rest = fmt;
  outer: while (rest.length > 0) {
    for (const [pattern, render] of tokens) {
      const m = pattern.exec(rest);
      if (m) {
        out += render();
        rest = rest.slice(m[0].length);
        continue outer;
      }
    }
    out += rest[0];
    rest = rest.slice(1);
  }
  return out;
}

function numberToChar(value: Decimal, fmt: string): string {
  const fillMode = fmt.includes('FM');
  const pattern = fmt.replace(/FM/g, '');
  const [intPart = '', fracPart = ''] = pattern.split('.');
  const decimals = (fracPart.match(/[90]/g) ?? []).length;
  const digits = (intPart.match(/[90]/g) ?? []).length;
  const fixed = value.abs().toFixed(decimals);
  const [whole, frac] = fixed.split('.');
  const minDigits = intPart.includes('0') ? intPart.length - intPart.indexOf('0') : 1;
  if (whole!.length > digits) return `${' '.repeat(value.isNeg() ? 1 : 0)}${'#'.repeat(digits)}${decimals ? `.${'#'.repeat(decimals)}` : ''}`;
  const wholePadded = whole!.padStart(minDigits, '0');
  const withCommas = intPart.includes(',') ? wholePadded.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : wholePadded;
  const body = `${value.isNeg() ? '-' : ''}${withCommas}${decimals ? `.${frac}` : ''}`;
  return fillMode ? body : body.padStart(digits + (intPart.includes(',') ? Math.floor((digits - 1) / 3) : 0) + (decimals ? decimals + 1 : 0) + 1);
}

export const formatFunctions: readonly ScalarFunction[] = [
  { name: 'format', overloads: [scalar([T.text], T.text,
    (args, ctx, types) => (args[0] === null ? null : formatArgs(args[0] as string, args.slice(1), types.slice(1), ctx)),
    { strict: false, variadic: 'any', volatility: 'stable', nullVariadicArray: 'empty' })] },
  { name: 'to_char', overloads: [
    scalar([T.timestamp, T.text], T.text, ([t, f]) => timestampToChar(t as number, f as string)),
    scalar([T.timestamptz, T.text], T.text, ([t, f], ctx) => {
      const utc = t as number;
      return timestampToChar(utc + zoneOffsetSeconds(ctx.setting('timezone') ?? 'UTC', utc) * MICROS_PER_SECOND, f as string);
    }, { volatility: 'stable' }),
    scalar([T.numeric, T.text], T.text, ([n, f]) => numberToChar(n as Decimal, f as string)),
    scalar([T.float8, T.text], T.text, ([n, f]) => numberToChar(new Decimal(n as number), f as string)),
  ] },
];
