/**
 * Time-valued run-time parameters in milliseconds (statement_timeout, lock_timeout,
 * idle_in_transaction_session_timeout, idle_session_timeout), read and shown as PostgreSQL does:
 * a bare number is milliseconds, units us/ms/s/min/h/d may follow (`'1.5s'` → 1500), and SHOW
 * prints the largest unit that holds the value exactly (`1000` → `1s`, `90000` → `90s`).
 */

/** Milliseconds per unit, largest last (the display picks from the end). */
const UNITS: readonly (readonly [string, number])[] = [['ms', 1], ['s', 1000], ['min', 60_000], ['h', 3_600_000], ['d', 86_400_000]];
const MICROS_PER_MS = 1000;
/** PostgreSQL's int GUC maximum (INT_MAX milliseconds ≈ 24.8 days). */
const MAX_MS = 2_147_483_647;

/** Milliseconds for a setting's text, or undefined when it is not a duration PostgreSQL accepts. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^\s*(-?\d+(?:\.\d*)?|-?\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  const factor = unit === '' ? 1 : unit === 'us' ? 1 / MICROS_PER_MS : UNITS.find(([name]) => name === unit)?.[1];
  if (factor === undefined || !Number.isFinite(amount)) return undefined;
  const ms = Math.round(amount * factor);
  return ms < 0 || ms > MAX_MS ? undefined : ms;
}

/** The value as SHOW prints it. */
export function formatDurationMs(ms: number): string {
  if (ms === 0) return '0';
  for (let i = UNITS.length - 1; i >= 0; i--) {
    const [name, size] = UNITS[i]!;
    if (ms % size === 0) return `${ms / size}${name}`;
  }
  return `${ms}ms`;
}

/** The names of the settings parsed this way. */
export const DURATION_SETTINGS: ReadonlySet<string> = new Set([
  'statement_timeout', 'lock_timeout', 'idle_in_transaction_session_timeout', 'idle_session_timeout',
]);
