/**
 * Running a CREATE AGGREGATE aggregate: its inputs are queued as they arrive (feeding is
 * synchronous, support functions are not: a PL/pgSQL one awaits the interpreter) and folded
 * through the compiled transition when the value is wanted, then the final function applied
 * to the state, which is kept: a window over a growing frame asks for a value per row and goes
 * on from the same state. The strict rules are PostgreSQL's advance_transition_function: NULL
 * inputs never arrive (the feeder skips them), without INITCOND the first input becomes the
 * state, and a NULL state stays NULL.
 */
import type { BoundUserAggregate } from '../../planner/logical/bound-expr.js';
import type { Value } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';

/** Transitions run between two cancellation checks. */
const TRANSITIONS_PER_TICK = 1024;

export interface CompiledUserAggregate {
  readonly transition: CompiledExpr;
  readonly final?: CompiledExpr;
  readonly init?: CompiledExpr;
  readonly strict: boolean;
  readonly argCount: number;
}

/** Compiles the support functions over the row `[state, arg1, …]`. */
export function compileUserAggregate(user: BoundUserAggregate): CompiledUserAggregate {
  const layout = new Map<number, number>([[user.stateId, 0], ...user.argIds.map((id, i): [number, number] => [id, i + 1])]);
  return {
    transition: compileExpr(user.transition, layout),
    ...(user.final ? { final: compileExpr(user.final, layout) } : {}),
    ...(user.init ? { init: compileExpr(user.init, layout) } : {}),
    strict: user.strict, argCount: user.argIds.length,
  };
}

/** One group's (or one window frame's) running user aggregate. */
export class UserAggregateRun {
  private pending: Value[][] = [];
  private state: Value = null;
  private started = false;
  /** Strict without INITCOND and no input yet: the next input becomes the state. */
  private awaitingFirst = false;

  constructor(private readonly agg: CompiledUserAggregate) {}

  add(args: readonly Value[]): void {
    this.pending.push(args.slice());
  }

  /** The aggregate's value over every input added so far. */
  async value(ctx: ExecContext): Promise<Value> {
    await this.settle(ctx);
    if (!this.agg.final) return this.state;
    const row = [this.state, ...new Array<Value>(this.agg.argCount).fill(null)];
    return (await this.agg.final([row], ctx))[0]!;
  }

  private async settle(ctx: ExecContext): Promise<void> {
    if (!this.started) {
      this.started = true;
      if (this.agg.init) this.state = (await this.agg.init([[null]], ctx))[0]!;
      this.awaitingFirst = this.agg.strict && !this.agg.init;
    }
    const inputs = this.pending;
    this.pending = [];
    for (let i = 0; i < inputs.length; i++) {
      const args = inputs[i]!;
      if (this.agg.strict) {
        if (this.awaitingFirst) {
          this.state = args[0] ?? null;
          this.awaitingFirst = false;
          continue;
        }
        if (this.state === null) continue;
      }
      this.state = (await this.agg.transition([[this.state, ...args]], ctx))[0]!;
      if ((i + 1) % TRANSITIONS_PER_TICK === 0) await batchTick(ctx);
    }
  }
}
