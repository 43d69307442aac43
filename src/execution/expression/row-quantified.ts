/**
 * `(a, b) op ANY/ALL (SELECT x, y …)` (and IN, NOT IN): the operand's fields against each row,
 * with PostgreSQL's row-constructor comparison — `=` / `<>` pair by pair, the ordering operators
 * lexicographically — and its NULL rules: a comparison a NULL pair leaves undecided is NULL, and
 * the quantifier then answers NULL unless another row decides it. `=` ANY / IN tests rows
 * without NULLs through a hash set and compares only the rows that hold a NULL.
 */
import { rowKey } from '../../functions/compare.js';
import type { CompareOp } from '../../planner/logical/bound-expr.js';
import { RecordValue, type Value } from '../../types/value.js';
import { compareSql, quantifyOver } from './compile-expr.js';

type Truth = boolean | null;

function and3(a: Truth, b: Truth): Truth {
  if (a === false || b === false) return false;
  return a === null || b === null ? null : true;
}

function or3(a: Truth, b: Truth): Truth {
  if (a === true || b === true) return true;
  return a === null || b === null ? null : false;
}

function pair(op: CompareOp, a: Value, b: Value): Truth {
  return compareSql(op, a, b) as Truth;
}

/** `(a1, …) op (b1, …)` for tuples of equal length. */
export function compareTuples(op: CompareOp, a: readonly Value[], b: readonly Value[]): Truth {
  if (op === '=' || op === '<>') {
    let all: Truth = true;
    for (let i = 0; i < a.length && all !== false; i++) all = and3(all, pair('=', a[i]!, b[i]!));
    return op === '=' || all === null ? all : !all;
  }
  const strict: CompareOp = op === '<' || op === '<=' ? '<' : '>';
  let decided = pair(op, a[a.length - 1]!, b[b.length - 1]!);
  for (let i = a.length - 2; i >= 0; i--) decided = or3(pair(strict, a[i]!, b[i]!), and3(pair('=', a[i]!, b[i]!), decided));
  return decided;
}

/** ANY (`any`) or ALL of `compareTuples(op, operand, row)` over `rows`; empty: ANY false, ALL true. */
function quantifiedTuples(op: CompareOp, any: boolean, operand: readonly Value[], rows: readonly (readonly Value[])[]): Truth {
  return quantifyOver(any, rows, (row) => compareTuples(op, operand, row));
}

/** One subquery result's rows, split for `=` ANY: a hash set of the rows without NULLs, and the rest. */
export interface TupleSet {
  readonly keys: Set<string>;
  readonly withNulls: readonly (readonly Value[])[];
}

export function tupleSet(rows: readonly (readonly Value[])[]): TupleSet {
  const keys = new Set<string>();
  const withNulls: (readonly Value[])[] = [];
  for (const row of rows) {
    if (row.some((v) => v === null)) withNulls.push(row);
    else keys.add(rowKey(row));
  }
  return { keys, withNulls };
}

/**
 * The answer before NOT IN's negation. `set` (built once per result) serves `=` ANY; without it
 * every row is compared. A NULL operand record is NULL unless there are no rows.
 */
export function rowQuantified(op: CompareOp, any: boolean, operand: Value, rows: readonly (readonly Value[])[], set?: TupleSet): Truth {
  if (rows.length === 0) return !any;
  if (operand === null) return null;
  const fields = (operand as RecordValue).values;
  if (!set || !any || op !== '=' || fields.some((v) => v === null)) return quantifiedTuples(op, any, fields, rows);
  if (set.keys.has(rowKey(fields))) return true;
  // Rows holding a NULL can only make `=` NULL or false, never true.
  return quantifiedTuples(op, any, fields, set.withNulls);
}
