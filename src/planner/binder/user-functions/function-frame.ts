/**
 * The arguments of a user SQL function while its body is bound: the body's `$n` and parameter
 * names resolve to the caller's bound argument expressions (a name a column of the body's own
 * FROM also has means the column, as in PostgreSQL). Nested calls push frames; a frame per
 * level bounds the depth (54001), and a function reaching itself is refused, since bodies
 * are inlined where they are called.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { StoredFunction } from '../../../types/stored-table.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import type { BindContext } from '../bind-context.js';
import type { Scope } from '../scope.js';

/** Deepest nesting of user function bodies (PostgreSQL's limit is its stack, max_stack_depth). */
const MAX_FRAMES = 100;

export interface FunctionFrame {
  readonly fn: StoredFunction;
  /** Input parameter names, by position (undefined when unnamed). */
  readonly names: readonly (string | undefined)[];
  /** The caller's arguments, converted to the parameters' types. */
  readonly args: readonly BoundExpr[];
}

/**
 * PostgreSQL runs a VOLATILE function with a new snapshot per call, so in INSERT / UPDATE /
 * DELETE it sees the rows the statement changed so far; an inlined body reads the statement's
 * snapshot. Such a call that reads tables is refused rather than answered differently.
 */
function refuseVolatileRead(bind: BindContext, frame: FunctionFrame, lookupsBefore: number): void {
  if (!bind.writing || frame.fn.volatility !== 'v' || frame.fn.procedure) return;
  const reads = bind.dependencies.slice(lookupsBefore).some((d) => d.kind === 'relation' && d.id !== 0);
  if (reads) {
    throw new SqlError(SQLSTATE.FeatureNotSupported,
      `calling VOLATILE SQL function "${frame.fn.name}", which reads tables, inside INSERT, UPDATE or DELETE is not supported`,
      { hint: 'Declare the function STABLE if it need not see the statement\'s own changes.' });
  }
}

/** Binds `body` with `frame` as the innermost function frame. */
export function withFunctionFrame<T>(bind: BindContext, frame: FunctionFrame, body: () => T): T {
  const frames = bind.functionFrames;
  if (frames.some((f) => f.fn.id === frame.fn.id)) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `recursive calls of SQL function "${frame.fn.name}" are not supported`);
  }
  if (frames.length >= MAX_FRAMES) {
    throw new SqlError(SQLSTATE.StatementTooComplex, 'stack depth limit exceeded', {
      hint: 'Increase the configuration parameter "max_stack_depth" (currently 2048kB), after ensuring the platform\'s stack depth limit is adequate.',
    });
  }
  frames.push(frame);
  const lookupsBefore = bind.dependencies.length;
  try {
    const result = body();
    refuseVolatileRead(bind, frame, lookupsBefore);
    return result;
  } finally {
    frames.pop();
  }
}

/**
 * An argument used inside the body reads the caller's row: every subquery between the use and
 * the body's root becomes correlated (its result depends on the call).
 */
function markCorrelated(scope: Scope, arg: BoundExpr): BoundExpr {
  if (arg.kind !== 'Constant' && arg.kind !== 'Param') {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.boundary) s.boundary.correlated = true;
  }
  return arg;
}

/** `$n` inside a function body; undefined outside one. */
export function frameParam(bind: BindContext, scope: Scope, index: number): BoundExpr | undefined {
  const frame = bind.functionFrames[bind.functionFrames.length - 1];
  if (!frame) return undefined;
  const arg = frame.args[index - 1];
  if (!arg) throw new SqlError(SQLSTATE.UndefinedParameter, `there is no parameter $${index}`);
  return markCorrelated(scope, arg);
}

/** A parameter named `column` (or `fn.column`) inside a function body; undefined if none. */
export function frameName(bind: BindContext, scope: Scope, table: string | undefined, column: string): BoundExpr | undefined {
  const frame = bind.functionFrames[bind.functionFrames.length - 1];
  if (!frame || (table !== undefined && table !== frame.fn.name)) return undefined;
  const at = frame.names.indexOf(column);
  return at < 0 ? undefined : markCorrelated(scope, frame.args[at]!);
}
