/**
 * Logical plan → physical operator tree, one case per logical node (joins pick hash join
 * when the condition has equality keys between the two sides, else nested loop). Extension
 * nodes are planned by the physical planner their extension registered.
 */
import { SqlError, SQLSTATE, unreachable } from '../common/sql-error.js';
import type { BoundExpr } from '../planner/logical/bound-expr.js';
import type { LogicalExtension, LogicalJoin, LogicalPlan } from '../planner/logical/logical-plan.js';
import { referencedIds } from '../planner/logical/map-expr.js';
import { conjuncts } from '../planner/logical/conjuncts.js';
import { T } from '../types/sql-type.js';
import { physicalDistinct } from './operators/physical-distinct.js';
import { physicalFilter } from './operators/physical-filter.js';
import { physicalFunctionScan } from './operators/physical-function-scan.js';
import { physicalGroupingSets } from './operators/physical-grouping-sets.js';
import { physicalHashAggregate } from './operators/physical-hash-aggregate.js';
import { physicalHashJoin, type EquiKeys } from './operators/physical-hash-join.js';
import { physicalLimit } from './operators/physical-limit.js';
import { physicalLateralJoin } from './operators/physical-lateral-join.js';
import { physicalNestedLoopJoin } from './operators/physical-nested-loop-join.js';
import { physicalProject } from './operators/physical-project.js';
import { limitInput } from './operators/physical-row-cap.js';
import { physicalCteScan } from './operators/physical-cte-scan.js';
import { physicalProjectSet } from './operators/physical-project-set.js';
import { physicalRecursiveUnion, physicalWorkTableScan } from './operators/physical-recursive-union.js';
import { physicalScan } from './operators/physical-scan.js';
import { physicalSetOp, physicalUnion } from './operators/physical-set-op.js';
import { physicalSort } from './operators/physical-sort.js';
import { physicalTopN } from './operators/physical-top-n.js';
import { physicalValues } from './operators/physical-values.js';
import { physicalWindow } from './operators/physical-window.js';
import type { PhysicalOperator } from './physical-operator.js';

/** Plans an extension node; `inputs` are its already-planned input operators. */
export type ExtensionPhysicalPlanner = (node: LogicalExtension, inputs: readonly PhysicalOperator[]) => PhysicalOperator;
const extensionPlanners = new Map<string, ExtensionPhysicalPlanner>();

/** Registers the physical planner for extension nodes named `name` (CLIP CONVERT/SEARCH). */
export function registerPhysicalPlanner(name: string, planner: ExtensionPhysicalPlanner): void {
  extensionPlanners.set(name, planner);
}

function subsetOf(ids: Set<number>, allowed: Set<number>): boolean {
  for (const id of ids) if (!allowed.has(id)) return false;
  return ids.size > 0;
}

/** Splits a join condition into equality keys (left = right) and the rest. */
export function splitEquiKeys(join: LogicalJoin): { keys: EquiKeys; residual?: BoundExpr } {
  const leftIds = new Set(join.left.output.map((c) => c.id));
  const rightIds = new Set(join.right.output.map((c) => c.id));
  const left: BoundExpr[] = [];
  const right: BoundExpr[] = [];
  const rest: BoundExpr[] = [];
  for (const c of join.condition ? conjuncts(join.condition) : []) {
    if (c.kind === 'Compare' && c.op === '=') {
      const l = referencedIds(c.left);
      const r = referencedIds(c.right);
      if (subsetOf(l, leftIds) && subsetOf(r, rightIds)) { left.push(c.left); right.push(c.right); continue; }
      if (subsetOf(l, rightIds) && subsetOf(r, leftIds)) { left.push(c.right); right.push(c.left); continue; }
    }
    rest.push(c);
  }
  const residual = rest.length === 0 ? undefined : rest.length === 1 ? rest[0]! : { kind: 'And' as const, type: T.bool, args: rest };
  return { keys: { left, right }, ...(residual ? { residual } : {}) };
}

