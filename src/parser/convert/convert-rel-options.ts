/**
 * Storage parameter lists — `WITH (fillfactor = 70, toast.autovacuum_enabled)`, `SET (…)`,
 * `RESET (…)` — as RelOptions: names and values as written (validated by the catalog). CREATE
 * TABLE's `oids` is PostgreSQL's special case: true is 0A000, false is dropped.
 */
import type { DefElem, Node } from 'libpg-query';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { RelOption } from '../ast.js';

/** The DefElems of `list` as options; `reset` refuses values (42601), `create` handles `oids`. */
export function convertRelOptions(list: readonly Node[] | undefined, use: 'create' | 'set' | 'reset'): RelOption[] {
  const out: RelOption[] = [];
  for (const node of list ?? []) {
    if (!('DefElem' in node)) continue;
    const d = node.DefElem;
    const value = d.arg ? valueText(d) : undefined;
    if (use === 'reset' && value !== undefined) throw new SqlError(SQLSTATE.SyntaxError, 'RESET must not include values for parameters');
    if (use === 'create' && d.defnamespace === undefined && d.defname === 'oids') {
      if (value === undefined || /^(t|tr|tru|true|y|ye|yes|on|1)$/i.test(value)) {
        throw new SqlError(SQLSTATE.FeatureNotSupported, 'tables declared WITH OIDS are not supported');
      }
      continue;
    }
    out.push({ ...(d.defnamespace !== undefined ? { namespace: d.defnamespace } : {}), name: d.defname ?? '', ...(value !== undefined ? { value } : {}) });
  }
  return out;
}

function valueText(d: DefElem): string {
  const arg = d.arg!;
  if ('Integer' in arg) return String(arg.Integer.ival ?? 0);
  if ('Float' in arg) return arg.Float.fval ?? '0';
  if ('Boolean' in arg) return arg.Boolean.boolval ? 'true' : 'false';
  if ('String' in arg) return arg.String.sval ?? '';
  if ('TypeName' in arg) return (arg.TypeName.names ?? []).map((n) => ('String' in n ? n.String.sval : '')).join('.');
  return '';
}
