/**
 * Sequence definitions as PostgreSQL's CREATE/ALTER SEQUENCE builds them (its `init_params`):
 * defaults by type and direction, the checks and their messages (22023), and the relation's
 * columns. Values are bigint here and decimal strings in the stored definition.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { StoredSequence } from '../storage/storage-api.js';
import { T } from '../types/sql-type.js';
import type { NewColumn } from './catalog-transaction.js';

/** What CREATE/ALTER SEQUENCE (or an identity column's options) set; absent = keep / default. */
export interface SequenceSettings {
  /** `AS type`, already resolved to a pg_type name (anything else is 22023). */
  readonly type?: string;
  readonly increment?: bigint;
  /** null: NO MINVALUE / NO MAXVALUE (the type's bound for the direction). */
  readonly min?: bigint | null;
  readonly max?: bigint | null;
  readonly start?: bigint;
  readonly cache?: bigint;
  readonly cycle?: boolean;
}

/** The relation's columns, as `SELECT * FROM seq` shows them. */
export const SEQUENCE_COLUMNS: readonly NewColumn[] = [
  { name: 'last_value', type: T.int8, notNull: true },
  { name: 'log_cnt', type: T.int8, notNull: true },
  { name: 'is_called', type: T.bool, notNull: true },
];

const TYPE_RANGES: Readonly<Record<StoredSequence['type'], readonly [bigint, bigint]>> = {
  int2: [-32768n, 32767n],
  int4: [-2147483648n, 2147483647n],
  int8: [-9223372036854775808n, 9223372036854775807n],
};

const TYPE_NAMES: Readonly<Record<StoredSequence['type'], string>> = { int2: 'smallint', int4: 'integer', int8: 'bigint' };

function invalid(message: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, message);
}

function sequenceType(type: string): StoredSequence['type'] {
  if (type === 'int2' || type === 'int4' || type === 'int8') return type;
  throw invalid('sequence type must be smallint, integer, or bigint');
}

/** The definition's integers as bigint. */
export function sequenceNumbers(s: StoredSequence): { increment: bigint; min: bigint; max: bigint; start: bigint; cache: bigint } {
  return { increment: BigInt(s.increment), min: BigInt(s.min), max: BigInt(s.max), start: BigInt(s.start), cache: BigInt(s.cache) };
}

/**
 * A new definition: `previous` (ALTER) with `settings` applied, or PostgreSQL's defaults
 * (CREATE). As in PostgreSQL, a bound left at its old type's default follows a new type, and
 * an ALTER that changes the direction does not move explicit bounds.
 * @example defineSequence(undefined, { increment: -1n }) // min -9223372036854775808, max -1, start -1
 */
export function defineSequence(previous: StoredSequence | undefined, settings: SequenceSettings): StoredSequence {
  const type = settings.type !== undefined ? sequenceType(settings.type) : previous?.type ?? 'int8';
  const old = previous ? sequenceNumbers(previous) : undefined;
  const increment = settings.increment ?? old?.increment ?? 1n;
  if (increment === 0n) throw invalid('INCREMENT must not be zero');
  const [typeMin, typeMax] = TYPE_RANGES[type];
  const oldRange = previous ? TYPE_RANGES[previous.type] : undefined;
  const typeChanged = previous !== undefined && previous.type !== type;
  // A bound that was its type's default moves with a type change (PostgreSQL's rule).
  const keepMax = old && !(typeChanged && (old.max === oldRange![1] || old.max === -1n));
  const keepMin = old && !(typeChanged && (old.min === oldRange![0] || old.min === 1n));
  const max = settings.max !== undefined && settings.max !== null ? settings.max
    : settings.max === undefined && keepMax ? old!.max : increment > 0n ? typeMax : -1n;
  const min = settings.min !== undefined && settings.min !== null ? settings.min
    : settings.min === undefined && keepMin ? old!.min : increment > 0n ? 1n : typeMin;
  const typeName = TYPE_NAMES[type];
  if (max < typeMin || max > typeMax) throw invalid(`MAXVALUE (${max}) is out of range for sequence data type ${typeName}`);
  if (min < typeMin || min > typeMax) throw invalid(`MINVALUE (${min}) is out of range for sequence data type ${typeName}`);
  if (min >= max) throw invalid(`MINVALUE (${min}) must be less than MAXVALUE (${max})`);
  const start = settings.start ?? old?.start ?? (increment > 0n ? min : max);
  if (start < min) throw invalid(`START value (${start}) cannot be less than MINVALUE (${min})`);
  if (start > max) throw invalid(`START value (${start}) cannot be greater than MAXVALUE (${max})`);
  const cache = settings.cache ?? old?.cache ?? 1n;
  if (cache <= 0n) throw invalid(`CACHE (${cache}) must be greater than zero`);
  return {
    type, increment: String(increment), min: String(min), max: String(max), start: String(start), cache: String(cache),
    cycle: settings.cycle ?? previous?.cycle ?? false,
    ...(previous?.ownedBy ? { ownedBy: previous.ownedBy } : {}),
  };
}

/** ALTER SEQUENCE … RESTART [WITH n]: the value checked against the (new) definition. */
export function restartValue(sequence: StoredSequence, value: bigint | undefined): bigint {
  const { min, max, start } = sequenceNumbers(sequence);
  const restart = value ?? start;
  if (restart < min) throw invalid(`RESTART value (${restart}) cannot be less than MINVALUE (${min})`);
  if (restart > max) throw invalid(`RESTART value (${restart}) cannot be greater than MAXVALUE (${max})`);
  return restart;
}