/**
 * The inputs of a chain of UNIONs that one n-ary union computes exactly: under UNION (distinct)
 * every nested UNION [ALL] dissolves (duplicates go anyway); under UNION ALL only nested UNION
 * ALLs do. Walked with a stack: generated SQL chains thousands of UNIONs.
 */
function unionInputs(top: Extract<LogicalPlan, { kind: 'SetOp' }>): LogicalPlan[] {
  const inputs: LogicalPlan[] = [];
  const stack: LogicalPlan[] = [top.right, top.left];
  while (stack.length > 0) {
    const plan = stack.pop()!;
    if (plan.kind === 'SetOp' && plan.op === 'UNION' && (!top.all || plan.all)) stack.push(plan.right, plan.left);
    else inputs.push(plan);
  }
  return inputs;
}

export function buildOperator(plan: LogicalPlan): PhysicalOperator {
  const ids = plan.output.map((c) => c.id);
  switch (plan.kind) {
    case 'Scan': return physicalScan(plan);
    case 'Filter': return physicalFilter(buildOperator(plan.input), plan.predicate);
    case 'Project': return physicalProject(buildOperator(plan.input), plan.exprs, ids);
    case 'Aggregate':
      if (plan.groupingSets) {
        return physicalGroupingSets(buildOperator(plan.input), plan.groups, plan.groupingSets, plan.aggregates, plan.groupingCalls ?? [], ids);
      }
      return physicalHashAggregate(buildOperator(plan.input), plan.groups, plan.aggregates, ids);
    case 'Sort': return physicalSort(buildOperator(plan.input), plan.keys);
    case 'TopN': return physicalTopN(buildOperator(plan.input), plan.keys, plan.limit, plan.offset);
    case 'Limit': return physicalLimit(limitInput(plan, buildOperator), plan.limit, plan.offset, plan.ties);
    case 'Distinct': return physicalDistinct(buildOperator(plan.input), plan.input.output.map((c) => c.type), plan.on);
    case 'SetOp': {
      const types = plan.output.map((c) => c.type);
      if (plan.op === 'UNION') return physicalUnion(unionInputs(plan).map(buildOperator), plan.all, ids, types);
      return physicalSetOp(plan.op, plan.all, buildOperator(plan.left), buildOperator(plan.right), ids, types);
    }
    case 'Values': return physicalValues(plan.rows, ids);
    case 'FunctionScan': return physicalFunctionScan(plan.fn, ids);
    case 'Window': return physicalWindow(buildOperator(plan.input), plan.functions, ids);
    case 'ProjectSet': return physicalProjectSet(buildOperator(plan.input), plan.functions, ids);
    case 'RecursiveUnion':
      return physicalRecursiveUnion(plan.workTable, plan.all, buildOperator(plan.anchor), buildOperator(plan.recursive), ids);
    case 'WorkTableScan': return physicalWorkTableScan(plan.workTable, ids);
    case 'CteScan': return physicalCteScan(buildOperator(plan.input), plan.share, ids);
    case 'Join': {
      const left = buildOperator(plan.left);
      const right = buildOperator(plan.right);
      if (plan.lateral) return physicalLateralJoin(plan.joinType, left, right, plan.condition);
      const { keys, residual } = splitEquiKeys(plan);
      if (plan.joinType !== 'CROSS' && keys.left.length > 0) return physicalHashJoin(plan.joinType, left, right, keys, residual);
      return physicalNestedLoopJoin(plan.joinType, left, right, plan.condition);
    }
    case 'Extension': {
      const planner = extensionPlanners.get(plan.name);
      if (!planner) throw new SqlError(SQLSTATE.FeatureNotSupported, `${plan.name} is not available yet`);
      return planner(plan, plan.inputs.map(buildOperator));
    }
    default: return unreachable(plan);
  }
}
