/**
 * TRUNCATE [TABLE] [ONLY] a [*], b … [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]
 * → Truncate; the names written with ONLY are listed (their inheriting tables are not truncated).
 */
import type { TruncateStmt } from 'libpg-query';
import type { Truncate } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { relationName } from './qualified-name.js';

/** Convert TRUNCATE. */
export function convertTruncate(s: TruncateStmt, ctx: ConvertContext): Truncate {
  // The grammar only puts relation names (RangeVar) here.
  const names = (s.relations ?? []).flatMap((node) => ('RangeVar' in node ? [relationName(node.RangeVar, ctx)] : []));
  // The grammar leaves `inh` unset for ONLY.
  const only = (s.relations ?? []).flatMap((node) => ('RangeVar' in node && !node.RangeVar.inh ? [relationName(node.RangeVar, ctx)] : []));
  return {
    kind: 'Truncate', names, restartIdentity: s.restart_seqs ?? false, cascade: s.behavior === 'DROP_CASCADE', ...(only.length > 0 ? { only } : {}),
  };
}
