/**
 * CREATE [OR REPLACE] [TEMP] VIEW v [(cols)] AS query → CreateView. The query is converted now
 * (errors surface at CREATE) and its text kept as written: the catalog stores a view as SQL
 * and binds it again at each use. WITH [LOCAL | CASCADED] CHECK OPTION and `WITH (check_option
 * = …)` are kept; other view options (WITH …) are 0A000.
 */
import type { ViewStmt } from 'libpg-query';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CreateView, ViewCheckOption } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertQuery, hasSelectInto } from './convert-select.js';
import { notSupported } from './not-supported.js';
import { stringsOf } from './pg-node.js';
import { relationName } from './qualified-name.js';
import { queryAfterAs } from './source-spans.js';

/** Convert CREATE VIEW. */
export function convertCreateView(s: ViewStmt, ctx: ConvertContext): CreateView {
  let checkOption: ViewCheckOption | undefined = s.withCheckOption === 'LOCAL_CHECK_OPTION' ? 'local'
    : s.withCheckOption === 'CASCADED_CHECK_OPTION' ? 'cascaded' : undefined;
  let securityBarrier: boolean | undefined;
  for (const option of s.options ?? []) {
    const def = 'DefElem' in option ? option.DefElem : undefined;
    const value = def?.arg ? optionValue(def.arg) : undefined;
    if (def?.defname === 'security_barrier') {
      // Only leaky functions' side effects could tell (no row-level security, no plpgsql here): kept and shown.
      securityBarrier = def.arg === undefined || ['true', 'on', 'yes', '1'].includes((value ?? '').toLowerCase());
      continue;
    }
    if (def?.defname !== 'check_option') throw notSupported('view options (WITH …)', ctx);
    if (value !== 'local' && value !== 'cascaded') {
      throw new SqlError(SQLSTATE.InvalidParameterValue, 'invalid value for enum option "check_option": ' + (value ?? ''),
        { detail: 'Valid values are "local" and "cascaded".' });
    }
    checkOption = value;
  }
  if (hasSelectInto(s.query!)) throw new SqlError(SQLSTATE.FeatureNotSupported, 'views must not contain SELECT INTO');
  const columns = s.aliases ? stringsOf(s.aliases) : undefined;
  return {
    kind: 'CreateView', name: relationName(s.view!, ctx, true), orReplace: s.replace ?? false,
    ...(columns ? { columns } : {}), query: convertQuery(s.query!, ctx), sql: withoutCheckOption(queryAfterAs(ctx, ctx.start, ctx.end), checkOption),
    ...(checkOption ? { checkOption } : {}), ...(securityBarrier !== undefined ? { securityBarrier } : {}),
  };
}

/** The query text without a trailing `WITH [LOCAL | CASCADED] CHECK OPTION` (the grammar gives no span for it). */
function withoutCheckOption(sql: string, option: ViewCheckOption | undefined): string {
  return option ? sql.replace(/\s*WITH\s+(?:LOCAL\s+|CASCADED\s+)?CHECK\s+OPTION\s*$/i, '') : sql;
}

/** An option value as written (`= 'local'`, `= cascaded`, `= 1`, `= false`). */
function optionValue(arg: import('libpg-query').Node): string {
  if ('String' in arg) return arg.String.sval ?? '';
  if ('TypeName' in arg) {
    const last = arg.TypeName.names?.at(-1);
    return last && 'String' in last ? last.String.sval ?? '' : '';
  }
  if ('Integer' in arg) return String(arg.Integer.ival ?? 0);
  if ('Boolean' in arg) return String(arg.Boolean.boolval ?? false);
  return '';
}
