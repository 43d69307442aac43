/**
 * Pure helpers over the schema objects a table carries (indexes, constraints, comments) and
 * the relations that share PostgreSQL's one relation namespace (tables, views, indexes).
 * The executor uses them for CREATE/DROP INDEX, constraints, COMMENT ON and DROP … CASCADE.
 */
import { parseQualifiedName, quoteName } from '../functions/system/qualified-name.js';
import { parseRelationName } from './relation-name.js';
import type { StoredColumn, StoredConstraint, StoredIndex, StoredTable } from '../storage/storage-api.js';

/** PostgreSQL's NAMEDATALEN - 1: generated names are truncated to this many bytes. */
const MAX_NAME_BYTES = 63;

/** The index named `name` and the table that owns it. */
export function findIndex(tables: readonly StoredTable[], name: string): { table: StoredTable; index: StoredIndex } | undefined {
  for (const table of tables) {
    const index = table.indexes?.find((i) => i.name === name);
    if (index) return { table, index };
  }
  return undefined;
}

/**
 * True when CREATE [TEMP] of `qualified` would clash: a relation or index of the name space it
 * creates in (the session's temporary one, or public) already uses the name.
 */
export function createNameTaken(tables: readonly StoredTable[], qualified: string, temporary: boolean): boolean {
  const { namespace, name } = parseRelationName(qualified);
  const temp = namespace === 'pg_temp' || (namespace === undefined && temporary);
  return relationNameTaken(tables.filter((t) => (t.temporary === true) === temp), name);
}

/** True when a table, view or index already uses `name`. */
export function relationNameTaken(tables: readonly StoredTable[], name: string): boolean {
  return tables.some((t) => t.name === name) || findIndex(tables, name) !== undefined;
}

/**
 * PostgreSQL's ChooseRelationName: `table_col1_col2_suffix`, each part truncated so the whole
 * fits 63 bytes, then `…suffix1`, `…suffix2` until the name is free.
 * @example chooseRelationName(tables, 't', ['a'], 'key') // 't_a_key'
 */
export function chooseRelationName(
  tables: readonly StoredTable[], table: string, columns: readonly string[], suffix: string, taken: ReadonlySet<string> = new Set(),
): string {
  // A table in a user schema is stored as `schema.table`; generated names are built from `table` alone.
  const stem = [table.slice(table.lastIndexOf('.') + 1), ...columns].join('_');
  for (let n = 0; ; n++) {
    const tail = n === 0 ? suffix : `${suffix}${n}`;
    const candidate = `${truncateBytes(stem, MAX_NAME_BYTES - tail.length - 1)}_${tail}`;
    if (!relationNameTaken(tables, candidate) && !taken.has(candidate)) return candidate;
  }
}

function truncateBytes(s: string, max: number): string {
  let out = s;
  while (Buffer.byteLength(out, 'utf8') > max) out = out.slice(0, -1);
  return out;
}

/** Views whose query reads `table` (directly). */
export function dependentViews(tables: readonly StoredTable[], table: StoredTable): StoredTable[] {
  return tables.filter((t) => t.id !== table.id && t.view?.dependsOn.includes(table.id));
}

/**
 * Views whose query reads column `columnId` of `table`, as recorded at CREATE VIEW; undefined
 * when some view over `table` was stored before column uses were recorded (nothing to go by).
 */
export function viewsReadingColumn(tables: readonly StoredTable[], table: StoredTable, columnId: number): StoredTable[] | undefined {
  const views = dependentViews(tables, table);
  const uses = views.map((v) => v.view!.relations?.find((r) => r.id === table.id)?.columns);
  if (uses.some((u) => u === undefined)) return undefined;
  return views.filter((_, i) => uses[i]!.some((c) => c.id === columnId));
}

