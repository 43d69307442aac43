/**
 * CREATE [OR REPLACE] [TEMP] VIEW v [(cols)] AS query → CreateView. The query is converted now
 * (errors surface at CREATE) and its text kept as written: the catalog stores a view as SQL
 * and binds it again at each use. View options (WITH …) and WITH CHECK OPTION are 0A000.
 */
import type { ViewStmt } from 'libpg-query';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CreateView } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertQuery, hasSelectInto } from './convert-select.js';
import { notSupported } from './not-supported.js';
import { stringsOf } from './pg-node.js';
import { relationName } from './qualified-name.js';
import { queryAfterAs } from './source-spans.js';

/** Convert CREATE VIEW. */
export function convertCreateView(s: ViewStmt, ctx: ConvertContext): CreateView {
  if (s.options) throw notSupported('view options (WITH …)', ctx);
  if (s.withCheckOption !== undefined && s.withCheckOption !== 'NO_CHECK_OPTION') throw notSupported('WITH CHECK OPTION', ctx);
  if (hasSelectInto(s.query!)) throw new SqlError(SQLSTATE.FeatureNotSupported, 'views must not contain SELECT INTO');
  const columns = s.aliases ? stringsOf(s.aliases) : undefined;
  return {
    kind: 'CreateView', name: relationName(s.view!, ctx, true), orReplace: s.replace ?? false,
    ...(columns ? { columns } : {}), query: convertQuery(s.query!, ctx), sql: queryAfterAs(ctx, ctx.start, ctx.end),
  };
}
