/**
 * How long each phase of a statement took, measured by the statement driver
 * (prepare-statement.ts) around each phase it runs — the one place that runs them, as DuckDB's
 * ClientContext runs each under its profiler.
 */
import { performance } from 'node:perf_hooks';

/** The phases the driver runs, in order. Parsing happens per query string, before the driver. */
export type StatementPhase = 'bind' | 'optimize' | 'physical plan';

/** Milliseconds per phase, for the latest binding (bind, optimize) and the latest run (physical plan). */
export class PhaseTimings {
  private readonly ms = new Map<StatementPhase, number>();

  /** Runs `phase` and records how long it took (also when it throws). */
  time<T>(phase: StatementPhase, run: () => T): T {
    const start = performance.now();
    try {
      return run();
    } finally {
      this.ms.set(phase, performance.now() - start);
    }
  }

  /** The phases measured so far, in the order they ran, with their durations in milliseconds. */
  entries(): ReadonlyMap<StatementPhase, number> {
    return this.ms;
  }
}
