/**
 * A FOREIGN KEY checked against the rows its table already holds (ALTER TABLE … ADD
 * CONSTRAINT without NOT VALID, VALIDATE CONSTRAINT): one scan of the referenced key, then one
 * of the referencing rows; the first row whose key is missing is PostgreSQL's 23503. MATCH FULL
 * also refuses a key that is NULL in some columns only.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { StoredConstraint, StoredTable } from '../../../storage/storage-api.js';
import type { ExecContext } from '../../exec-context.js';
import { describeKey, foreignKeyOf, matchFullMixed, positionsOf, storedKeys, tableById } from '../foreign-key-check.js';
import { storedRows } from './stored-rows.js';

/** 23503 for the first stored row of `table` that `constraint` (a FOREIGN KEY of it) refuses. */
export async function firstForeignKeyViolation(table: StoredTable, constraint: StoredConstraint, ctx: ExecContext): Promise<void> {
  const target = constraint.references!;
  const parent = target.tableId === table.id ? table : tableById(ctx, target.tableId);
  const present = storedKeys(parent, positionsOf(parent, target.columnIds), ctx);
  const positions = positionsOf(table, constraint.columnIds);
  const violation = (detail: string) => new SqlError(SQLSTATE.ForeignKeyViolation,
    `insert or update on table "${table.name}" violates foreign key constraint "${constraint.name}"`,
    { detail, table: table.name, constraint: constraint.name });
  for await (const rows of storedRows(table, ctx)) {
    for (const row of rows) {
      if (target.matchFull && matchFullMixed(row, positions)) throw violation('MATCH FULL does not allow mixing of null and nonnull key values.');
      const key = foreignKeyOf(row, positions);
      if (key === undefined || present.has(key)) continue;
      throw violation(`${describeKey(table, positions, positions.map((p) => row[p]!), ctx)} is not present in table "${parent.name}".`);
    }
  }
}
