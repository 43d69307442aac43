/**
 * Binds any query form to a logical plan: SELECT, set operations, VALUES, and extension
 * queries (CONVERT/SEARCH) through the extension registry.
 */
import { unreachable } from '../../common/sql-error.js';
import type { CommonTableExpr, Query } from '../../parser/ast.js';
import { bindExtensionQuery } from '../extension-registry.js';
import type { LogicalPlan } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindSelect } from './bind-select.js';
import { bindSetOperation } from './bind-set-operation.js';
import { bindValues } from './bind-values.js';
import type { Scope } from './scope.js';

/** `setOperand`: a direct branch of a set operation (see bindSelect). */
export function bindQuery(bind: BindContext, query: Query, parent?: Scope, setOperand = false): LogicalPlan {
  switch (query.kind) {
    case 'Select': return bindSelect(bind, query, parent, setOperand);
    case 'SetOperation': return withCtes(bind, query.with, () => bindSetOperation(bind, query, parent));
    case 'Values': return withCtes(bind, query.with, () => bindValues(bind, query, parent));
    case 'Convert': case 'Search': case 'PrintImage': return bindExtensionQuery(bind, query, parent);
    default: return unreachable(query);
  }
}

/** Binds `fn` with a WITH clause's CTEs visible (set operations and VALUES; SELECT does its own). */
function withCtes(bind: BindContext, ctes: readonly CommonTableExpr[] | undefined, fn: () => LogicalPlan): LogicalPlan {
  if (!ctes) return fn();
  bind.pushCtes(ctes);
  try {
    return fn();
  } finally {
    bind.popCtes();
  }
}
