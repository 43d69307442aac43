/**
 * Binding writes over inheritance trees (planner/logical/partition-plan.ts): the members an
 * UPDATE or DELETE reaches, partition routing for a partitioned target and the partition
 * constraint of a target that is a partition. Everything is bound over the target's row; the
 * plan depends on the whole tree's shape (a partition created or attached later re-plans).
 */
import { descendantsOf, isPartition, isPartitioned, partitionAncestors } from '../../catalog/inheritance.js';
import type { StoredTable } from '../../types/stored-table.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { OutputColumn } from '../logical/logical-plan.js';
import type { PartitionedWrite, PartitionLevel, PartitionRouting, WriteMember } from '../logical/partition-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import { bindRowChecks } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { rowColumns } from './bind-target-table.js';
import { bindExpr } from './expression/bind-expression.js';
import { parseStoredExpr } from './parse-stored-expr.js';
import { Scope } from './scope.js';

/**
 * The tables an UPDATE / DELETE of `target` changes: the target and (unless ONLY) every table
 * inheriting from it, partitioned tables left out (they hold no rows). Undefined when the
 * target has no descendants to reach.
 */
export function bindWriteMembers(bind: BindContext, target: StoredTable, only: boolean): WriteMember[] | undefined {
  const family = only ? [target] : descendantsOf(bind.plan.txn, target);
  if (family.length === 1 && !isPartitioned(target)) return undefined;
  bind.dependOnFamily(target);
  return family.filter((t) => !isPartitioned(t)).map((t) => member(bind, target, t));
}

/** Routing and partition constraint for writing `target`; undefined when it is not partitioned nor a partition. */
export function bindPartitionedWrite(bind: BindContext, target: StoredTable, row: readonly OutputColumn[]): PartitionedWrite | undefined {
  const partitioned = isPartitioned(target);
  if (!partitioned && !isPartition(target)) return undefined;
  const constraint = bindPartitionConstraint(bind, target, row);
  if (!partitioned) return { rowColumns: row, constraint, leaves: [] };
  const leaves = descendantsOf(bind.plan.txn, target).filter((t) => t.id !== target.id && !isPartitioned(t));
  return { rowColumns: row, constraint, routing: bindRouting(bind, target, row, true), leaves: leaves.map((t) => member(bind, target, t)) };
}

/**
 * The partition constraint of `target` over `row`: at each partitioned ancestor, the row must
 * go to the partition on the way down to `target` (empty when `target` is no partition).
 */
export function bindPartitionConstraint(bind: BindContext, target: StoredTable, row: readonly OutputColumn[]): PartitionLevel[] {
  const ancestors = partitionAncestors(bind.plan.txn, target);
  bind.dependOnFamily(ancestors[ancestors.length - 1] ?? target);
  const constraint: PartitionLevel[] = [];
  let child = target;
  for (const parent of ancestors) {
    const routing = bindRouting(bind, parent, row, false);
    constraint.push({ routing, index: routing.partitions.findIndex((p) => p.table.id === child.id) });
    child = parent;
  }
  return constraint;
}

function member(bind: BindContext, target: StoredTable, table: StoredTable): WriteMember {
  const checks = bindRowChecks(bind, table);
  return {
    table: plannedTable(table),
    columnMap: target.columns.map((c) => table.columns.findIndex((m) => m.name === c.name)),
    ...(checks ? { checks } : {}),
  };
}

/** `table`'s partitions and key over `row`; `deep` binds the routing of partitioned partitions too. */
function bindRouting(bind: BindContext, table: StoredTable, row: readonly OutputColumn[], deep: boolean): PartitionRouting {
  const partitions = bind.plan.txn.childrenOf(table.id).filter(isPartition).map((child) => ({
    table: plannedTable(child), bound: child.partitionBound!,
    ...(deep && isPartitioned(child) ? { routing: bindRouting(bind, child, row, true) } : {}),
  }));
  return { table: plannedTable(table), key: table.partitionKey!, exprs: bindKeyExprs(bind, table, row), partitions };
}

/**
 * A partitioned table's key over `row` (columns matched by name): a column reference per key
 * column, a bound expression per key expression.
 */
export function bindKeyExprs(bind: BindContext, table: StoredTable, row: readonly OutputColumn[] = rowColumns(bind, table)): BoundExpr[] {
  const scope = new Scope([{ alias: table.name, columns: row }]);
  return table.partitionKey!.parts.map((part): BoundExpr => {
    if (part.columnId !== undefined) {
      const name = table.columns.find((c) => c.id === part.columnId)!.name;
      const column = row.find((c) => c.name === name)!;
      return { kind: 'ColumnRef', type: column.type, id: column.id, name };
    }
    return bindExpr(parseStoredExpr(part.exprSql!, 'partition key expression'), { bind, scope, clause: 'partition key expressions' });
  });
}
