/**
 * format(fmt, …) (the specifiers are read by format-text.ts), to_char for timestamps
 * (datetime/to-char-datetime.ts) and a basic to_char for numbers (9 0 . , FM).
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { zoneAbbreviation, zoneOffsetSeconds } from '../../types/datetime-codec-zone.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { formatText, textOptionsFromSettings } from '../../types/text-codec.js';
import { formatDatetime } from '../datetime/to-char-datetime.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { formatWithSpecifiers } from './format-text.js';

const MICROS_PER_SECOND = 1_000_000;

function formatArgs(fmt: string, args: readonly Value[], types: readonly SqlType[], ctx: EvalContext): string {
  const text = (i: number) => {
    const v = args[i]!;
    return v === null ? null : typeof v === 'string' ? v : formatText(v, types[i]!, textOptionsFromSettings((n) => ctx.setting(n)));
  };
  return formatWithSpecifiers(fmt, args.length, text);
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
    scalar([T.timestamp, T.text], T.text, ([t, f]) => (Number.isFinite(t as number)
      ? formatDatetime({ micros: t as number, gmtoff: 0, zoneName: undefined }, f as string) : null)),
    scalar([T.timestamptz, T.text], T.text, ([t, f], ctx) => {
      const utc = t as number;
      if (!Number.isFinite(utc)) return null;
      const zone = ctx.setting('timezone') ?? 'UTC';
      const gmtoff = zoneOffsetSeconds(zone, utc);
      return formatDatetime({ micros: utc + gmtoff * MICROS_PER_SECOND, gmtoff, zoneName: zoneAbbreviation(zone, utc) }, f as string);
    }, { volatility: 'stable' }),
    scalar([T.numeric, T.text], T.text, ([n, f]) => numberToChar(n as Decimal, f as string)),
    scalar([T.float8, T.text], T.text, ([n, f]) => numberToChar(new Decimal(n as number), f as string)),
  ] },
];
