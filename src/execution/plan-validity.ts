/**
 * Plan-cache validity, as PostgreSQL's plancache revalidates a cached plan: a plan stays good
 * while every name its binding looked up still finds a relation of the same shape (writes do
 * not count: plans never carry rows). Otherwise the statement is bound again from its AST —
 * transparently when the result columns come out the same, else 0A000 `cached plan must not
 * change result type` (PostgreSQL 15, for Parse'd and PREPAREd statements alike).
 */
import { familyShape, relationShape } from '../catalog/relation-shape.js';
import { functionsKey } from '../catalog/user-functions.js';
import type { CatalogReader } from '../catalog/catalog-transaction.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { PlanDependency } from '../planner/index.js';
import { sameType } from '../types/sql-type.js';
import type { ReplanContext } from '../planner/plan-context.js';
import type { ResultColumn } from './statement-api.js';

/** True when every recorded lookup finds the same relation, with the same shape, in `ctx.txn` (and other objects hold). */
export function planIsCurrent(dependencies: readonly PlanDependency[], ctx: ReplanContext): boolean {
  return dependencies.every((d) => {
    if (d.kind === 'object') return d.isCurrent(ctx.extensions);
    if (d.kind === 'family') return familyIsCurrent(d, ctx.txn);
    if (d.kind === 'functions') return functionsKey(ctx.txn.listObjects(), d.name) === d.key;
    if (d.kind === 'setting') return ctx.setting(d.name) === d.value;
    return relationIsCurrent(d, ctx.txn);
  });
}

function familyIsCurrent(d: Extract<PlanDependency, { kind: 'family' }>, catalog: CatalogReader): boolean {
  const table = catalog.getTableById(d.tableId);
  return table !== undefined && familyShape(catalog, table) === d.shape;
}

function relationIsCurrent(d: Extract<PlanDependency, { kind: 'relation' }>, catalog: CatalogReader): boolean {
  const table = catalog.getTable(d.name);
  if (!table) return d.id === 0;
  return table.id === d.id && relationShape(table) === d.shape;
}

/** 0A000 unless a re-planned statement returns the same columns (names and types) as before. */
export function checkSameResult(before: readonly ResultColumn[] | null, after: readonly ResultColumn[] | null): void {
  const same = before === null || after === null
    ? before === after
    : before.length === after.length && before.every((c, i) => sameColumn(c, after[i]!));
  if (!same) throw new SqlError(SQLSTATE.FeatureNotSupported, 'cached plan must not change result type');
}

function sameColumn(a: ResultColumn, b: ResultColumn): boolean {
  return a.name === b.name && sameType(a.type, b.type) && a.type.typmod === b.type.typmod;
}
