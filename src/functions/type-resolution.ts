/**
 * Common-type resolution. `selectCommonType` is PostgreSQL's select_common_type, for UNION,
 * CASE, COALESCE, IN lists, ARRAY[] and VALUES columns: unknowns yield to any known type (all
 * unknown → text); the first type is kept unless it is not its category's preferred type and
 * a later one it converts to implicitly does not convert back (so `char(n)` UNION `text` is
 * `character`, `varchar` UNION `text` is `varchar`). `commonType` is the operand type of a
 * binary operator, which PostgreSQL's operator resolution steers to the preferred type
 * (`char(n) = text` compares as text).
 */
import { TYPE_INFO, type SqlType } from '../types/sql-type.js';
import { canCast } from './casts.js';

const TEXT: SqlType = { id: 'text', array: false, typmod: -1 };
const PREFERRED = new Set(['float8', 'text', 'timestamptz', 'interval', 'bool']);

/**
 * Which of two implicitly inter-convertible candidates wins: `result` (kept so far) or `next`,
 * given whether each converts to the other implicitly (at least one does).
 */
type Pick = (result: SqlType, next: SqlType, toNext: boolean, toResult: boolean) => SqlType;

/** The common type under `pick`, or undefined when the types do not match (42804). */
function resolve(types: readonly SqlType[], pick: Pick): SqlType | undefined {
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
    if (toNext || toResult) result = pick(result, next, toNext, toResult);
    else if (TYPE_INFO[result.id].category === 'S' && TYPE_INFO[next.id].category === 'S') result = TEXT;
    else return undefined;
  }
  return result;
}

/** select_common_type: switch only away from a non-preferred type to one that does not convert back. */
export function selectCommonType(types: readonly SqlType[]): SqlType | undefined {
  return resolve(types, (result, next, toNext, toResult) => (toNext && !toResult && !PREFERRED.has(result.id) ? next : result));
}

/** The operand type of a binary operator over `types`, or undefined when they do not match. */
export function commonType(types: readonly SqlType[]): SqlType | undefined {
  return resolve(types, (result, next, toNext, toResult) => {
    if (!toResult) return next;
    if (!toNext) return result;
    // varchar has no comparison operators of its own: against character(n) the bpchar ones win
    // (one exact argument), against text the text ones.
    if (next.id === 'bpchar' && result.id === 'varchar') return next;
    if (result.id === 'bpchar' && next.id === 'varchar') return result;
    return PREFERRED.has(next.id) && !PREFERRED.has(result.id) ? next : result;
  });
}
