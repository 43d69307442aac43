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

/** select_common_type: the type `types` resolve to, or undefined when they do not match (42804). */
export function selectCommonType(types: readonly SqlType[]): SqlType | undefined {
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
    if (!toNext && !toResult) {
      if (TYPE_INFO[result.id].category === 'S' && TYPE_INFO[next.id].category === 'S') result = TEXT;
      else return undefined;
    } else if (toNext && !toResult && !PREFERRED.has(result.id)) result = next;
  }
  return result;
}

/** The operand type of a binary operator over `types`, or undefined when they do not match. */
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
      // varchar has no comparison operators of its own: against character(n) the bpchar ones win
      // (one exact argument), against text the text ones.
      if (next.id === 'bpchar' && result.id === 'varchar') result = next;
      else if (PREFERRED.has(next.id) && !PREFERRED.has(result.id) && !(result.id === 'bpchar' && next.id === 'varchar')) result = next;
    } else if (!toResult) {
      if (TYPE_INFO[result.id].category === 'S' && TYPE_INFO[next.id].category === 'S') result = TEXT;
      else return undefined;
    }
  }
  return { ...result, typmod: result.typmod };
}
