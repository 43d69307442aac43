/**
 * GROUP BY with ROLLUP / CUBE / GROUPING SETS → the list of grouping sets it means, as
 * PostgreSQL expands it (expand_grouping_sets): the GROUP BY items multiply (each set of one
 * item combined with each set of the next); ROLLUP (a, b) is (a, b), (a), (); CUBE (a, b) is
 * every subset; GROUPING SETS lists its sets. Duplicates stay unless GROUP BY DISTINCT.
 *
 * @example
 * // GROUP BY a, ROLLUP (b, c) → [[a, b, c], [a, b], [a]]
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr, GroupByItem, GroupingElement, GroupingSet } from '../../parser/ast.js';

/** PostgreSQL's limits (parse_clause.c, parse_agg.c). */
const MAX_CUBE_ELEMENTS = 12;
const MAX_GROUPING_SETS = 4096;

/** True when GROUP BY uses grouping-set syntax at all. */
export function hasGroupingSets(items: readonly GroupByItem[]): boolean {
  return items.some((item) => item.kind === 'GroupingSet');
}

/** The grouping sets of a GROUP BY clause, each a list of expressions. */
export function expandGroupingSets(items: readonly GroupByItem[], position: (word: string) => number | undefined): Expr[][] {
  let count = 1;
  for (const item of items) count *= item.kind === 'GroupingSet' ? countSets(item, position) : 1;
  if (count > MAX_GROUPING_SETS) {
    throw new SqlError(SQLSTATE.StatementTooComplex, `too many grouping sets present (maximum ${MAX_GROUPING_SETS})`);
  }
  let result: Expr[][] = [[]];
  for (const item of items) {
    const sets = item.kind === 'GroupingSet' ? setsOf(item) : [[item]];
    result = result.flatMap((prefix) => sets.map((set) => [...prefix, ...set]));
  }
  return result;
}

/** How many sets a grouping set expands to (checked before expanding, as the count can be huge). */
function countSets(set: GroupingSet, position: (word: string) => number | undefined): number {
  switch (set.type) {
    case 'EMPTY': return 1;
    case 'ROLLUP': return set.content.length + 1;
    case 'CUBE':
      if (set.content.length > MAX_CUBE_ELEMENTS) {
        throw new SqlError(SQLSTATE.TooManyColumns, `CUBE is limited to ${MAX_CUBE_ELEMENTS} elements`, { position: position('cube') });
      }
      return 2 ** set.content.length;
    case 'SETS': {
      let total = 0;
      for (const element of set.content) total += isGroupingSet(element) ? countSets(element, position) : 1;
      return total;
    }
  }
}

function setsOf(set: GroupingSet): Expr[][] {
  const elements = set.content.map(elementExprs);
  switch (set.type) {
    case 'EMPTY': return [[]];
    case 'ROLLUP': {
      const sets: Expr[][] = [];
      for (let n = elements.length; n >= 0; n--) sets.push(elements.slice(0, n).flat());
      return sets;
    }
    case 'CUBE': {
      const sets: Expr[][] = [];
      // Largest first, like ROLLUP: bit i of the counter set means element i is left out.
      for (let mask = 0; mask < 2 ** elements.length; mask++) {
        sets.push(elements.filter((_, i) => (mask & (1 << (elements.length - 1 - i))) === 0).flat());
      }
      return sets;
    }
    case 'SETS':
      return set.content.flatMap((element) => (isGroupingSet(element) ? setsOf(element) : [elementExprs(element)]));
  }
}

/** A ROLLUP / CUBE element or a GROUPING SETS member that is not a nested set: its expressions. */
function elementExprs(element: GroupingElement): Expr[] {
  if (Array.isArray(element)) return [...(element as readonly Expr[])];
  if (isGroupingSet(element)) return setsOf(element).flat();
  return [element as Expr];
}

function isGroupingSet(element: GroupingElement): element is GroupingSet {
  return !Array.isArray(element) && (element as GroupingSet | Expr).kind === 'GroupingSet';
}
