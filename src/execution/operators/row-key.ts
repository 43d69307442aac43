/**
 * Hash keys for rows of known column types (DISTINCT, GROUP BY, UNION / INTERSECT / EXCEPT):
 * compare.ts's rowKey, except that a character(n) value is keyed without its trailing blanks,
 * since PostgreSQL's bpchar equality ignores them ('a'::char(2) and 'a'::char(4) are one value).
 */
import { trimBlankPadding } from '../../functions/casts.js';
import { rowKey } from '../../functions/compare.js';
import type { SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';

/** A key function for rows whose columns have `types`. */
export function rowKeyFor(types: readonly SqlType[]): (row: readonly Value[]) => string {
  const padded = types.flatMap((t, i) => (t.id === 'bpchar' && !t.array ? [i] : []));
  if (padded.length === 0) return rowKey;
  return (row) => {
    const unpadded = row.slice();
    for (const i of padded) if (typeof unpadded[i] === 'string') unpadded[i] = trimBlankPadding(unpadded[i] as string);
    return rowKey(unpadded);
  };
}
