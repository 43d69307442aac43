/**
 * What a correlated subquery's result depends on: the column ids it reads (anywhere in its
 * plan, nested subqueries included) and whether it calls a volatile function. Ids are unique
 * per statement, so those found in an enclosing row's layout are exactly its outer inputs.
 */
import type { LogicalPlan } from '../../planner/logical/logical-plan.js';

export interface SubqueryReferences {
  readonly columnIds: ReadonlySet<number>;
  /** random(), nextval() …: the result may differ for equal outer values, so no caching. */
  readonly volatile: boolean;
}

/** Object fields that never hold a plan or an expression (types, registry entries). */
const SKIPPED_FIELDS = new Set(['type', 'types', 'argTypes', 'overload', 'output', 'table', 'value']);

export function subqueryReferences(plan: LogicalPlan): SubqueryReferences {
  const columnIds = new Set<number>();
  let volatile = false;
  const seen = new Set<object>();
  // An explicit stack: plans can be deep, and this must not recurse.
  const stack: unknown[] = [plan];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (const item of node) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (record['kind'] === 'ColumnRef' && typeof record['id'] === 'number') columnIds.add(record['id']);
    const overload = record['overload'] as { volatility?: string } | undefined;
    if (overload?.volatility === 'volatile') volatile = true;
    for (const [field, value] of Object.entries(record)) {
      if (!SKIPPED_FIELDS.has(field) && value !== null && typeof value === 'object') stack.push(value);
    }
  }
  return { columnIds, volatile };
}
