/**
 * FOREIGN KEY enforcement on the referencing side, for one INSERT/UPDATE/COPY statement.
 * Rows are collected as the statement writes them; `finish()` runs after the table is replaced,
 * so the referenced table is seen as the statement leaves it (a self-reference may point at a
 * row of the same statement, as with PostgreSQL's end-of-statement check). No index exists:
 * `finish()` hashes the referenced columns of every parent row (one scan per constraint with
 * new keys) — O(rows in the parent) per statement, the same cost note as unique-check.ts.
 * MATCH SIMPLE: a key with any NULL column is not checked; MATCH FULL refuses one NULL in some
 * columns only (all NULL passes).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { StoredConstraint, StoredTable } from '../../storage/storage-api.js';
import { formatText } from '../../types/text-codec.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { rowKey } from '../../functions/compare.js';

/** The key of `row` at `positions`, or undefined when a column is NULL (MATCH SIMPLE). */
export function foreignKeyOf(row: Row, positions: readonly number[]): string | undefined {
  const values: Value[] = [];
  for (const p of positions) {
    const v = row[p]!;
    if (v === null) return undefined;
    values.push(v);
  }
  // The row key GROUP BY and joins use: numbers of every type share one form, so an int4 column
  // finds its key in an int8 or numeric one (1 = 1.0).
  return rowKey(values);
}

/** MATCH FULL's refusal: the key at `positions` is NULL in some columns but not all. */
export function matchFullMixed(row: Row, positions: readonly number[]): boolean {
  const nulls = positions.filter((p) => row[p] === null).length;
  return nulls > 0 && nulls < positions.length;
}

/** Positions of `columnIds` in `table`'s column order. */
export function positionsOf(table: StoredTable, columnIds: readonly number[]): number[] {
  return columnIds.map((id) => table.columns.findIndex((c) => c.id === id));
}

/** The keys of every row of `table` at `positions` (one scan of those columns). */
export function storedKeys(table: StoredTable, positions: readonly number[], ctx: ExecContext): Set<string> {
  const columnIds = positions.map((p) => table.columns[p]!.id);
  const keys = new Set<string>();
  const local = columnIds.map((_, i) => i);
  for (const batch of ctx.run.txn.scan(table, columnIds)) {
    for (let r = 0; r < batch.rowCount; r++) {
      const key = foreignKeyOf(batch.columns.map((c) => c[r]!), local);
      if (key !== undefined) keys.add(key);
    }
  }
  return keys;
}

/** `Key (a, b)=(1, x)` with values shown as PostgreSQL's text output of `table`'s columns. */
export function describeKey(table: StoredTable, positions: readonly number[], values: readonly Value[], ctx: ExecContext): string {
  const columns = positions.map((p) => table.columns[p]!);
  const shown = values.map((v, i) => formatText(v, columns[i]!.type, ctx.textOptions));
  return `Key (${columns.map((c) => c.name).join(', ')})=(${shown.join(', ')})`;
}

/** The current version of the table with id `id` in the statement's transaction. */
export function tableById(ctx: ExecContext, id: number): StoredTable {
  const table = ctx.run.txn.listTables().find((t) => t.id === id);
  if (!table) throw new SqlError(SQLSTATE.InternalError, `foreign key target table ${id} is missing`);
  return table;
}

interface Pending {
  readonly constraint: StoredConstraint;
  readonly positions: readonly number[];
  /** Encoded key → the key's values (first row seen), each distinct key checked once. */
  readonly keys: Map<string, Value[]>;
}

/** Collects the foreign keys a statement writes into `table`; `finish()` checks them. */
export class ForeignKeyChecker {
  private constructor(private readonly table: StoredTable, private readonly pending: readonly Pending[], private readonly ctx: ExecContext) {}

  /** A checker for `table`, or undefined when it has no FOREIGN KEY. */
  static forTable(table: StoredTable, ctx: ExecContext): ForeignKeyChecker | undefined {
    const fks = (table.constraints ?? []).filter((c) => c.type === 'f' && c.references);
    if (fks.length === 0) return undefined;
    return new ForeignKeyChecker(table, fks.map((constraint) => ({
      constraint, positions: positionsOf(table, constraint.columnIds), keys: new Map(),
    })), ctx);
  }

  /** Records `row` (table column order); with `old` (UPDATE), only keys that changed are checked. */
  add(row: Row, old?: Row): void {
    for (const p of this.pending) {
      if (p.constraint.references!.matchFull && matchFullMixed(row, p.positions)) {
        throw new SqlError(SQLSTATE.ForeignKeyViolation,
          `insert or update on table "${this.table.name}" violates foreign key constraint "${p.constraint.name}"`,
          { detail: 'MATCH FULL does not allow mixing of null and nonnull key values.', table: this.table.name, constraint: p.constraint.name });
      }
      const key = foreignKeyOf(row, p.positions);
      if (key === undefined || p.keys.has(key)) continue;
      if (old && foreignKeyOf(old, p.positions) === key) continue;
      p.keys.set(key, p.positions.map((i) => row[i]!));
    }
  }

  /** 23503 for the first written key missing from its referenced table. Call after replaceTable. */
  finish(): void {
    for (const p of this.pending) {
      if (p.keys.size === 0) continue;
      const target = p.constraint.references!;
      const parent = tableById(this.ctx, target.tableId);
      const present = storedKeys(parent, positionsOf(parent, target.columnIds), this.ctx);
      for (const [key, values] of p.keys) {
        if (present.has(key)) continue;
        throw new SqlError(SQLSTATE.ForeignKeyViolation,
          `insert or update on table "${this.table.name}" violates foreign key constraint "${p.constraint.name}"`, {
            detail: `${describeKey(this.table, p.positions, values, this.ctx)} is not present in table "${parent.name}".`,
            table: this.table.name, constraint: p.constraint.name,
          });
      }
    }
  }
}
