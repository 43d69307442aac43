/**
 * New rows for a target that is partitioned or is a partition (INSERT, COPY FROM, and UPDATE
 * moving rows): rows arrive in the target's column order. A target that is a partition checks
 * its partition constraint (its own NOT NULL and CHECKs first, as PostgreSQL's ExecInsert); a
 * partitioned target routes each row to a leaf, maps it to the leaf's column order and applies
 * the leaf's constraints there. Only leaves that receive rows are replaced.
 */
import type { PartitionedWrite, WriteMember } from '../../planner/logical/partition-plan.js';
import type { RowChecks } from '../../planner/logical/logical-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { Row } from '../../types/value.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { ExecContext } from '../exec-context.js';
import { layoutOf } from '../physical-operator.js';
import { PartitionConstraint, PartitionRouter } from './partition-router.js';
import { TableAppend } from './table-append.js';

/** A target row in a member's column order (columns the target lacks are NULL). */
export function toMemberRow(row: Row, member: WriteMember, width: number): Row {
  const out: Row = new Array(width).fill(null);
  member.columnMap.forEach((to, from) => {
    if (to >= 0) out[to] = row[from]!;
  });
  return out;
}

export class PartitionedAppend {
  private readonly constraint?: PartitionConstraint;
  private readonly router?: PartitionRouter;
  private readonly leaves = new Map<number, { readonly member: WriteMember; append?: TableAppend }>();
  private readonly own?: TableAppend;

  /** `checks` are the target's own CHECKs (for rows it stores itself, when it is not partitioned). */
  constructor(private readonly target: StoredTable, write: PartitionedWrite, checks: RowChecks | undefined, ctx: ExecContext) {
    const layout = layoutOf(write.rowColumns.map((c) => c.id));
    if (write.constraint.length > 0) this.constraint = new PartitionConstraint(write.constraint, layout);
    if (write.routing) {
      this.router = new PartitionRouter(write.routing, layout);
      for (const member of write.leaves) this.leaves.set(member.table.id, { member });
    } else {
      this.own = new TableAppend(target, checks, ctx);
    }
  }

  /** Stores the rows; gives the OID of the table each went to. */
  async append(rows: readonly Row[], ctx: ExecContext): Promise<number[]> {
    if (rows.length === 0) return [];
    if (this.own) {
      await this.own.validate(rows, ctx);
      await this.constraint?.check(this.target, rows, ctx);
      this.own.store(rows);
      return rows.map(() => this.target.oid);
    }
    await this.constraint?.check(this.target, rows, ctx);
    const destinations = await this.router!.route(rows, ctx);
    const groups = new Map<number, Row[]>();
    destinations.forEach((id, i) => {
      const group = groups.get(id);
      if (group) group.push(rows[i]!);
      else groups.set(id, [rows[i]!]);
    });
    for (const [id, group] of groups) {
      const leaf = this.leaves.get(id);
      if (!leaf) throw new SqlError(SQLSTATE.InternalError, `partition with id ${id} is not in the plan`);
      if (!leaf.append) {
        const table = ctx.run.txn.getTableById(id);
        if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${leaf.member.table.name}" does not exist`);
        leaf.append = new TableAppend(table, leaf.member.checks, ctx);
      }
      const leafRows = group.map((row) => toMemberRow(row, leaf.member, leaf.append!.table.columns.length));
      await leaf.append.validate(leafRows, ctx);
      leaf.append.store(leafRows);
    }
    return destinations.map((id) => this.leaves.get(id)!.append!.table.oid);
  }

  finish(ctx: ExecContext): void {
    this.own?.finish(ctx);
    for (const leaf of this.leaves.values()) leaf.append?.finish(ctx);
  }
}
