/**
 * ALTER COLUMN … SET / DROP NOT NULL (SET checks the stored rows), SET / DROP DEFAULT (tables
 * and views), SET STATISTICS and SET STORAGE (stored for pg_attribute; nothing here uses them)
 * — with PostgreSQL's errors for primary-key and identity columns.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { alterColumn } from '../../../catalog/index.js';
import type { Expr } from '../../../parser/ast.js';
import { bindNewDefault } from '../../../planner/index.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import { formatTypeName, typeLen } from '../../../types/sql-type.js';
import { requireColumn, type AlterRun } from './alter-run.js';
import { someNull } from './stored-rows.js';

/** PostgreSQL's bounds for attstattarget (-1 = the default target). */
const MIN_STATISTICS = -1;
const MAX_STATISTICS = 10000;

/** SET STORAGE words and their pg_attribute.attstorage letters. */
const STORAGE_LETTERS: Readonly<Record<string, string>> = { plain: 'p', external: 'e', extended: 'x', main: 'm' };

export async function setNotNull(run: AlterRun, name: string): Promise<StoredTable> {
  const { column, position } = requireColumn(run, name);
  if (column.notNull) return run.table;
  if (await someNull(run.table, position, run.ctx)) {
    throw new SqlError(SQLSTATE.NotNullViolation, `column "${name}" of relation "${run.table.name}" contains null values`,
      { table: run.table.name, column: name });
  }
  return alterColumn(run.table, name, { notNull: true });
}

export function dropNotNull(run: AlterRun, name: string): StoredTable {
  const { column } = requireColumn(run, name);
  if (column.identity) {
    // PostgreSQL raises this one with 42601.
    throw new SqlError(SQLSTATE.SyntaxError, `column "${name}" of relation "${run.table.name}" is an identity column`);
  }
  const primary = run.table.indexes?.find((i) => i.primary);
  if (primary?.columnIds.includes(column.id)) throw new SqlError(SQLSTATE.InvalidTableDefinition, `column "${name}" is in a primary key`);
  return alterColumn(run.table, name, { notNull: false });
}

/** SET DEFAULT `value`, or DROP DEFAULT when `value` is absent. */
export function setColumnDefault(run: AlterRun, name: string, value: Expr | undefined): StoredTable {
  const { column } = requireColumn(run, name);
  if (column.identity) {
    // PostgreSQL raises this one with 42601.
    throw new SqlError(SQLSTATE.SyntaxError, `column "${name}" of relation "${run.table.name}" is an identity column`,
      value ? {} : { hint: 'Use ALTER TABLE ... ALTER COLUMN ... DROP IDENTITY instead.' });
  }
  return alterColumn(run.table, name, { defaultSql: value ? bindNewDefault(run.bind, column, value) : undefined });
}

export function setStatistics(run: AlterRun, name: string, value: number): StoredTable {
  requireColumn(run, name);
  if (value < MIN_STATISTICS) throw new SqlError(SQLSTATE.InvalidParameterValue, `statistics target ${value} is too low`);
  let target = value;
  if (target > MAX_STATISTICS) {
    run.ctx.run.notice({ severity: 'WARNING', code: SQLSTATE.InvalidParameterValue, message: `lowering statistics target to ${MAX_STATISTICS}` });
    target = MAX_STATISTICS;
  }
  return alterColumn(run.table, name, { statistics: target === MIN_STATISTICS ? undefined : target });
}

export function setStorage(run: AlterRun, name: string, storage: string): StoredTable {
  const { column } = requireColumn(run, name);
  const letter = STORAGE_LETTERS[storage.toLowerCase()];
  if (!letter) throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid storage type "${storage}"`);
  if (letter !== 'p' && typeLen(column.type) !== -1) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `column data type ${formatTypeName(column.type)} can only have storage PLAIN`);
  }
  return alterColumn(run.table, name, { storage: letter });
}
