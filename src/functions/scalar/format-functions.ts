/**
 * format(fmt, …) (the specifiers are read by format-text.ts), to_char for timestamps
 * (datetime/to-char-datetime.ts) and for numbers (to-char-number.ts), to_number (to-number.ts).
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
import { floatToChar, numericToChar } from './to-char-number.js';
import { toNumber } from './to-number.js';

const MICROS_PER_SECOND = 1_000_000;

function formatArgs(fmt: string, args: readonly Value[], types: readonly SqlType[], ctx: EvalContext): string {
  const text = (i: number) => {
    const v = args[i]!;
    return v === null ? null : typeof v === 'string' ? v : formatText(v, types[i]!, textOptionsFromSettings((n) => ctx.setting(n)));
  };
  return formatWithSpecifiers(fmt, args.length, text);
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
    scalar([T.numeric, T.text], T.text, ([n, f]) => numericToChar(n as Decimal, f as string)),
    scalar([T.int4, T.text], T.text, ([n, f]) => numericToChar(new Decimal(n as number), f as string)),
    scalar([T.int8, T.text], T.text, ([n, f]) => numericToChar(new Decimal(String(n)), f as string)),
    scalar([T.float4, T.text], T.text, ([n, f]) => floatToChar(n as number, f as string, true)),
    scalar([T.float8, T.text], T.text, ([n, f]) => floatToChar(n as number, f as string, false)),
  ] },
  { name: 'to_number', overloads: [
    scalar([T.text, T.text], T.numeric, ([s, f]) => toNumber(s as string, f as string), { volatility: 'stable' }),
  ] },
];
