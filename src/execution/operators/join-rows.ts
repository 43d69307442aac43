/** Helpers shared by the join operators: combining rows and NULL-padding unmatched sides. */
import type { Row, Value } from '../../types/value.js';

export function combine(left: Row, right: Row): Row {
  return [...left, ...right];
}

export function nulls(width: number): Value[] {
  return new Array<Value>(width).fill(null);
}
