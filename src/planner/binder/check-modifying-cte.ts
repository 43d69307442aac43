/**
 * Where a data-modifying WITH item may stand: only in the statement's top-level WITH, as in
 * PostgreSQL (a WITH in a subquery, a CTE body or an INSERT's SELECT holding one is 0A000).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CommonTableExpr, DataModifyingStatement, Query } from '../../parser/ast.js';

/** True for a WITH item whose body is INSERT, UPDATE or DELETE. */
export function isModifying(query: Query | DataModifyingStatement): query is DataModifyingStatement {
  return query.kind === 'Insert' || query.kind === 'Update' || query.kind === 'Delete';
}

/** 0A000 when `ctes` holds a data-modifying item and is not `topLevel`. */
export function checkModifyingAtTopLevel(ctes: readonly CommonTableExpr[], topLevel: readonly CommonTableExpr[] | undefined,
  positionOf: (word: string) => number | undefined): void {
  const modifying = ctes.find((c) => isModifying(c.query));
  if (modifying && ctes !== topLevel) {
    const position = positionOf(modifying.name);
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'WITH clause containing a data-modifying statement must be at the top level',
      position === undefined ? {} : { position });
  }
}
