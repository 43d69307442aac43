/**
 * INSERT / UPDATE / DELETE → Insert, Update, Delete (RETURNING, UPDATE … FROM, DELETE … USING, DEFAULT in
 * VALUES and SET, `SET (a, b) = …`, `INSERT … DEFAULT VALUES`, `SET col[i] = v`, `SET f.x = v`,
 * `INSERT INTO t (a[1], f.x)`, a WITH clause, INSERT … ON CONFLICT). OVERRIDING and subscripts in
 * a multiple-column SET are 0A000.
 */
import type { DeleteStmt, InsertStmt, Node, OnConflictClause, UpdateStmt, WithClause } from 'libpg-query';
import type { Assignment, CommonTableExpr, Delete, Expr, Insert, MultiAssignment, OnConflict, Update } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertAssignSteps } from './convert-assign-steps.js';
import { convertExpr, locationOf } from './convert-expr.js';
import { convertFrom } from './convert-from.js';
import { convertQuery, convertSelectItem } from './convert-select.js';
import { convertWith } from './convert-with.js';
import { notSupported, syntaxError, unsupportedForm } from './not-supported.js';
import { relationName } from './qualified-name.js';

/** Convert INSERT. */
export function convertInsert(s: InsertStmt, ctx: ConvertContext): Insert {
  if (s.override !== undefined && s.override !== 'OVERRIDING_NOT_SET') throw notSupported('OVERRIDING … VALUE', ctx);
  const columns = s.cols?.map((c) => ('ResTarget' in c ? c.ResTarget.name! : unsupportedTarget(ctx)));
  const steps = s.cols?.map((c) => ('ResTarget' in c && c.ResTarget.indirection ? convertAssignSteps(c.ResTarget.indirection, ctx) : undefined));
  const indirection = steps?.some((x) => x !== undefined) ? steps : undefined;
  // DEFAULT VALUES: one empty VALUES row and no column list (the binder reads it as all defaults).
  const source = s.selectStmt ? convertQuery(s.selectStmt, ctx) : { kind: 'Values' as const, rows: [[]], orderBy: [] };
  return {
    kind: 'Insert', ...withPart(s.withClause, ctx), table: relationName(s.relation!, ctx), ...(columns ? { columns } : {}),
    ...(indirection ? { indirection } : {}), source, ...alias(s.relation!.alias?.aliasname),
    ...(s.onConflictClause ? { onConflict: convertOnConflict(s.onConflictClause, ctx) } : {}),
    ...(s.returningList ? { returning: s.returningList.map((r) => convertSelectItem(r, ctx)) } : {}),
  };
}

/** `ON CONFLICT … DO NOTHING | DO UPDATE`: the target's elements and the action. */
function convertOnConflict(c: OnConflictClause, ctx: ConvertContext): OnConflict {
  const infer = c.infer;
  const target = infer?.indexElems?.map((n) => {
    const e = 'IndexElem' in n ? n.IndexElem : undefined;
    if (e?.name !== undefined) return { column: e.name };
    return { expr: convertExpr(e?.expr ?? n, ctx) };
  });
  const update = c.action === 'ONCONFLICT_UPDATE';
  return {
    action: update ? 'update' : 'nothing',
    ...(target ? { target } : {}),
    ...(infer?.whereClause ? { targetWhere: convertExpr(infer.whereClause, ctx) } : {}),
    ...(infer?.conname !== undefined ? { constraint: infer.conname } : {}),
    ...(update ? { assignments: convertAssignments(c.targetList ?? [], ctx) } : {}),
    ...(c.whereClause ? { where: convertExpr(c.whereClause, ctx) } : {}),
  };
}

/** Convert UPDATE. */
export function convertUpdate(s: UpdateStmt, ctx: ConvertContext): Update {
  const assignments = convertAssignments(s.targetList ?? [], ctx);
  return {
    kind: 'Update', ...withPart(s.withClause, ctx), table: relationName(s.relation!, ctx), ...alias(s.relation!.alias?.aliasname), ...only(s.relation!.inh), assignments,
    from: (s.fromClause ?? []).map((f) => convertFrom(f, ctx)),
    ...wherePart(s.whereClause, ctx),
    ...(s.returningList ? { returning: s.returningList.map((r) => convertSelectItem(r, ctx)) } : {}),
  };
}

