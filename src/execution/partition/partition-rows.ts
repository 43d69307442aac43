/**
 * Rows of a table's family with a partitioned table's key computed over them, for the checks
 * a new partition makes (CREATE TABLE … PARTITION OF, ATTACH PARTITION): the rows of the table
 * being attached, or of the DEFAULT partition, that its new constraint would exclude.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { PartitionKeyEval } from '../../planner/logical/partition-plan.js';
import type { StoredPartitionBound, StoredTable } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf } from '../physical-operator.js';
import { familyRows } from './family-rows.js';
import { PartitionIndex } from './partition-index.js';

/** Batches of `table`'s family's rows (read as the key's row) with each row's key values. */
export async function* keyedFamilyRows(
  table: StoredTable, key: PartitionKeyEval, ctx: ExecContext,
): AsyncGenerator<{ readonly member: StoredTable; readonly rows: Row[]; readonly keys: Value[][] }, void, void> {
  const layout = layoutOf(key.rowColumns.map((c) => c.id));
  const exprs = key.exprs.map((e) => compileExpr(e, layout));
  for await (const { member, rows } of familyRows(ctx.run.txn, table, key.rowColumns.map((c) => c.name), ctx)) {
    const columns: Value[][] = [];
    for (const e of exprs) columns.push(await e(rows, ctx));
    yield { member, rows, keys: rows.map((_, r) => columns.map((c) => c[r]!)) };
  }
}

/**
 * 23514 when a row of the DEFAULT partition (of one of its leaves) belongs in the new
 * partition: it would have to move, which PostgreSQL refuses rather than does.
 */
export async function checkDefaultPartitionRows(
  parent: StoredTable, defaultPartition: StoredTable, bound: StoredPartitionBound, key: PartitionKeyEval, ctx: ExecContext,
): Promise<void> {
  const index = new PartitionIndex(parent.partitionKey!, [bound]);
  for await (const { member, keys } of keyedFamilyRows(defaultPartition, key, ctx)) {
    if (keys.some((k) => index.findBounded(k) >= 0)) {
      throw new SqlError(SQLSTATE.CheckViolation,
        `updated partition constraint for default partition "${member.name}" would be violated by some row`, { table: member.name });
    }
  }
}
