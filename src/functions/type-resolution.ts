/**
 * Common-type resolution for UNION, CASE, COALESCE, IN lists, VALUES columns and comparison
 * operands, after PostgreSQL's select_common_type: unknowns yield to any known type (all
 * unknown → text); otherwise pick the candidate every other input converts to implicitly,
 * preferring the category's preferred type.
 */
import { TYPE_INFO, type SqlType } from '../types/sql-type.js';
import { canCast } from './casts.js';

const TEXT: SqlType = { id: 'text', array: false, typmod: -1 };
const PREFERRED = new Set(['float8', 'text', 'timestamptz', 'interval', 'bool']);

/** The common type of `types`, or undefined when they do not match (caller reports 42804). */
export function commonType(types: readonly SqlType[]): SqlType | undefined {
  const known = types.filter((t) => t.id !== 'unknown' || t.array);
  if (known.length === 0) return TEXT;
  let result = known[0]!;
  for (const next of known.slice(1)) {
    if (next.id === result.id && next.array === result.array) {
      if (next.typmod !== result.typmod) result = { ...result, typmod: -1 };
      continue;
    }
    const toNext = canCast(result, next, 'implicit');
    const toResult = canCast(next, result, 'implicit');
    if (toNext && !toResult) result = next;
    else if (toNext && toResult) {
      if (PREFERRED.has(next.id) && !PREFERRED.has(result.id)) result = next;
    } else if (!toResult) {
      if (TYPE_INFO[result.id].category === 'S' && TYPE_INFO[next.id].category === 'S') result = TEXT;
      else return undefined;
    }
  }
  return { ...result, typmod: result.typmod };
}