/** Convert DELETE. */
export function convertDelete(s: DeleteStmt, ctx: ConvertContext): Delete {
  return {
    kind: 'Delete', ...withPart(s.withClause, ctx), table: relationName(s.relation!, ctx), ...alias(s.relation!.alias?.aliasname), ...only(s.relation!.inh),
    ...(s.usingClause ? { using: s.usingClause.map((f) => convertFrom(f, ctx)) } : {}),
    ...wherePart(s.whereClause, ctx),
    ...(s.returningList ? { returning: s.returningList.map((r) => convertSelectItem(r, ctx)) } : {}),
  };
}

/**
 * UPDATE / DELETE's WHERE: a condition, or `CURRENT OF cursor` (the grammar allows it only as
 * the whole WHERE clause; `CURRENT OF $1`, a parameter naming the cursor, is PL/pgSQL's).
 */
function wherePart(where: Node | undefined, ctx: ConvertContext): { where?: Expr; currentOf?: string } {
  if (!where) return {};
  if ('CurrentOfExpr' in where) {
    const name = where.CurrentOfExpr.cursor_name;
    if (!name) throw notSupported('WHERE CURRENT OF a cursor parameter', ctx);
    return { currentOf: name };
  }
  return { where: convertExpr(where, ctx) };
}

/**
 * SET items in order. The grammar gives each column of `(a, b) = source` its own target holding
 * a MultiAssignRef (column number, column count, the same source); they are gathered back into
 * one MultiAssignment so the source is bound, and a subquery run, once for all its columns.
 */
function convertAssignments(targets: readonly Node[], ctx: ConvertContext): (Assignment | MultiAssignment)[] {
  const out: (Assignment | MultiAssignment)[] = [];
  let group: { columns: string[]; source: Expr } | undefined;
  for (const t of targets) {
    if (!('ResTarget' in t)) return unsupportedTarget(ctx);
    const column = t.ResTarget.name!;
    const value = t.ResTarget.val!;
    const indirection = t.ResTarget.indirection ? convertAssignSteps(t.ResTarget.indirection, ctx) : undefined;
    if (!('MultiAssignRef' in value)) {
      out.push({ column, ...(indirection ? { indirection } : {}), value: convertExpr(value, ctx) });
      continue;
    }
    if (indirection) return unsupportedTarget(ctx);
    const ref = value.MultiAssignRef;
    if (ref.colno === 1 || !group) {
      group = { columns: [], source: convertMultiSource(ref.source!, ref.ncolumns ?? 0, ctx) };
      out.push(group);
    }
    group.columns.push(column);
  }
  return out;
}

/** The source of `(a, b) = source`: a row of as many values, or a subquery (its width is checked when bound). */
function convertMultiSource(source: Node, count: number, ctx: ConvertContext): Expr {
  if ('SubLink' in source && source.SubLink.subLinkType === 'EXPR_SUBLINK') return convertExpr(source, ctx);
  if (!('RowExpr' in source)) {
    throw unsupportedForm('source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression', ctx, locationOf(source));
  }
  const row = convertExpr(source, ctx);
  const fields = row.kind === 'Row' ? row.fields : [];
  const starred = fields.some((f) => f.kind === 'ColumnRef' && f.column === '*');
  if (!starred && fields.length !== count) throw syntaxError('number of columns does not match number of values', ctx, source.RowExpr.location);
  return row;
}

function withPart(w: WithClause | undefined, ctx: ConvertContext): { with?: CommonTableExpr[] } {
  return w ? { with: convertWith(w, ctx) } : {};
}

function alias(name: string | undefined): { alias?: string } {
  return name === undefined ? {} : { alias: name };
}

/** `UPDATE ONLY t` / `DELETE FROM ONLY t` (the grammar leaves `inh` unset). */
function only(inh: boolean | undefined): { only?: boolean } {
  return inh ? {} : { only: true };
}

function unsupportedTarget(ctx: ConvertContext): never {
  throw notSupported('assigning to a field or array element', ctx);
}
