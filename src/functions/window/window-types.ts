/**
 * The vocabulary of window functions: a sorted partition as the executor presents it (argument
 * values by row, peer groups, frames) and the built-in window-only functions that read it.
 * Aggregates used with OVER are run by the executor over each row's frame.
 */
import type { SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ArgSpec, ReturnTypeRule } from '../function-types.js';

/** Half-open range of partition positions. */
export interface RowRange {
  readonly start: number;
  readonly end: number;
}

/** One partition, rows in window ORDER BY order (positions 0…size-1). */
export interface WindowPartition {
  readonly size: number;
  /** Arguments given to the call (lag(x) has 1, lag(x, 2, 0) has 3). */
  readonly argCount: number;
  /** Argument `i` evaluated for the row at `position`. */
  arg(position: number, i: number): Value;
  /** The peer group of `position` (rows equal under ORDER BY; all rows without ORDER BY). */
  peers(position: number): RowRange;
  /**
   * The window frame of `position`: ordered, disjoint, non-empty ranges (more than one when
   * EXCLUDE cuts rows out of its middle; none for an empty frame).
   */
  frame(position: number): readonly RowRange[];
}

/** One signature of a window-only function (row_number, lag, …). */
export interface WindowOverload {
  readonly args: readonly ArgSpec[];
  readonly returns: ReturnTypeRule;
  /** The function's value for every row of the partition, in partition order. */
  readonly evaluate: (partition: WindowPartition, argTypes: readonly SqlType[]) => Value[];
}

export interface WindowFunction {
  readonly name: string;
  readonly overloads: readonly WindowOverload[];
}
