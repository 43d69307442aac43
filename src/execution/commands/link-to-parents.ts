/**
 * The inheritance part of CREATE TABLE: the new table's parents (INHERITS), partition key
 * (PARTITION BY) and bound (PARTITION OF, checked against its siblings and against the rows of
 * the parent's DEFAULT partition). Each parent is replaced unchanged, so a concurrent DDL on
 * it (or a concurrent new partition) conflicts at commit, as PostgreSQL's lock on the parent
 * would serialise them.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalCreateTable } from '../../planner/logical/logical-plan.js';
import type { PartitionKeyEval } from '../../planner/logical/partition-plan.js';
import type { StoredPartitionBound, StoredTable } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf } from '../physical-operator.js';
import { familyRows } from '../partition/family-rows.js';
import { checkNewPartitionBound, evaluatePartitionBound } from '../partition/partition-bound-check.js';
import { PartitionIndex } from '../partition/partition-index.js';

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

/**
 * 23514 when a row of the DEFAULT partition belongs in the new partition (it would have to
 * move, which PostgreSQL refuses rather than does).
 */
export async function checkDefaultPartitionRows(
  parent: StoredTable, defaultPartition: StoredTable, bound: StoredPartitionBound, key: PartitionKeyEval, ctx: ExecContext,
): Promise<void> {
  const layout = layoutOf(key.rowColumns.map((c) => c.id));
  const exprs = key.exprs.map((e) => compileExpr(e, layout));
  const index = new PartitionIndex(parent.partitionKey!, [bound]);
  for await (const { rows } of familyRows(ctx.run.txn, defaultPartition, key.rowColumns.map((c) => c.name), ctx)) {
    const values = [];
    for (const e of exprs) values.push(await e(rows, ctx));
    for (let r = 0; r < rows.length; r++) {
      if (index.findBounded(values.map((v) => v[r]!)) >= 0) {
        throw new SqlError(SQLSTATE.CheckViolation,
          `updated partition constraint for default partition "${defaultPartition.name}" would be violated by some row`);
      }
    }
  }
}
