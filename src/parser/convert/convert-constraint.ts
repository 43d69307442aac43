/**
 * Constraint nodes (column- or table-level) → our TableConstraint: PRIMARY KEY, UNIQUE,
 * FOREIGN KEY … REFERENCES (actions as pg_constraint letters) and CHECK (expression plus its
 * source text), with NOT VALID / NO INHERIT. EXCLUDE, UNIQUE NULLS NOT DISTINCT, INCLUDE, USING INDEX
 * and MATCH PARTIAL are 0A000.
 */
import type { Constraint } from 'libpg-query';
import type { ForeignKeyReference, TableConstraint } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { notSupported } from './not-supported.js';
import { stringsOf } from './pg-node.js';
import { relationName } from './qualified-name.js';
import { parenthesizedText } from './source-spans.js';

/** Constraint kinds that only qualify the constraint before them (DEFERRABLE …); accepted. */
const ATTRIBUTE_KINDS = new Set(['CONSTR_ATTR_DEFERRABLE', 'CONSTR_ATTR_NOT_DEFERRABLE', 'CONSTR_ATTR_DEFERRED', 'CONSTR_ATTR_IMMEDIATE']);

/** True for DEFERRABLE / INITIALLY … entries of a column's constraint list. */
export function isConstraintAttribute(c: Constraint): boolean {
  return ATTRIBUTE_KINDS.has(c.contype ?? '');
}

/**
 * A key, foreign-key or check constraint; `column` is set for a column's own constraint (its
 * key columns are that column). NOT NULL / NULL / DEFAULT are the column converter's.
 */
export function convertConstraint(c: Constraint, ctx: ConvertContext, column?: string): TableConstraint {
  const named = {
    ...(c.conname !== undefined ? { name: c.conname } : {}),
    ...(c.skip_validation ? { notValid: true } : {}),
    ...(c.is_no_inherit ? { noInherit: true } : {}),
  };
  const keys = column !== undefined ? [column] : stringsOf(c.keys);
  switch (c.contype) {
    case 'CONSTR_PRIMARY': case 'CONSTR_UNIQUE':
      if (c.nulls_not_distinct) throw notSupported('UNIQUE NULLS NOT DISTINCT', ctx, c.location);
      if (c.including) throw notSupported('INCLUDE in a key constraint', ctx, c.location);
      if (c.indexname !== undefined) throw notSupported('USING INDEX in a key constraint', ctx, c.location);
      return { kind: c.contype === 'CONSTR_PRIMARY' ? 'PrimaryKey' : 'Unique', ...named, columns: keys };
    case 'CONSTR_FOREIGN': {
      const columns = column !== undefined ? [column] : stringsOf(c.fk_attrs);
      return { kind: 'ForeignKey', ...named, columns, references: references(c, ctx) };
    }
    case 'CONSTR_CHECK':
      return { kind: 'Check', ...named, columns: [], check: { expr: convertExpr(c.raw_expr!, ctx), text: parenthesizedText(ctx, c.location ?? 0) } };
    case 'CONSTR_EXCLUSION': throw notSupported('an EXCLUDE constraint', ctx, c.location);
    case 'CONSTR_GENERATED': throw notSupported('GENERATED ALWAYS AS (…) STORED', ctx, c.location);
    case 'CONSTR_IDENTITY': throw notSupported('GENERATED … AS IDENTITY', ctx, c.location);
    default: throw notSupported(`constraint ${String(c.contype)}`, ctx, c.location);
  }
}

/** `REFERENCES t [(cols)] [MATCH SIMPLE|FULL] [ON DELETE a] [ON UPDATE a]`; MATCH PARTIAL is 0A000 (as in PostgreSQL). */
function references(c: Constraint, ctx: ConvertContext): ForeignKeyReference {
  if (c.fk_matchtype === 'p') throw notSupported('MATCH PARTIAL', ctx, c.location);
  if (c.fk_del_set_cols) throw notSupported('ON DELETE SET NULL|DEFAULT with a column list', ctx, c.location);
  const columns = c.pk_attrs ? stringsOf(c.pk_attrs) : undefined;
  return {
    table: relationName(c.pktable!, ctx, true),
    ...(columns ? { columns } : {}),
    onDelete: c.fk_del_action ?? 'a',
    onUpdate: c.fk_upd_action ?? 'a',
    ...(c.fk_matchtype === 'f' ? { matchFull: true } : {}),
  };
}
