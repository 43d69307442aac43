/**
 * pg_sleep(seconds): waits without holding the engine thread (a timer, not a busy loop), in
 * slices short enough that a CancelRequest or statement_timeout stops it within 50 ms, as
 * PostgreSQL's pg_sleep checks for interrupts while it waits.
 */
import { sqlType, T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { VOID_RESULT, type EvalContext, type ScalarFunction } from '../function-types.js';

/** Longest wait between two interrupt checks. */
const SLICE_MS = 50;
const MS_PER_SECOND = 1000;

async function sleepInterruptibly(ms: number, ctx: EvalContext): Promise<void> {
  const end = Date.now() + ms;
  for (let left = ms; left > 0; left = end - Date.now()) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, SLICE_MS)));
    ctx.checkInterrupts?.();
  }
}

export const sleepFunctions: readonly ScalarFunction[] = [
  {
    name: 'pg_sleep',
    overloads: [{
      args: [T.float8], returns: sqlType('void'), volatility: 'volatile', strict: true,
      async vector(columns, rowCount, ctx) {
        const out: Value[] = [];
        for (let row = 0; row < rowCount; row++) {
          const seconds = columns[0]![row] as number | null;
          if (seconds !== null && seconds > 0) await sleepInterruptibly(seconds * MS_PER_SECOND, ctx);
          out.push(VOID_RESULT);
        }
        return out;
      },
    }],
  },
];
