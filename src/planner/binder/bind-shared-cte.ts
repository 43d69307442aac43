/**
 * WITH items computed once (PostgreSQL materializes a WITH item read more than once or
 * calling a volatile function): `WITH x AS (SELECT random() r) SELECT * FROM x, x y` gives
 * the same r twice. Such an item's body is bound once and every reference becomes a CteScan
 * over it, sharing one run (execution/operators/physical-cte-scan.ts). An item read once
 * stays inlined, so filters and pruning reach into it; so does one reading columns of an
 * enclosing query (it would have to run again for each outer row), and one reading a work table
 * (inside a recursive item's term it must see each iteration's rows, not the first one's: shared,
 * `WITH RECURSIVE x AS (… UNION ALL (WITH z AS (SELECT * FROM x) SELECT … FROM z, z z1 …))` never ended).
 */
import type { CommonTableExpr, Query } from '../../parser/ast.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import { collectPlanIds } from '../logical/map-expr.js';
import { planChildren } from '../logical/plan-children.js';
import { isVolatilePlan } from '../logical/volatile-expr.js';
import type { BindContext } from './bind-context.js';

interface SharedBody {
  readonly share: number;
  readonly plan: LogicalPlan;
}

const sharedBodies = new WeakMap<BindContext, Map<CommonTableExpr, SharedBody>>();
const referenceCounts = new WeakMap<BindContext, Map<string, number>>();

/**
 * A reference to `cte` whose body `bindBody` binds: a CteScan when the item is shared, else
 * the freshly bound body (inlined). Output columns are named `names`.
 */
export function bindCteReference(bind: BindContext, cte: CommonTableExpr, bindBody: () => LogicalPlan,
  names: (plan: LogicalPlan) => OutputColumn[]): LogicalPlan {
  let bodies = sharedBodies.get(bind);
  const known = bodies?.get(cte);
  if (known) return cteScan(bind, cte, known, names);
  const plan = bindBody();
  const shared = (referencesTo(bind, cte.name) > 1 || isVolatilePlan(plan)) && !readsOuterColumns(plan) && !readsWorkTable(plan);
  if (!shared) return { ...plan, output: names(plan) } as LogicalPlan;
  const body: SharedBody = { share: bind.newWorkTableId(), plan };
  if (!bodies) sharedBodies.set(bind, bodies = new Map());
  bodies.set(cte, body);
  return cteScan(bind, cte, body, names);
}

function cteScan(bind: BindContext, cte: CommonTableExpr, body: SharedBody, names: (plan: LogicalPlan) => OutputColumn[]): LogicalPlan {
  const output = names(body.plan).map((c) => ({ ...c, id: bind.newId(), tableOid: 0, attnum: 0 }));
  return { kind: 'CteScan', share: body.share, name: cte.name, input: body.plan, output };
}

/** How often the statement names `name` as a table (counted once per statement, over its text's tree). */
function referencesTo(bind: BindContext, name: string): number {
  let counts = referenceCounts.get(bind);
  if (!counts) {
    counts = countTableRefs(bind.statementQuery);
    referenceCounts.set(bind, counts);
  }
  return counts.get(name) ?? 0;
}

/** Unqualified table references by name, anywhere in `query` (an explicit stack: trees can be deep). */
function countTableRefs(query: Query | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  const stack: unknown[] = query ? [query] : [];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (record['kind'] === 'TableRef' && record['schema'] === undefined && typeof record['name'] === 'string') {
      counts.set(record['name'], (counts.get(record['name']) ?? 0) + 1);
    }
    for (const value of Object.values(record)) if (value !== null && typeof value === 'object') stack.push(value);
  }
  return counts;
}

/** True when the body reads a column no node of its own produces (an enclosing query's). */
function readsOuterColumns(plan: LogicalPlan): boolean {
  const produced = new Set<number>();
  const stack = [plan];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const c of node.output) produced.add(c.id);
    stack.push(...planChildren(node));
  }
  for (const id of collectPlanIds(plan)) if (!produced.has(id)) return true;
  return false;
}

/** True when the body scans a work table (a recursive item's rows, or a data-modifying item's). */
function readsWorkTable(plan: LogicalPlan): boolean {
  const stack = [plan];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.kind === 'WorkTableScan') return true;
    stack.push(...planChildren(node));
  }
  return false;
}
