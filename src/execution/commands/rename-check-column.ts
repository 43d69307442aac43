/**
 * ALTER TABLE … RENAME COLUMN for CHECK constraints and partition key expressions: their stored
 * SQL text names columns, so the renamed column's identifiers are rewritten in it (PostgreSQL stores a parse tree with
 * attribute numbers and needs no rewrite). A word followed by `(` is a function name, not a column.
 */
import { quoteIdent } from '../../functions/scalar/string-functions.js';
import { tokenize } from '../../parser/lexer.js';
import type { StoredTable } from '../../storage/storage-api.js';

/** The tokens of `sql` that name column `column`. */
function columnTokens(sql: string, column: string): ReturnType<typeof tokenize> {
  const tokens = tokenize(sql);
  return tokens.filter((t, i) => {
    const name = t.type === 'word' ? t.text.toLowerCase() : t.type === 'qident' ? t.value : undefined;
    return name === column && tokens[i + 1]?.text !== '(';
  });
}

/** True when the stored expression `sql` reads column `column`. */
export function sqlReadsColumn(sql: string, column: string): boolean {
  return columnTokens(sql, column).length > 0;
}

/** `sql` with each reference to column `from` spelled `to`. */
function renameInSql(sql: string, from: string, to: string): string {
  let out = '';
  let at = 0;
  for (const t of columnTokens(sql, from)) {
    out += sql.slice(at, t.start) + quoteIdent(to);
    at = t.end;
  }
  return out + sql.slice(at);
}

/** `table` (already renamed) with its CHECK constraints' and partition key expressions' text following the column rename. */
export function renameColumnInChecks(table: StoredTable, from: string, to: string): StoredTable {
  const key = table.partitionKey;
  const renamed = key?.parts.some((p) => p.exprSql !== undefined)
    ? { ...table, partitionKey: { ...key, parts: key.parts.map((p) => (p.exprSql !== undefined ? { ...p, exprSql: renameInSql(p.exprSql, from, to) } : p)) } }
    : table;
  if (!renamed.constraints?.some((c) => c.type === 'c')) return renamed;
  const constraints = renamed.constraints.map((c) => (c.type === 'c' && c.checkSql ? { ...c, checkSql: renameInSql(c.checkSql, from, to) } : c));
  return { ...renamed, constraints };
}
