/**
 * ALTER TABLE … RENAME COLUMN for CHECK constraints: their stored SQL text names columns, so
 * the renamed column's identifiers are rewritten in it (PostgreSQL stores a parse tree with
 * attribute numbers and needs no rewrite). A word followed by `(` is a function name, not a column.
 */
import { quoteIdent } from '../../functions/scalar/string-functions.js';
import { tokenize } from '../../parser/lexer.js';
import type { StoredTable } from '../../storage/storage-api.js';

/** `sql` with each reference to column `from` spelled `to`. */
function renameInSql(sql: string, from: string, to: string): string {
  const tokens = tokenize(sql);
  let out = '';
  let at = 0;
  tokens.forEach((t, i) => {
    const name = t.type === 'word' ? t.text.toLowerCase() : t.type === 'qident' ? t.value : undefined;
    if (name !== from || tokens[i + 1]?.text === '(') return;
    out += sql.slice(at, t.start) + quoteIdent(to);
    at = t.end;
  });
  return out + sql.slice(at);
}

/** `table` (already renamed) with its CHECK constraints' text following the column rename. */
export function renameColumnInChecks(table: StoredTable, from: string, to: string): StoredTable {
  if (!table.constraints?.some((c) => c.type === 'c')) return table;
  const constraints = table.constraints.map((c) => (c.type === 'c' && c.checkSql ? { ...c, checkSql: renameInSql(c.checkSql, from, to) } : c));
  return { ...table, constraints };
}
