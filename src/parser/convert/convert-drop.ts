/**
 * DROP TABLE | INDEX | VIEW | SEQUENCE [IF EXISTS] a, b [CASCADE|RESTRICT] → DropTable /
 * DropRelation; dropping any other kind of object is 0A000 naming it (DROP FUNCTION …).
 */
import type { DropStmt } from 'libpg-query';
import type { DropRelation, DropTable } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { notSupported } from './not-supported.js';
import { listItems, stringsOf } from './pg-node.js';
import { dottedName } from './qualified-name.js';

const RELKINDS = { OBJECT_INDEX: 'index', OBJECT_VIEW: 'view', OBJECT_SEQUENCE: 'sequence' } as const;

/** Convert DROP. */
export function convertDrop(s: DropStmt, ctx: ConvertContext): DropTable | DropRelation {
  const cascade = s.behavior === 'DROP_CASCADE';
  const ifExists = s.missing_ok ?? false;
  const parts = (s.objects ?? []).map((o) => stringsOf(listItems(o)));
  switch (s.removeType) {
    case 'OBJECT_TABLE':
      return { kind: 'DropTable', names: parts.map((p) => dottedName(p)), ifExists, ...(cascade ? { cascade } : {}) };
    case 'OBJECT_INDEX': case 'OBJECT_VIEW': case 'OBJECT_SEQUENCE':
      return { kind: 'DropRelation', relkind: RELKINDS[s.removeType], names: parts.map((p) => dottedName(p, true)), ifExists, cascade };
    default: {
      const what = String(s.removeType).replace(/^OBJECT_/, '').replace(/_/g, ' ').replace('MATVIEW', 'MATERIALIZED VIEW');
      throw notSupported(`DROP ${what}`, ctx);
    }
  }
}
