/**
 * DROP TABLE / VIEW / SEQUENCE with PostgreSQL's dependency rules: views that read a dropped
 * relation (transitively), FOREIGN KEYs that reference a dropped table and column defaults
 * that draw from a dropped sequence block the drop with 2BP01 unless CASCADE, which drops the
 * views, constraints and defaults too (one NOTICE). A table's own indexes, constraints and
 * comments live on its catalog entry, and the sequences its columns own go with it silently.
 * Tables inheriting from a dropped table depend on it (2BP01 unless CASCADE); the partitions of
 * a partitioned table go with it silently, as PostgreSQL's automatic dependency drops them.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import {
  columnsUsingSequence, dependentViews, ownedSequences, referencingConstraints, withoutConstraint,
} from '../../catalog/index.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';

interface Dependent {
  readonly description: string;
  /** What it depends on, as PostgreSQL's DETAIL names it (`table t`, `view v`). */
  readonly on: string;
  readonly drop: () => void;
}

const kindOf = (t: StoredTable) => (t.view ? 'view' : t.sequence ? 'sequence' : 'table');

/** Everything that depends on `roots`, in discovery order (views transitively). */
function collectDependents(ctx: ExecContext, roots: readonly StoredTable[]): Dependent[] {
  const tables = ctx.run.txn.listTables();
  const rootIds = new Set(roots.map((r) => r.id));
  const seenViews = new Set<number>();
  const out: Dependent[] = [];
  const seenChildren = new Set<number>();
  const visit = (relation: StoredTable) => {
    for (const child of ctx.run.txn.childrenOf(relation.id)) {
      if (rootIds.has(child.id) || seenChildren.has(child.id)) continue;
      seenChildren.add(child.id);
      out.push({ description: `table ${child.name}`, on: `table ${relation.name}`, drop: () => ctx.run.txn.dropTable(child) });
      visit(child);
    }
    for (const view of dependentViews(tables, relation)) {
      if (rootIds.has(view.id) || seenViews.has(view.id)) continue;
      seenViews.add(view.id);
      out.push({ description: `view ${view.name}`, on: `${kindOf(relation)} ${relation.name}`, drop: () => ctx.run.txn.dropTable(view) });
      visit(view);
    }
    if (relation.sequence) {
      for (const { table, column } of columnsUsingSequence(tables, relation)) {
        if (rootIds.has(table.id)) continue;
        out.push({
          description: `default value for column ${column.name} of table ${table.name}`, on: `sequence ${relation.name}`,
          drop: () => {
            const current = ctx.run.txn.getTable(table.name);
            if (!current) return;
            const columns = current.columns.map((c) => {
              if (c.id !== column.id) return c;
              const { defaultSql: _dropped, ...rest } = c;
              return rest;
            });
            ctx.run.txn.replaceTable({ ...current, columns }, []);
          },
        });
      }
      return;
    }
    if (relation.view) return;
    for (const { table, constraint } of referencingConstraints(tables, relation)) {
      if (rootIds.has(table.id)) continue;
      out.push({
        description: `constraint ${constraint.name} on table ${table.name}`, on: `table ${relation.name}`,
        drop: () => {
          const current = ctx.run.txn.getTable(table.name);
          if (current) ctx.run.txn.replaceTable(withoutConstraint(current, constraint.oid), []);
        },
      });
    }
  };
  for (const root of roots) visit(root);
  return out;
}

/** Drops `roots` (tables, views or sequences), their dependents with CASCADE, else 2BP01 if there are any. */
export function dropRelations(ctx: ExecContext, named: readonly StoredTable[], cascade: boolean): void {
  const tables = ctx.run.txn.listTables();
  const withPartitions = partitionsOf(ctx, named);
  const namedIds = new Set(withPartitions.map((r) => r.id));
  // Sequences owned by a dropped table's columns are dropped with it (an automatic dependency).
  const owned = withPartitions.flatMap((r) => (r.view || r.sequence ? [] : ownedSequences(tables, r))).filter((s) => !namedIds.has(s.id));
  const roots = [...withPartitions, ...owned];
  const dependents = collectDependents(ctx, roots);
  if (dependents.length > 0) {
    const detail = dependents.map((d) => `${d.description} depends on ${d.on}`).join('\n');
    if (!cascade) {
      const root = roots[0]!;
      throw new SqlError(SQLSTATE.DependentObjectsStillExist,
        `cannot drop ${kindOf(root)} ${root.name} because other objects depend on it`,
        { detail, hint: 'Use DROP ... CASCADE to drop the dependent objects too.' });
    }
    const message = dependents.length === 1
      ? `drop cascades to ${dependents[0]!.description}`
      : `drop cascades to ${dependents.length} other objects`;
    ctx.run.notice({
      severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message,
      ...(dependents.length > 1 ? { detail: dependents.map((d) => `drop cascades to ${d.description}`).join('\n') } : {}),
    });
    for (const d of dependents) d.drop();
  }
  for (const root of roots) ctx.run.txn.dropTable(root);
}

/** `named` and, below each partitioned table, all its partitions (they cannot outlive it). */
function partitionsOf(ctx: ExecContext, named: readonly StoredTable[]): StoredTable[] {
  const out = [...named];
  const seen = new Set(named.map((t) => t.id));
  for (let i = 0; i < out.length; i++) {
    if (!out[i]!.partitionKey) continue;
    for (const child of ctx.run.txn.childrenOf(out[i]!.id)) {
      if (child.partitionBound === undefined || seen.has(child.id)) continue;
      seen.add(child.id);
      out.push(child);
    }
  }
  return out;
}
