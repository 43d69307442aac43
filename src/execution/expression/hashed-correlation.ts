/**
 * Decorrelation by hashing: a correlated subquery of the shape
 * `SELECT … FROM … WHERE inner = outer AND <uncorrelated>` (a Project over Filters / a filtered
 * Scan) is run once per statement run without its `inner = outer` equalities, with the inner
 * sides appended to its output, and its rows are grouped by them; each outer row then looks its
 * rows up by the outer sides (PostgreSQL reaches the same effect with a hashed SubPlan or a
 * semi-join). `SELECT agg(…) FROM … WHERE inner = outer` (no GROUP BY / HAVING) groups by the
 * inner sides instead; an outer key without rows gets the aggregates of no rows, computed once.
 * The target list is evaluated only for rows looked up, as a per-row run would. Without this, EXISTS over a 10,000-row table correlated with a 10,000-row outer
 * table scans 10⁸ rows.
 */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { LogicalPlan, LogicalProject, OutputColumn } from '../../planner/logical/logical-plan.js';
import { conjunction, conjuncts } from '../../planner/logical/conjuncts.js';
import { referencedIds, walkExpr } from '../../planner/logical/map-expr.js';
import { planChildren, planExpressions } from '../../planner/logical/plan-children.js';
import { T } from '../../types/sql-type.js';
import { subqueryReferences } from './subquery-references.js';

export interface HashedCorrelation {
  /**
   * Uncorrelated: the rows the subquery's target list reads (its Project's input columns),
   * then one column per key.
   */
  readonly rows: LogicalPlan;
  /** The subquery's target list, applied only to the rows an outer row looks up (it may fail). */
  readonly project: LogicalProject;
  /** Per key, the outer side (evaluated against the outer row). */
  readonly outer: readonly BoundExpr[];
  /** The aggregates over no rows (the Project's input row for a key without rows). */
  readonly empty?: LogicalPlan;
}

/** Ids of the columns produced anywhere in `plan`, nested subqueries included. */
function producedIds(plan: LogicalPlan, into = new Set<number>()): Set<number> {
  for (const c of plan.output) into.add(c.id);
  for (const e of planExpressions(plan)) {
    walkExpr(e, (x) => { if (x.kind === 'Subquery') producedIds(x.plan, into); });
  }
  for (const child of planChildren(plan)) producedIds(child, into);
  return into;
}


/** Key types whose `=` is exactly equality of valueKey (not records, arrays, blank-padded char). */
const UNHASHED_TYPES = new Set(['unknown', 'void', 'bpchar', 'json']);
function hashableType(expr: BoundExpr): boolean {
  return !UNHASHED_TYPES.has(expr.type.id) && !expr.type.array && !expr.type.fields;
}

interface Key { readonly inner: BoundExpr; readonly outer: BoundExpr }

/** `inner = outer` with the inner side reading only `produced` columns and the outer side none of them. */
function keyOf(c: BoundExpr, produced: ReadonlySet<number>): Key | undefined {
  if (c.kind !== 'Compare' || c.op !== '=' || !hashableType(c.left)) return undefined;
  const sideOf = (e: BoundExpr): 'inner' | 'outer' | undefined => {
    const ids = [...referencedIds(e)];
    if (ids.length === 0) return undefined;
    if (ids.every((id) => produced.has(id))) return 'inner';
    return ids.every((id) => !produced.has(id)) ? 'outer' : undefined;
  };
  const [l, r] = [sideOf(c.left), sideOf(c.right)];
  if (l === 'inner' && r === 'outer') return { inner: c.left, outer: c.right };
  if (l === 'outer' && r === 'inner') return { inner: c.right, outer: c.left };
  return undefined;
}

/** `plan` (Filters over a Scan or another input) with its key conjuncts taken out into `keys`. */
function withoutKeys(plan: LogicalPlan, produced: ReadonlySet<number>, keys: Key[]): LogicalPlan {
  const split = (predicate: BoundExpr): BoundExpr | undefined => conjunction(conjuncts(predicate).filter((c) => {
    const key = keyOf(c, produced);
    if (key) keys.push(key);
    return !key;
  }));
  if (plan.kind === 'Filter') {
    const input = withoutKeys(plan.input, produced, keys);
    const predicate = split(plan.predicate);
    return predicate ? { ...plan, input, predicate } : input;
  }
  if (plan.kind === 'Scan' && plan.filter) {
    const { filter: _, ...scan } = plan;
    const filter = split(plan.filter);
    return filter ? { ...scan, filter } : scan;
  }
  return plan;
}

/** The hashed form of a correlated subquery's plan, or undefined when its shape does not allow it. */
export function hashedCorrelation(plan: LogicalPlan): HashedCorrelation | undefined {
  if (plan.kind !== 'Project') return undefined;
  const produced = producedIds(plan);
  const keys: Key[] = [];
  const aggregate = plan.input.kind === 'Aggregate' && plan.input.groups.length === 0 && !plan.input.groupingSets
    ? plan.input : undefined;
  // Aggregate inputs are computed for every inner row, matched or not: only inputs that cannot fail.
  if (aggregate && !aggregate.aggregates.every((a) => [...a.args, ...(a.filter ? [a.filter] : []), ...(a.orderBy ?? []).map((k) => k.expr)]
    .every(cannotFail))) return undefined;
  const input = withoutKeys(aggregate ? aggregate.input : plan.input, produced, keys);
  if (keys.length === 0) return undefined;
  const appended: OutputColumn[] = keys.map((k, i) => ({ id: -1 - i, name: `?key${i}?`, type: k.inner.type, tableOid: 0, attnum: 0 }));
  const refsTo = (columns: readonly OutputColumn[]) => columns.map((c): BoundExpr => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }));
  let rows: LogicalPlan;
  let empty: LogicalPlan | undefined;
  if (aggregate) {
    const grouped: LogicalPlan = { ...aggregate, input, groups: keys.map((k) => k.inner), output: [...appended, ...aggregate.output] };
    rows = { kind: 'Project', input: grouped, exprs: refsTo([...aggregate.output, ...appended]), output: [...aggregate.output, ...appended] };
    empty = { ...aggregate, input: { kind: 'Values', rows: [], output: input.output } };
  } else {
    rows = { kind: 'Project', input, exprs: [...refsTo(input.output), ...keys.map((k) => k.inner)], output: [...input.output, ...appended] };
  }
  // Whatever else reads an outer column (the target list included) keeps the subquery per outer row.
  const refs = subqueryReferences({ ...plan, input: rows });
  if (refs.volatile || [...refs.columnIds].some((id) => !produced.has(id) && id >= 0)) return undefined;
  return { rows, project: plan, outer: keys.map((k) => k.outer), ...(empty ? { empty } : {}) };
}

/** Column references, constants and parameters, and logic and comparisons over them: evaluating them raises no error. */
function cannotFail(expr: BoundExpr): boolean {
  switch (expr.kind) {
    case 'ColumnRef': case 'Constant': case 'Param': return true;
    case 'And': case 'Or': return expr.args.every(cannotFail);
    case 'Not': case 'IsNull': return cannotFail(expr.operand);
    case 'Compare': case 'IsDistinct': return !expr.left.type.fields && cannotFail(expr.left) && cannotFail(expr.right);
    default: return false;
  }
}
