/**
 * ALTER TABLE parent ATTACH PARTITION t FOR VALUES …: the bound bound against the parent's key
 * (PostgreSQL's transformPartitionCmd errors: 42P17 when the parent is not partitioned, 42P16
 * for a bound of the wrong kind), with the parent's key and own partition constraint over its
 * row, so the attached table's rows can be checked when the statement runs
 * (execution/commands/attach-partition.ts).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { isPartitioned } from '../../catalog/inheritance.js';
import type { PartitionBoundSpec } from '../../parser/ast.js';
import type { AttachPartitionBinding } from '../logical/partition-plan.js';
import type { BindContext } from './bind-context.js';
import { bindPartitionBound } from './bind-partition.js';
import { rowColumns } from './bind-target-table.js';
import { bindKeyExprs, bindPartitionConstraint } from './bind-write-members.js';

/** Undefined when `parentName` names no relation: running the statement reports that. */
export function bindAttachPartition(bind: BindContext, parentName: string, bound: PartitionBoundSpec): AttachPartitionBinding | undefined {
  const parent = bind.lookupTable(parentName);
  if (!parent) return undefined;
  if (parent.view || parent.sequence) {
    throw new SqlError(SQLSTATE.WrongObjectType, `ALTER action ATTACH PARTITION cannot be performed on relation "${parent.name}"`,
      { detail: `This operation is not supported for ${parent.view ? 'views' : 'sequences'}.` });
  }
  if (!isPartitioned(parent)) throw new SqlError(SQLSTATE.InvalidObjectDefinition, `table "${parent.name}" is not partitioned`);
  const row = rowColumns(bind, parent);
  return {
    bound: bindPartitionBound(bind, parent, bound),
    key: { rowColumns: row, exprs: bindKeyExprs(bind, parent, row) },
    constraint: bindPartitionConstraint(bind, parent, row),
  };
}
