/**
 * VACUUM / ANALYZE [(options)] [table [(column, …)], …] → Maintenance: the columnar store has
 * nothing to vacuum and no planner statistics, so both only check what they name (as
 * PostgreSQL does before working) and report their tag.
 */
import type { VacuumStmt } from 'libpg-query';
import type { Maintenance } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { relationName } from './qualified-name.js';

/** Convert VACUUM or ANALYZE. */
export function convertVacuum(s: VacuumStmt, ctx: ConvertContext): Maintenance {
  const tables = (s.rels ?? []).flatMap((node) => {
    if (!('VacuumRelation' in node) || !node.VacuumRelation.relation) return [];
    const columns = (node.VacuumRelation.va_cols ?? []).flatMap((c) => ('String' in c ? [c.String.sval ?? ''] : []));
    return [{ name: relationName(node.VacuumRelation.relation, ctx), columns }];
  });
  return { kind: 'Maintenance', command: s.is_vacuumcmd ? 'VACUUM' : 'ANALYZE', tables };
}
