/**
 * The per-statement memory budget (`statement_mem`, default 512MB). We never spill to disk,
 * so an operator that materialises rows (sort, hash join build, hash aggregate, window,
 * DISTINCT, set operations, recursive CTE, array_agg / string_agg state, subquery results)
 * reserves an estimate of what it holds; past the budget the statement fails with 53200
 * instead of the process dying of a JavaScript heap OOM. PostgreSQL's `work_mem` (4MB, per
 * operator, spilling past it) is a different knob and is left alone.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Value } from '../types/value.js';
import { JsonbValue } from '../types/jsonb-value.js';

/** Setting name and default. */
export const STATEMENT_MEM_SETTING = 'statement_mem';
export const DEFAULT_STATEMENT_MEM = '512MB';

const UNIT_BYTES: Readonly<Record<string, number>> = { B: 1, kB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 };

/** Bytes of a memory setting written as PostgreSQL writes them ('512MB', '64kB'; bare = kB). */
export function parseMemorySetting(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(B|kB|MB|GB|TB)?\s*$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * UNIT_BYTES[m[2] ?? 'kB']!;
}

/** Rough bytes V8 spends per value (pointer plus the boxed value). */
const POINTER = 8;
const BOXED = 16;
const DECIMAL = 80;
const JSONB_BYTES_PER_CHAR = 8;

/** An estimate of the heap bytes a value holds (strings as UTF-16, boxes and headers). */
export function valueBytes(value: Value): number {
  if (value === null || typeof value === 'boolean') return POINTER;
  if (typeof value === 'number') return POINTER + BOXED;
  if (typeof value === 'string') return POINTER + BOXED + 2 * value.length;
  if (typeof value === 'bigint') return POINTER + BOXED + POINTER;
  // A parsed jsonb tree costs several times its text; the text is cached for output anyway.
  if (value instanceof JsonbValue) return POINTER + BOXED + JSONB_BYTES_PER_CHAR * value.toString().length;
  if (value instanceof Uint8Array || value instanceof Float32Array) return POINTER + BOXED + value.byteLength;
  if (Array.isArray(value)) {
    let total = POINTER + BOXED;
    for (const item of value as readonly Value[]) total += valueBytes(item);
    return total;
  }
  return POINTER + DECIMAL;
}

/** An estimate of the heap bytes of a row. */
export function rowBytes(row: readonly Value[]): number {
  let total = POINTER + BOXED;
  for (const value of row) total += valueBytes(value);
  return total;
}

/** Heap bytes of a hash-set entry keyed by `key` (the string and the set slot). */
export function keyBytes(key: string): number {
  return POINTER + BOXED + 2 * key.length;
}

/** Sum of rowBytes over rows. */
export function rowsBytes(rows: readonly (readonly Value[])[]): number {
  let total = 0;
  for (const row of rows) total += rowBytes(row);
  return total;
}

/** The statement's budget: operators reserve bytes and release them when done. */
export class MemoryBudget {
  private used = 0;

  constructor(readonly limit: number, private readonly settingText: string) {}

  /** Takes `bytes` for `operator`; 53200 past the budget. */
  reserve(bytes: number, operator: string): void {
    this.used += bytes;
    if (this.used > this.limit) {
      const used = this.used;
      this.used -= bytes;
      throw new SqlError(SQLSTATE.OutOfMemory, 'out of memory', {
        detail: `${operator} needs more than the statement memory budget (${this.settingText}): about ${Math.ceil(used / 1024 ** 2)}MB held.`,
        hint: `Raise "${STATEMENT_MEM_SETTING}" (SET ${STATEMENT_MEM_SETTING} = '2GB'), or make the query hold fewer rows (WHERE, LIMIT, fewer columns).`,
      });
    }
  }

  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
}

/** What one operator holds: reservations released together when it finishes. */
export class MemoryReservation {
  private held = 0;

  constructor(private readonly budget: MemoryBudget, private readonly operator: string) {}

  add(bytes: number): void {
    this.budget.reserve(bytes, this.operator);
    this.held += bytes;
  }

  addRows(rows: readonly (readonly Value[])[]): void {
    this.add(rowsBytes(rows));
  }

  release(): void {
    this.budget.release(this.held);
    this.held = 0;
  }
}

/** The budget for a statement from the session's setting (unparsable → the default). */
export function budgetFromSetting(text: string | undefined): MemoryBudget {
  const setting = text ?? DEFAULT_STATEMENT_MEM;
  const bytes = parseMemorySetting(setting) ?? parseMemorySetting(DEFAULT_STATEMENT_MEM)!;
  return new MemoryBudget(bytes, setting);
}