/** FOREIGN KEY constraints of other tables that reference `table`. */
export function referencingConstraints(
  tables: readonly StoredTable[], table: StoredTable,
): { table: StoredTable; constraint: StoredConstraint }[] {
  return tables.flatMap((t) => (t.id === table.id ? [] : (t.constraints ?? [])
    .filter((c) => c.references?.tableId === table.id)
    .map((constraint) => ({ table: t, constraint }))));
}

/** The table without the index `oid` and the constraint it backs. */
export function withoutIndex(table: StoredTable, oid: number): StoredTable {
  return withObjects(table, (table.indexes ?? []).filter((i) => i.oid !== oid),
    (table.constraints ?? []).filter((c) => c.indexOid !== oid));
}

/** The table without the constraint `oid` (and, for PRIMARY KEY/UNIQUE, its index). */
export function withoutConstraint(table: StoredTable, oid: number): StoredTable {
  const constraint = table.constraints?.find((c) => c.oid === oid);
  const indexes = (table.indexes ?? []).filter((i) => constraint?.indexOid === undefined || i.oid !== constraint.indexOid);
  return withObjects(table, indexes, (table.constraints ?? []).filter((c) => c.oid !== oid));
}

/** `table` with new index and constraint lists (keys left out when empty). */
export function withObjects(table: StoredTable, indexes: readonly StoredIndex[], constraints: readonly StoredConstraint[]): StoredTable {
  const { indexes: _i, constraints: _c, ...rest } = table;
  return {
    ...rest,
    ...(indexes.length > 0 ? { indexes } : {}),
    ...(constraints.length > 0 ? { constraints } : {}),
  };
}

/** COMMENT ON TABLE/VIEW (`column` undefined) or COLUMN; `text` null removes the comment. */
export function withComment(table: StoredTable, column: number | undefined, text: string | null): StoredTable {
  if (column === undefined) {
    const { comment: _old, ...rest } = table;
    return text === null ? rest : { ...rest, comment: text };
  }
  return {
    ...table,
    columns: table.columns.map((c) => {
      if (c.id !== column) return c;
      const { comment: _old, ...rest } = c;
      return text === null ? rest : { ...rest, comment: text };
    }),
  };
}

/** A column default drawing from sequence `name`, as PostgreSQL stores it: `nextval('name'::regclass)`. */
export function nextvalDefault(name: string): string {
  // A sequence in a user schema is stored as `schema.name` and written qualified, as PostgreSQL shows it.
  const dot = name.indexOf('.');
  const written = dot > 0 ? `${quoteName(name.slice(0, dot))}.${quoteName(name.slice(dot + 1))}` : quoteName(name);
  return `nextval('${written.replace(/'/g, "''")}'::regclass)`;
}

/** The stored name of the sequence a `nextval('…'[::regclass])` default draws from, or undefined. */
export function defaultSequenceName(defaultSql: string | undefined): string | undefined {
  const m = defaultSql && /^nextval\('((?:[^']|'')*)'(?:::regclass)?\)$/.exec(defaultSql);
  if (!m) return undefined;
  try {
    const q = parseQualifiedName(m[1]!.replace(/''/g, "'"));
    return q.schema === undefined || q.schema === 'public' ? q.name : `${q.schema}.${q.name}`;
  } catch {
    return undefined;
  }
}

/** Columns of other tables whose default draws from `sequence`. */
export function columnsUsingSequence(
  tables: readonly StoredTable[], sequence: StoredTable,
): { table: StoredTable; column: StoredColumn }[] {
  return tables.flatMap((t) => t.columns.filter((c) => defaultSequenceName(c.defaultSql) === sequence.name).map((column) => ({ table: t, column })));
}

/** Sequences owned by a column of `table` (serial, identity, OWNED BY), optionally only that column's. */
export function ownedSequences(tables: readonly StoredTable[], table: StoredTable, columnId?: number): StoredTable[] {
  return tables.filter((t) => t.sequence?.ownedBy?.tableId === table.id && (columnId === undefined || t.sequence.ownedBy.columnId === columnId));
}
