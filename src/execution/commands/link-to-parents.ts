/**
 * The inheritance part of CREATE TABLE: the new table's parents (INHERITS), partition key
 * (PARTITION BY) and bound (PARTITION OF, checked against its siblings and against the rows of
 * the parent's DEFAULT partition). Each parent is replaced unchanged, so a concurrent DDL on
 * it (or a concurrent new partition) conflicts at commit, as PostgreSQL's lock on the parent
 * would serialise them.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalCreateTable } from '../../planner/logical/logical-plan.js';
import type { StoredPartitionBound, StoredTable } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';
import { checkNewPartitionBound, evaluatePartitionBound } from '../partition/partition-bound-check.js';
import { checkDefaultPartitionRows } from '../partition/partition-rows.js';

/** `table` (just created) with its parents, key and bound; the parents are touched. */
export async function linkToParents(table: StoredTable, plan: LogicalCreateTable, ctx: ExecContext): Promise<StoredTable> {
  for (const notice of plan.notices ?? []) ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, ...notice });
  if (!plan.inherits && !plan.partitionKey) return table;
  const parents = (plan.inherits ?? []).map((id) => {
    const parent = ctx.run.txn.getTableById(id);
    if (!parent) throw new SqlError(SQLSTATE.UndefinedTable, `relation with OID ${id} does not exist`);
    return parent;
  });
  let partitionBound: StoredPartitionBound | undefined;
  if (plan.partitionBound) {
    const parent = parents[0]!;
    partitionBound = await evaluatePartitionBound(plan.partitionBound, parent.partitionKey!, ctx);
    const siblings = ctx.run.txn.childrenOf(parent.id);
    checkNewPartitionBound(parent, siblings, table.name, partitionBound, ctx);
    const defaultPartition = siblings.find((s) => s.partitionBound?.kind === 'default');
    if (defaultPartition && plan.parentKey) await checkDefaultPartitionRows(parent, defaultPartition, partitionBound, plan.parentKey, ctx);
  }
  for (const parent of parents) ctx.run.txn.replaceTable(parent, []);
  return {
    ...table,
    ...(parents.length > 0 ? { inherits: parents.map((p) => p.id) } : {}),
    ...(plan.partitionKey ? { partitionKey: plan.partitionKey } : {}),
    ...(partitionBound ? { partitionBound } : {}),
  };
}
