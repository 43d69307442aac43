/**
 * A table's columns as the query of the view being bound names them: by the names they had at
 * CREATE VIEW (a column renamed since is still found), and hidden when the view did not read
 * them (a column added since is not part of its `*`). Outside a view, or for a view stored
 * before column uses were recorded, the columns are as they are.
 */
import type { StoredTable } from '../../types/stored-table.js';
import type { BindContext } from './bind-context.js';
import type { ScopeColumn } from './scope.js';

/** `columns` (one per `table.columns`, same order; extra system columns after) as the view sees them. */
export function asViewSees<C extends ScopeColumn>(bind: BindContext, table: StoredTable, columns: readonly C[]): C[] {
  const used = bind.viewColumns?.get(table.id);
  if (!used) return [...columns];
  return columns.map((column, i) => {
    const stored = table.columns[i];
    if (!stored) return column;
    const name = used.get(stored.id);
    return name === undefined ? { ...column, hidden: true } : { ...column, name };
  });
}
