/**
 * SQL text of the schema objects the deparsers and catalog views show: pg_get_indexdef /
 * pg_indexes.indexdef, pg_get_constraintdef, pg_get_viewdef / pg_views.definition, in
 * PostgreSQL's spelling (`CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id)`).
 */
import { quoteIdent } from '../../functions/scalar/string-functions.js';
import type { StoredConstraint, StoredIndex, StoredTable } from '../../storage/storage-api.js';
import type { CatalogReader } from '../catalog-transaction.js';

const ACTION_WORDS: Readonly<Record<string, string>> = { r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

function columnNames(table: StoredTable, ids: readonly number[]): string[] {
  return ids.map((id) => quoteIdent(table.columns.find((c) => c.id === id)?.name ?? '?'));
}

/** `CREATE [UNIQUE] INDEX name ON public.t USING btree (a, b)`; `column` > 0 gives that key column only. */
export function indexDefinition(table: StoredTable, index: StoredIndex, column = 0): string {
  const names = columnNames(table, index.columnIds);
  if (column > 0) return names[column - 1] ?? '';
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(index.name)} ON public.${quoteIdent(table.name)} USING btree (${names.join(', ')})`;
}

/**
 * `PRIMARY KEY (id)`, `UNIQUE (a, b)`, `FOREIGN KEY (x) REFERENCES t(id) MATCH FULL ON DELETE CASCADE`,
 * `CHECK ((a > 0)) NO INHERIT NOT VALID` — or with `pretty`, `CHECK (a > 0)` (only the outer
 * parentheses dropped).
 */
export function constraintDefinition(txn: CatalogReader, table: StoredTable, constraint: StoredConstraint, pretty = false): string {
  const notValid = constraint.notValid ? ' NOT VALID' : '';
  if (constraint.type === 'c') {
    const sql = constraint.checkSql ?? 'true';
    return `CHECK (${pretty ? withoutOuterParens(sql) : sql})${constraint.noInherit ? ' NO INHERIT' : ''}${notValid}`;
  }
  const columns = columnNames(table, constraint.columnIds).join(', ');
  if (constraint.type === 'p') return `PRIMARY KEY (${columns})`;
  if (constraint.type === 'u') return `UNIQUE (${columns})`;
  const ref = constraint.references!;
  const target = txn.listTables().find((t) => t.id === ref.tableId);
  const targetColumns = target ? columnNames(target, ref.columnIds).join(', ') : '';
  let text = `FOREIGN KEY (${columns}) REFERENCES ${quoteIdent(target?.name ?? '?')}(${targetColumns})`;
  if (ref.matchFull) text += ' MATCH FULL';
  if (ref.onUpdate !== 'a') text += ` ON UPDATE ${ACTION_WORDS[ref.onUpdate]}`;
  if (ref.onDelete !== 'a') text += ` ON DELETE ${ACTION_WORDS[ref.onDelete]}`;
  return text + notValid;
}

/** `(x)` → `x` when the parentheses enclose the whole text (parens in string literals are not told apart). */
export function withoutOuterParens(sql: string): string {
  if (!sql.startsWith('(') || !sql.endsWith(')')) return sql;
  let depth = 0;
  for (let i = 0; i < sql.length - 1; i++) {
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) return sql;
  }
  return sql.slice(1, -1);
}

/**
 * The view's query as written at CREATE (PostgreSQL re-deparses its parse tree instead, so
 * spacing and qualification differ), prefixed with a space and ending in `;` as PostgreSQL's is.
 */
export function viewDefinition(view: StoredTable): string | null {
  return view.view ? ` ${view.view.sql};` : null;
}

/** Every constraint of every user table with its table. */
export function listConstraints(txn: CatalogReader): { table: StoredTable; constraint: StoredConstraint }[] {
  return txn.listTables().flatMap((table) => (table.constraints ?? []).map((constraint) => ({ table, constraint })))
    .sort((a, b) => a.constraint.oid - b.constraint.oid);
}
