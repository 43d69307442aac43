/**
 * INSERT / UPDATE / DELETE → Insert, Update, Delete (RETURNING, UPDATE … FROM, DEFAULT in
 * VALUES and SET, `INSERT … DEFAULT VALUES`, `SET col[i] = v`). WITH on a data-modifying statement,
 * ON CONFLICT, DELETE … USING, OVERRIDING, multiple-column SET and assigning to a field or a slice
 * are 0A000.
 */
import type { DeleteStmt, InsertStmt, Node, UpdateStmt } from 'libpg-query';
import type { Delete, Insert, Update } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { convertFrom } from './convert-from.js';
import { convertQuery, convertSelectItem } from './convert-select.js';
import { notSupported } from './not-supported.js';
import { relationName } from './qualified-name.js';

/** Convert INSERT. */
export function convertInsert(s: InsertStmt, ctx: ConvertContext): Insert {
  if (s.withClause) throw notSupported('WITH on INSERT', ctx);
  if (s.onConflictClause) throw notSupported('ON CONFLICT', ctx, s.onConflictClause.location);
  if (s.override !== undefined && s.override !== 'OVERRIDING_NOT_SET') throw notSupported('OVERRIDING … VALUE', ctx);
  const columns = s.cols?.map((c) => ('ResTarget' in c && !c.ResTarget.indirection ? c.ResTarget.name! : unsupportedTarget(ctx)));
  // DEFAULT VALUES: one empty VALUES row and no column list (the binder reads it as all defaults).
  const source = s.selectStmt ? convertQuery(s.selectStmt, ctx) : { kind: 'Values' as const, rows: [[]], orderBy: [] };
  return {
    kind: 'Insert', table: relationName(s.relation!, ctx), ...(columns ? { columns } : {}), source,
    ...(s.returningList ? { returning: s.returningList.map((r) => convertSelectItem(r, ctx)) } : {}),
  };
}

/** Convert UPDATE. */
export function convertUpdate(s: UpdateStmt, ctx: ConvertContext): Update {
  if (s.withClause) throw notSupported('WITH on UPDATE', ctx);
  const assignments = (s.targetList ?? []).map((t: Node) => {
    if (!('ResTarget' in t)) return unsupportedTarget(ctx);
    const subscripts = t.ResTarget.indirection?.map((step) => {
      if (!('A_Indices' in step) || step.A_Indices.is_slice) return unsupportedTarget(ctx);
      return convertExpr(step.A_Indices.uidx!, ctx);
    });
    return { column: t.ResTarget.name!, ...(subscripts ? { subscripts } : {}), value: convertExpr(t.ResTarget.val!, ctx) };
  });
  return {
    kind: 'Update', table: relationName(s.relation!, ctx), ...alias(s.relation!.alias?.aliasname), assignments,
    from: (s.fromClause ?? []).map((f) => convertFrom(f, ctx)),
    ...(s.whereClause ? { where: convertExpr(s.whereClause, ctx) } : {}),
    ...(s.returningList ? { returning: s.returningList.map((r) => convertSelectItem(r, ctx)) } : {}),
  };
}

/** Convert DELETE. */
export function convertDelete(s: DeleteStmt, ctx: ConvertContext): Delete {
  if (s.withClause) throw notSupported('WITH on DELETE', ctx);
  if (s.usingClause) throw notSupported('DELETE … USING', ctx);
  return {
    kind: 'Delete', table: relationName(s.relation!, ctx), ...alias(s.relation!.alias?.aliasname),
    ...(s.whereClause ? { where: convertExpr(s.whereClause, ctx) } : {}),
    ...(s.returningList ? { returning: s.returningList.map((r) => convertSelectItem(r, ctx)) } : {}),
  };
}

function alias(name: string | undefined): { alias?: string } {
  return name === undefined ? {} : { alias: name };
}

function unsupportedTarget(ctx: ConvertContext): never {
  throw notSupported('assigning to a field or array element', ctx);
}
