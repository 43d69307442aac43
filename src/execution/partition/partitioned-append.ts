/**
 * New rows for a target that is partitioned or is a partition (INSERT, COPY FROM, and UPDATE
 * moving rows): rows arrive in the target's column order. A target that is a partition checks
 * its partition constraint (its own NOT NULL and CHECKs first, as PostgreSQL's ExecInsert); a
 * partitioned target routes each row to a leaf, maps it to the leaf's column order and applies
 * the leaf's constraints there. Only leaves that receive rows are replaced.
 * Given an AFTER ROW queue (INSERT, COPY), a routed row fires its leaf's own INSERT row triggers
 * as PostgreSQL's ExecInsert does for routed tuples: BEFORE ROW may change or skip it (a change
 * that no longer fits the leaf is 23514), AFTER ROW is queued once it is stored.
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
import { TableTriggers, type AfterRowQueue } from '../triggers/table-triggers.js';

/** The rows a sink stored, in the target's column order as triggers left them, and the OID of the table each went to. */
export interface AppendedRows {
  readonly rows: readonly Row[];
  readonly oids: readonly number[];
}

/** A member row in the target's column order (the inverse of toMemberRow). */
function toTargetRow(row: Row, member: WriteMember): Row {
  return member.columnMap.map((to) => (to >= 0 ? row[to]! : null));
}

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
  private readonly leaves = new Map<number, { readonly member: WriteMember; append?: TableAppend; triggers?: TableTriggers | null }>();
  private readonly own?: TableAppend;

  /** `checks` are the target's own CHECKs (for rows it stores itself, when it is not partitioned). */
  /** `queue`: fire the leaves' INSERT row triggers for routed rows, AFTER ROW into this queue. */
  constructor(private readonly target: StoredTable, write: PartitionedWrite, checks: RowChecks | undefined, ctx: ExecContext,
    private readonly queue?: AfterRowQueue) {
    const layout = layoutOf(write.rowColumns.map((c) => c.id));
    if (write.constraint.length > 0) this.constraint = new PartitionConstraint(write.constraint, layout);
    if (write.routing) {
      this.router = new PartitionRouter(write.routing, layout);
      for (const member of write.leaves) this.leaves.set(member.table.id, { member });
    } else {
      this.own = new TableAppend(target, checks, ctx);
    }
  }

  /** Stores the rows (those leaf triggers let through, as they left them). */
  async append(rows: readonly Row[], ctx: ExecContext): Promise<AppendedRows> {
    if (rows.length === 0) return { rows: [], oids: [] };
    if (this.own) {
      await this.own.validate(rows, ctx);
      await this.constraint?.check(this.target, rows, ctx);
      this.own.store(rows);
      return { rows, oids: rows.map(() => this.target.oid) };
    }
    await this.constraint?.check(this.target, rows, ctx);
    const destinations = await this.router!.route(rows, ctx);
    const groups = new Map<number, number[]>();
    destinations.forEach((id, i) => {
      const group = groups.get(id);
      if (group) group.push(i);
      else groups.set(id, [i]);
    });
    /** Per input row: the row as stored (target order), or null when a trigger skipped it. */
    const stored: (Row | null)[] = [...rows];
    for (const [id, indexes] of groups) {
      const leaf = this.leaves.get(id);
      if (!leaf) throw new SqlError(SQLSTATE.InternalError, `partition with id ${id} is not in the plan`);
      if (!leaf.append) {
        const table = ctx.run.txn.getTableById(id);
        if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${leaf.member.table.name}" does not exist`);
        leaf.append = new TableAppend(table, leaf.member.checks, ctx);
        leaf.triggers = this.queue ? TableTriggers.open(table, 'insert', ctx, this.queue) ?? null : null;
      }
      const width = leaf.append.table.columns.length;
      let leafRows = indexes.map((i) => toMemberRow(rows[i]!, leaf.member, width));
      if (leaf.triggers?.hasBeforeRow) leafRows = await this.beforeRow(leaf.triggers, leaf.member, id, indexes, leafRows, stored, ctx);
      await leaf.append.validate(leafRows, ctx);
      leaf.append.store(leafRows);
      if (leaf.triggers?.hasAfterRow) for (const row of leafRows) leaf.triggers.afterRow(row, null);
    }
    const kept: Row[] = [];
    const oids: number[] = [];
    stored.forEach((row, i) => {
      if (row === null) return;
      kept.push(row);
      oids.push(this.leaves.get(destinations[i]!)!.append!.table.oid);
    });
    return { rows: kept, oids };
  }

  /**
   * A leaf's BEFORE ROW triggers over its routed rows: the rows they keep (leaf order), with
   * `stored` updated (null for a skipped row, the changed row in target order). A changed row
   * must still belong to the leaf: PostgreSQL re-checks the partition constraint there (23514).
   */
  private async beforeRow(triggers: TableTriggers, member: WriteMember, leafId: number, indexes: readonly number[],
    leafRows: readonly Row[], stored: (Row | null)[], ctx: ExecContext): Promise<Row[]> {
    const kept: Row[] = [];
    for (let r = 0; r < leafRows.length; r++) {
      const row = await triggers.beforeRow(leafRows[r]!, null);
      const i = indexes[r]!;
      if (!row) {
        stored[i] = null;
        continue;
      }
      if (row !== leafRows[r]) {
        const targetRow = toTargetRow(row, member);
        const [to] = await this.router!.route([targetRow], ctx);
        if (to !== leafId) {
          throw new SqlError(SQLSTATE.CheckViolation, `new row for relation "${member.table.name}" violates partition constraint`);
        }
        stored[i] = targetRow;
      }
      kept.push(row);
    }
    return kept;
  }

  finish(ctx: ExecContext): void {
    this.own?.finish(ctx);
    for (const leaf of this.leaves.values()) leaf.append?.finish(ctx);
  }
}
