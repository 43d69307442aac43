/**
 * Evaluates a domain's constraints (BoundDomainCheck) on each value becoming the domain type:
 * NOT NULL, then every CHECK over VALUE (a NULL result passes, as for table CHECKs), with
 * PostgreSQL's errors: 23502 `domain d does not allow null values`, 23514 `value for domain d
 * violates check constraint "c"`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import type { CompiledExpr } from './compiled-expr.js';

type Compile = (expr: BoundExpr, layout: ReadonlyMap<number, number>) => CompiledExpr;

export function compileDomainCheck(expr: Extract<BoundExpr, { kind: 'DomainCheck' }>, layout: ReadonlyMap<number, number>,
  compile: Compile): CompiledExpr {
  const operand = compile(expr.operand, layout);
  const valueLayout = new Map([[expr.valueId, 0]]);
  const checks = expr.checks.map((c) => ({ name: c.name, test: compile(c.expr, valueLayout) }));
  const { domain, notNull } = expr;
  return async (rows, ctx) => {
    const values = await operand(rows, ctx);
    if (notNull && values.some((v) => v === null)) {
      throw new SqlError(SQLSTATE.NotNullViolation, `domain ${domain} does not allow null values`);
    }
    if (checks.length === 0) return values;
    const valueRows: Row[] = values.map((v): Value[] => [v]);
    for (const check of checks) {
      const results = await check.test(valueRows, ctx);
      if (results.some((r) => r === false)) {
        throw new SqlError(SQLSTATE.CheckViolation, `value for domain ${domain} violates check constraint "${check.name}"`,
          { constraint: check.name });
      }
    }
    return values;
  };
}
