/**
 * PostgreSQL's "Perhaps you meant …" hint for a column that does not exist (errorMissingColumn in
 * parse_relation.c): the visible columns whose names are within a small edit distance of the one
 * written — at most 3 edits and at most half the name's length — ranked by that distance, with a
 * mismatch between a written table alias and the relation's name added as a penalty. One best
 * match is suggested, or two when they tie; more ties suggest nothing.
 */
import type { Scope } from './scope.js';

/** The distance beyond which nothing is suggested (PostgreSQL's MAX_FUZZY_DISTANCE). */
const MAX_FUZZY_DISTANCE = 3;

/** Levenshtein distance with unit costs, stopping early once it exceeds `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      row.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = row;
  }
  return previous[b.length]!;
}

interface Candidate {
  readonly relation: string;
  readonly column: string;
}

/**
 * The HINT for `table.column` (or `column`) missing from `scope`, or undefined.
 * @example columnHint(scope, undefined, 'nmae') // 'Perhaps you meant to reference the column "t.name".'
 */
export function columnHint(scope: Scope | undefined, table: string | undefined, column: string): string | undefined {
  let best = MAX_FUZZY_DISTANCE + 1;
  let first: Candidate | undefined;
  let second: Candidate | undefined;
  for (let s = scope; s; s = s.parent) {
    for (const relation of s.relations) {
      if (relation.alias === undefined) continue;
      const penalty = table === undefined ? 0 : distance(table, relation.alias, MAX_FUZZY_DISTANCE + 1);
      for (const c of relation.columns) {
        if (c.hidden && table === undefined) continue;
        const d = distance(c.name, column, best + 1);
        // More than half the characters differ: not a plausible typo.
        if (d > Math.floor(column.length / 2)) continue;
        const total = d + penalty;
        if (total < best) {
          best = total;
          first = { relation: relation.alias, column: c.name };
          second = undefined;
        } else if (total === best && first) {
          if (second) {
            // A third equally good match: too many to suggest; only a closer one may win now.
            first = undefined;
            second = undefined;
            best = total - 1;
          } else {
            second = { relation: relation.alias, column: c.name };
          }
        }
      }
    }
  }
  if (!first) return undefined;
  const name = (c: Candidate) => `the column "${c.relation}.${c.column}"`;
  return second ? `Perhaps you meant to reference ${name(first)} or ${name(second)}.` : `Perhaps you meant to reference ${name(first)}.`;
}
