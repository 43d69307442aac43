/**
 * UNION / INTERSECT / EXCEPT [ALL]: both sides bound independently, column counts checked,
 * each column coerced to the common type (42804 "UNION types … cannot be matched"); output
 * names come from the left side.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { selectCommonType } from '../../functions/type-resolution.js';
import type { SetOperationQuery } from '../../parser/ast.js';
import { formatTypeName, type SqlType } from '../../types/sql-type.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindQuery } from './bind-query.js';
import { coerce, isUnknown } from './expression/coerce.js';
import { finishQuery } from './finish-query.js';
import type { Scope } from './scope.js';

const isUnknownType = (t: SqlType) => t.id === 'unknown' && !t.array;

/**
 * `plan` with its columns cast to `types` (a Project when any differs). A branch's untyped
 * literal or parameter (an `unknown` output of its Project) is converted in place.
 */
export function castSide(bind: BindContext, plan: LogicalPlan, types: readonly SqlType[]): LogicalPlan {
  const same = plan.output.every((c, i) => c.type.id === types[i]!.id && c.type.array === types[i]!.array);
  if (same) return plan;
  if (plan.kind === 'Project' && plan.output.some((c) => isUnknownType(c.type))) {
    const exprs = plan.exprs.map((e, i) => (i < types.length && isUnknown(e) ? coerce(bind, e, types[i]!, 'implicit', () => '') : e));
    const output = plan.output.map((c, i) => (i < types.length && isUnknownType(c.type) ? { ...c, type: types[i]! } : c));
    plan = { ...plan, exprs, output };
    if (plan.output.every((c, i) => c.type.id === types[i]!.id && c.type.array === types[i]!.array)) return plan;
  }
  const exprs = plan.output.map((c, i): BoundExpr =>
    coerce(bind, { kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }, types[i]!, 'implicit', () => ''));
  const output = plan.output.map((c, i) => ({ ...c, id: bind.newId(), type: types[i]!, tableOid: 0, attnum: 0 }));
  return { kind: 'Project', input: plan, exprs, output };
}

export function bindSetOperation(bind: BindContext, query: SetOperationQuery, parent?: Scope): LogicalPlan {
  const left = bindQuery(bind, query.left, parent, true);
  const right = bindQuery(bind, query.right, parent, true);
  if (left.output.length !== right.output.length) {
    throw new SqlError(SQLSTATE.SyntaxError, `each ${query.op} query must have the same number of columns`);
  }
  const types = left.output.map((l, i) => {
    const r = right.output[i]!;
    const type = selectCommonType([l.type, r.type]);
    if (!type) {
      throw new SqlError(SQLSTATE.DatatypeMismatch,
        `${query.op} types ${formatTypeName(l.type)} and ${formatTypeName(r.type)} cannot be matched`);
    }
    return type;
  });
  const output: OutputColumn[] = left.output.map((c, i) => ({ id: bind.newId(), name: c.name, type: types[i]!, tableOid: 0, attnum: 0 }));
  const plan: LogicalPlan = {
    kind: 'SetOp', op: query.op, all: query.all,
    left: castSide(bind, left, types), right: castSide(bind, right, types), output,
  };
  return finishQuery(bind, plan, query, parent);
}
