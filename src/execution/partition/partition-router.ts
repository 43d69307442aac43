/**
 * Tuple routing at run time: a plan's PartitionRouting compiled once per statement (key
 * expressions over the target's row, each level's PartitionIndex), then batches of rows
 * placed in leaf partitions. A key that fits no partition is 23514 `no partition of relation
 * … found for row`, naming the partitioned table at that level and the key; the partition
 * constraint of a partition written directly is checked the same way (each level above it
 * must route the row to it), else 23514 `new row for relation … violates partition constraint`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { partitionKeyColumnText } from '../../catalog/partition-text.js';
import type { PartitionLevel, PartitionRouting } from '../../planner/logical/partition-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import { formatText } from '../../types/text-codec.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import { PartitionIndex } from './partition-index.js';

/** One partitioned table, compiled. */
interface Level {
  readonly routing: PartitionRouting;
  readonly keys: readonly CompiledExpr[];
  readonly index: PartitionIndex;
  readonly below: readonly (Level | undefined)[];
}

function compileLevel(routing: PartitionRouting, layout: ReadonlyMap<number, number>): Level {
  return {
    routing,
    keys: routing.exprs.map((e) => compileExpr(e, layout)),
    index: new PartitionIndex(routing.key, routing.partitions.map((p) => p.bound)),
    below: routing.partitions.map((p) => p.routing && compileLevel(p.routing, layout)),
  };
}

async function keysOf(level: Level, rows: readonly Row[], ctx: ExecContext): Promise<Value[][]> {
  const columns: Value[][] = [];
  for (const key of level.keys) columns.push(await key(rows, ctx));
  return rows.map((_, r) => columns.map((c) => c[r]!));
}

/** Routes rows (in the target's layout) to leaf partitions by table id. */
export class PartitionRouter {
  private readonly root: Level;

  constructor(routing: PartitionRouting, layout: ReadonlyMap<number, number>) {
    this.root = compileLevel(routing, layout);
  }

  /** The leaf table id of each row; 23514 for the first row that fits no partition. */
  async route(rows: readonly Row[], ctx: ExecContext): Promise<number[]> {
    const out = new Array<number>(rows.length);
    await this.routeAt(this.root, rows, rows.map((_, i) => i), out, ctx);
    return out;
  }

  private async routeAt(level: Level, all: readonly Row[], indices: readonly number[], out: number[], ctx: ExecContext): Promise<void> {
    const rows = indices.map((i) => all[i]!);
    const keys = await keysOf(level, rows, ctx);
    const groups = new Map<number, number[]>();
    keys.forEach((key, k) => {
      const partition = level.index.find(key);
      if (partition < 0) throw noPartition(level.routing, key, ctx);
      const group = groups.get(partition);
      if (group) group.push(indices[k]!);
      else groups.set(partition, [indices[k]!]);
    });
    for (const [partition, members] of groups) {
      const below = level.below[partition];
      if (below) await this.routeAt(below, all, members, out, ctx);
      else for (const i of members) out[i] = level.routing.partitions[partition]!.table.id;
    }
  }
}

/** A partition's constraint over rows in its own layout: every level above must route the row to it. */
export class PartitionConstraint {
  private readonly levels: readonly { readonly level: Level; readonly expected: number }[];

  constructor(levels: readonly PartitionLevel[], layout: ReadonlyMap<number, number>) {
    this.levels = levels.map((l) => ({ level: compileLevel(l.routing, layout), expected: l.index }));
  }

  /** Indices of the rows that violate the constraint. */
  async violations(rows: readonly Row[], ctx: ExecContext): Promise<number[]> {
    const bad = new Set<number>();
    for (const { level, expected } of this.levels) {
      const keys = await keysOf(level, rows, ctx);
      keys.forEach((key, i) => {
        if (level.index.find(key) !== expected) bad.add(i);
      });
    }
    return [...bad].sort((a, b) => a - b);
  }

  /** 23514 for the first row that violates the constraint of `table` (rows in its layout). */
  async check(table: StoredTable, rows: readonly Row[], ctx: ExecContext): Promise<void> {
    const bad = await this.violations(rows, ctx);
    if (bad.length > 0) throw partitionConstraintViolation(table, rows[bad[0]!]!, ctx);
  }
}

/** 23514 `new row for relation "t" violates partition constraint`, with the failing row. */
export function partitionConstraintViolation(table: StoredTable, row: Row, ctx: ExecContext): SqlError {
  const cells = row.map((v, c) => (v === null ? 'null' : formatText(v, table.columns[c]!.type, ctx.textOptions)));
  return new SqlError(SQLSTATE.CheckViolation, `new row for relation "${table.name}" violates partition constraint`,
    { detail: `Failing row contains (${cells.join(', ')}).`, table: table.name });
}

function noPartition(routing: PartitionRouting, key: readonly Value[], ctx: ExecContext): SqlError {
  const table = ctx.snapshot.getTableById(routing.table.id) ?? ctx.run.txn.getTableById(routing.table.id);
  const names = routing.key.parts.map((_, i) => (table ? partitionKeyColumnText(table, i, false) : '?'));
  const values = key.map((v, i) => (v === null ? 'null' : formatText(v, routing.key.parts[i]!.type, ctx.textOptions)));
  return new SqlError(SQLSTATE.CheckViolation, `no partition of relation "${routing.table.name}" found for row`,
    { detail: `Partition key of the failing row contains (${names.join(', ')}) = (${values.join(', ')}).`, table: routing.table.name });
}
