/**
 * How a write reaches the tables of an inheritance tree: the members an UPDATE or DELETE
 * changes (the target and its descendants, each with its own column order and CHECKs), and
 * for partitioned tables the routing of rows to partitions (INSERT, COPY, UPDATE moving a row)
 * and the partition constraint of a partition written directly. Every expression reads the
 * row of the statement's target table (its columns in order); members map that row to theirs
 * by column name.
 */
import type { StoredPartitionBound, StoredPartitionKey } from '../../types/stored-table.js';
import type { BoundExpr } from './bound-expr.js';
import type { BoundPartitionBound, OutputColumn, RowChecks } from './logical-plan.js';
import type { PlannedTable } from './planned-table.js';

/** Routing through one partitioned table: its key over the target's row, and its partitions. */
export interface PartitionRouting {
  readonly table: PlannedTable;
  readonly key: StoredPartitionKey;
  /** One per key column: the column or the key expression, over the target's row. */
  readonly exprs: readonly BoundExpr[];
  readonly partitions: readonly RoutedPartition[];
}

export interface RoutedPartition {
  readonly table: PlannedTable;
  readonly bound: StoredPartitionBound;
  /** A partition that is itself partitioned: the routing below it. */
  readonly routing?: PartitionRouting;
}

/** One level of a partition constraint: at `routing`, a row must go to partition `index`. */
export interface PartitionLevel {
  readonly routing: PartitionRouting;
  readonly index: number;
}

/** A table a write reaches: the target itself or a descendant (a child, or a leaf partition). */
export interface WriteMember {
  readonly table: PlannedTable;
  /** For each column of the target, the index of the member's column of that name. */
  readonly columnMap: readonly number[];
  /** The member's CHECK constraints over its own row (its columns in order). */
  readonly checks?: RowChecks;
}

/** Partitioning for a write whose target is partitioned or is a partition. */
export interface PartitionedWrite {
  /** The target's row (its columns in order) under the ids the routing and constraint expressions read. */
  readonly rowColumns: readonly OutputColumn[];
  /** The target is a partition: the levels above it its rows must satisfy (its partition constraint). */
  readonly constraint: readonly PartitionLevel[];
  /** The target is partitioned: new rows are routed from here. */
  readonly routing?: PartitionRouting;
  /** The leaf partitions routed rows may reach. */
  readonly leaves: readonly WriteMember[];
}

/** A partitioned table's key over its own row (its columns in order, under `rowColumns`' ids). */
export interface PartitionKeyEval {
  readonly rowColumns: readonly OutputColumn[];
  readonly exprs: readonly BoundExpr[];
}

/** ALTER TABLE … ATTACH PARTITION: what the attached table's rows are checked against. */
export interface AttachPartitionBinding {
  /** The bound in the partitioned table, evaluated when the statement runs. */
  readonly bound: BoundPartitionBound;
  /** The partitioned table's key over its own row. */
  readonly key: PartitionKeyEval;
  /** The partitioned table's own partition constraint (it is itself a partition) over the same row. */
  readonly constraint: readonly PartitionLevel[];
}
