/**
 * FROM clause binding: tables (and CTE references), derived tables (alias optional: columns
 * are then visible unqualified), set-returning functions, and joins (ON / USING / CROSS).
 * Several FROM items become a chain of cross joins (the optimizer turns WHERE equalities
 * into join conditions).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { FromItem, JoinRef, TableRef } from '../../parser/ast.js';
import { findSystemTable } from '../../catalog/system/index.js';
import { formatTypeName, T } from '../../types/sql-type.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import { collectPlanIds } from '../logical/map-expr.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import { plannedTable, TABLEOID_COLUMN_ID } from '../logical/planned-table.js';
import type { BindContext } from './bind-context.js';
import { bindQuery } from './bind-query.js';
import { bindCteBody } from './bind-recursive-cte.js';
import { bindCteReference } from './bind-shared-cte.js';
import { isModifying, modifyingCteScan } from './bind-modifying-cte.js';
import { bindFunctionRef } from './bind-function-ref.js';
import { bindViewRef } from './bind-view-ref.js';
import { markNullExtended } from './null-extension-marker.js';
import { bindExpr } from './expression/bind-expression.js';
import { bindComparison } from './expression/bind-operator.js';
import { coerce, coerceToBool } from './expression/coerce.js';
import { Scope, type ScopeColumn, type ScopeRelation } from './scope.js';
import { asViewSees } from './view-column-names.js';

export interface BoundFrom {
  readonly plan: LogicalPlan;
  readonly relations: readonly ScopeRelation[];
}

/** Binds a whole FROM list; no FROM gives one empty row. */
export function bindFrom(bind: BindContext, items: readonly FromItem[], parent?: Scope): { plan: LogicalPlan; scope: Scope } {
  if (items.length === 0) {
    return { plan: { kind: 'Values', rows: [[]], output: [] }, scope: new Scope([], parent) };
  }
  let result = bindFromItem(bind, items[0]!, parent);
  for (const item of items.slice(1)) {
    const right = bindLateral(bind, item, result, parent);
    result = {
      plan: {
        kind: 'Join', joinType: 'CROSS', left: result.plan, right: right.plan,
        ...(right.lateral !== undefined ? { lateral: true } : {}), output: [...result.plan.output, ...right.plan.output],
      },
      relations: [...result.relations, ...right.relations],
    };
  }
  checkDuplicateAliases(result.relations);
  return { plan: result.plan, scope: new Scope(result.relations, parent) };
}

/**
 * A FROM item after `left`: LATERAL derived tables and functions (always, as in PostgreSQL)
 * see the items before them; `lateral` is set when they do read them, so the join runs the
 * item once per left row. `outer` are the FROM items before an enclosing join, which LATERAL
 * items inside that join see too (`FROM a, b JOIN LATERAL (… a.x …) s ON …`); a join's own ON
 * conditions and plain tables do not.
 */
function bindLateral(bind: BindContext, item: FromItem, left: BoundFrom, parent?: Scope,
  outer: readonly ScopeRelation[] = []): BoundFrom & { lateral?: string } {
  const visible = [...outer, ...left.relations];
  const mayRefer = (item.kind === 'SubqueryRef' && item.lateral === true) || item.kind === 'FunctionRef';
  let bound: BoundFrom;
  if (item.kind === 'Join') bound = bindFromItem(bind, item, parent, visible);
  else if (mayRefer) bound = bindFromItem(bind, item, new Scope(visible, parent));
  else return bindFromItem(bind, item, parent);
  const read = collectPlanIds(bound.plan);
  const referenced = left.relations.find((r) => r.columns.some((c) => read.has(c.id)));
  // `lateral` names the first relation it reads (for PostgreSQL's error on RIGHT/FULL joins).
  return referenced ? { ...bound, lateral: referenced.alias ?? '' } : bound;
}

function checkDuplicateAliases(relations: readonly ScopeRelation[]): void {
  const seen = new Set<string>();
  for (const r of relations) {
    if (r.alias === undefined) continue;
    if (seen.has(r.alias)) {
      throw new SqlError(SQLSTATE.DuplicateAlias, `table name "${r.alias}" specified more than once`);
    }
    seen.add(r.alias);
  }
}

function renamed(output: readonly OutputColumn[], aliases: readonly string[] | undefined): ScopeColumn[] {
  return output.map((c, i) => ({ ...c, name: aliases?.[i] ?? c.name }));
}

/**
 * `FROM t AS a (x, y)`: the first columns take the new names (42P10 when more names than
 * columns are given). The plan's output carries the names too, for derived tables above it.
 */
function withColumnAliases(bound: BoundFrom, aliases: readonly string[] | undefined, name: string): BoundFrom {
  if (aliases === undefined || bound.relations.length !== 1) return bound;
  const relation = bound.relations[0]!;
  const width = relation.columns.filter((c) => !c.system).length;
  if (aliases.length > width) {
    throw new SqlError(SQLSTATE.InvalidColumnReference,
      `table "${name}" has ${width} columns available but ${aliases.length} columns specified`);
  }
  const byId = new Map(relation.columns.map((c, i) => [c.id, aliases[i] ?? c.name]));
  const rename = <C extends OutputColumn>(c: C): C => ({ ...c, name: byId.get(c.id) ?? c.name });
  return {
    plan: { ...bound.plan, output: bound.plan.output.map(rename) } as LogicalPlan,
    relations: [{ ...relation, columns: relation.columns.map(rename) }],
  };
}

/** `outer`: what LATERAL items inside a join may read besides the join's own left side (see bindLateral). */
function bindFromItem(bind: BindContext, item: FromItem, parent?: Scope, outer: readonly ScopeRelation[] = []): BoundFrom {
  switch (item.kind) {
    case 'TableRef': return withColumnAliases(bindTableRef(bind, item, parent), item.columnAliases, item.alias ?? item.name);
    case 'SubqueryRef': {
      const plan = bindQuery(bind, item.query, parent);
      const columns = renamed(plan.output, item.columnAliases);
      return { plan: { ...plan, output: columns } as LogicalPlan, relations: [{ alias: item.alias, columns }] };
    }
    case 'FunctionRef': return bindFunctionRef(bind, item, parent);
    case 'Join': return item.alias === undefined ? bindJoin(bind, item, parent, outer) : aliasedJoin(bindJoin(bind, item, parent, outer), item);
  }
}

/**
 * `(a JOIN b …) AS j [(x, y)]`: the join becomes one relation named j with the join's visible
 * columns; a and b are no longer visible by their own names.
 */
function aliasedJoin(bound: BoundFrom, join: JoinRef): BoundFrom {
  const columns = bound.relations.flatMap((r) => r.columns.filter((c) => !c.hidden && !c.system));
  return withColumnAliases({ plan: bound.plan, relations: [{ alias: join.alias!, columns, joinAlias: true }] }, join.columnAliases, join.alias!);
}

function bindTableRef(bind: BindContext, ref: TableRef, parent?: Scope): BoundFrom {
  const cte = ref.schema === undefined ? bind.findCte(ref.name) : undefined;
  const work = cte && bind.workTableOf(cte);
  if (cte && work) {
    work.used = true;
    const output: OutputColumn[] = work.columns.map((c) => ({ id: bind.newId(), name: c.name, type: c.type, tableOid: 0, attnum: 0 }));
    return {
      plan: { kind: 'WorkTableScan', workTable: work.id, name: cte.name, output },
      relations: [{ alias: ref.alias ?? ref.name, columns: output }],
    };
  }
  if (cte && isModifying(cte.query)) {
    const plan = modifyingCteScan(bind, cte);
    return { plan, relations: [{ alias: ref.alias ?? ref.name, columns: plan.output }] };
  }
  if (cte) {
    const plan = bindCteReference(bind, cte, () => {
      const body = bindCteBody(bind, cte, parent);
      if (cte.columns && cte.columns.length > body.output.length) {
        throw new SqlError(SQLSTATE.InvalidColumnReference,
          `WITH query "${cte.name}" has ${body.output.length} columns available but ${cte.columns.length} columns specified`);
      }
      return body;
    }, (body) => renamed(body.output, cte.columns));
    return { plan, relations: [{ alias: ref.alias ?? ref.name, columns: plan.output }] };
  }
  // The search path: the session's temporary relations, pg_catalog (implicitly), then public;
  // information_schema must be named; `public.t` / `pg_temp.t` pick one.
  // A user schema's relations are stored as `schema.name` (catalog/schemas.ts).
  const user = ref.schema === undefined ? bind.lookupTable(ref.name)
    : ref.schema === 'pg_catalog' || ref.schema === 'information_schema' ? undefined : bind.lookupTable(`${ref.schema}.${ref.name}`);
  const table = (user?.temporary ? user : undefined) ?? findSystemTable(ref.schema, ref.name) ?? user;
  if (!table) {
    const name = ref.schema ? `${ref.schema}.${ref.name}` : ref.name;
    throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`, { position: bind.positionOf(ref.name) });
  }
  if (table.id > 0) bind.referencedRelations.add(table.id);
  if (table.view) return bindViewRef(bind, table, ref.alias ?? ref.name);
  const output: ScopeColumn[] = asViewSees(bind, table, table.columns.map((c, i) => ({
    id: bind.newId(), name: c.name, type: c.type, tableOid: table.oid, attnum: i + 1,
  })));
  const columnIds = table.columns.map((c) => c.id);
  if (table.id > 0) {
    // `tableoid`: which table of an inheritance tree a row comes from (pruned when unused).
    output.push({ id: bind.newId(), name: 'tableoid', type: T.oid, tableOid: table.oid, attnum: TABLEOID_COLUMN_ID, system: true });
    columnIds.push(TABLEOID_COLUMN_ID);
  }
  return {
    plan: {
      kind: 'Scan', table: plannedTable(table), columnIds, output: output.map(({ system: _s, hidden: _h, ...c }) => c),
      ...(ref.only || table.id < 0 ? {} : { inherit: true }),
    },
    relations: [{ alias: ref.alias ?? ref.name, columns: output }],
  };
}

/**
 * FULL JOIN … USING: each merged column is COALESCE(left, right) (either side may be the
 * NULL-extended one), listed first by `*` and visible unqualified; `l.id` / `r.id` stay the
 * sides' own columns.
 */
function mergeFullUsing(bind: BindContext, left: LogicalPlan, right: LogicalPlan, condition: BoundExpr,
  relations: readonly ScopeRelation[], keys: readonly { name: string; cmp: BoundExpr }[], usingAlias?: string): BoundFrom {
  const joinOutput = [...left.output, ...right.output];
  const merged = keys.map(({ name, cmp }) => {
    const [l, r] = cmp.kind === 'Compare' ? [cmp.left, cmp.right] : [cmp, cmp];
    const expr: BoundExpr = { kind: 'Coalesce', type: l.type, args: [l, r] };
    const column: ScopeColumn = { id: bind.newId(), name, type: l.type, tableOid: 0, attnum: 0 };
    return { expr, column };
  });
  const join: LogicalPlan = { kind: 'Join', joinType: 'FULL', left, right, condition, output: joinOutput };
  return {
    plan: {
      kind: 'Project', input: join,
      exprs: [...joinOutput.map((c): BoundExpr => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name })), ...merged.map((m) => m.expr)],
      output: [...joinOutput, ...merged.map((m) => m.column)],
    },
    relations: [{ ...(usingAlias !== undefined ? { alias: usingAlias } : {}), columns: merged.map((m) => m.column) }, ...relations],
  };
}

/**
 * NATURAL: the names of the left side's visible columns that the right side also has, in the
 * left side's order (a name found twice on a side is 42702 when it is resolved).
 */
function commonColumnNames(left: readonly ScopeRelation[], right: readonly ScopeRelation[]): string[] {
  const visible = (relations: readonly ScopeRelation[]) => relations.flatMap((r) => r.columns.filter((c) => !c.hidden && !c.system).map((c) => c.name));
  const rightNames = new Set(visible(right));
  return [...new Set(visible(left))].filter((name) => rightNames.has(name));
}

/** The merged columns' relation name of `JOIN … USING (…) AS u`. */
function usingAliasOf(join: JoinRef): { alias?: string } {
  return join.usingAlias !== undefined ? { alias: join.usingAlias } : {};
}

function bindJoin(bind: BindContext, join: JoinRef, parent?: Scope, outer: readonly ScopeRelation[] = []): BoundFrom {
  const boundLeft = bindFromItem(bind, join.left, parent, outer);
  const boundRight = bindLateral(bind, join.right, boundLeft, parent, outer);
  const left = join.type === 'RIGHT' || join.type === 'FULL' ? markNullExtended(bind, boundLeft) : boundLeft;
  const right = join.type === 'LEFT' || join.type === 'FULL' ? { ...boundRight, ...markNullExtended(bind, boundRight) } : boundRight;
  if (right.lateral !== undefined && (join.type === 'RIGHT' || join.type === 'FULL')) {
    throw new SqlError(SQLSTATE.InvalidColumnReference, `invalid reference to FROM-clause entry for table "${right.lateral}"`,
      { detail: 'The combining JOIN type must be INNER or LEFT for a LATERAL reference.' });
  }
  let relations = [...left.relations, ...right.relations];
  let condition: BoundExpr | undefined;
  const usingNames = join.natural ? commonColumnNames(left.relations, right.relations) : join.using;
  let joinType = join.type;
  // NATURAL with no common column: a cross join (an outer join's condition is then TRUE).
  if (usingNames?.length === 0) {
    if (joinType === 'INNER') joinType = 'CROSS';
    else condition = { kind: 'Constant', type: T.bool, value: true };
  }
  if (join.on) {
    const scope = new Scope(relations, parent);
    condition = coerceToBool(bind, bindExpr(join.on, { bind, scope, clause: 'JOIN conditions' }), 'JOIN/ON');
  } else if (usingNames && usingNames.length > 0) {
    const parts = usingNames.map((name) => {
      const l = new Scope(left.relations).resolve(undefined, name);
      const r = new Scope(right.relations).resolve(undefined, name);
      if (!l) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" specified in USING clause does not exist in left table`);
      if (!r) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" specified in USING clause does not exist in right table`);
      const ctx = { bind, scope: new Scope(relations, parent), clause: 'JOIN conditions' };
      // The merged column is the left side's, or the right side's in a RIGHT JOIN (its rows all have one).
      const shown = join.type === 'RIGHT' ? { id: r.id, from: right } : { id: l.id, from: left };
      const column = shown.from.relations.flatMap((rel) => rel.columns).find((c) => c.id === shown.id)!;
      return { cmp: bindComparison(ctx, '=', { kind: 'ColumnRef', ...l }, { kind: 'ColumnRef', ...r }), ids: [l.id, r.id], column };
    });
    // Both sides' key columns stay reachable qualified (l.id, r.id); unqualified and in `*` the
    // merged columns come first, then the others of each side, as PostgreSQL lists them.
    const hidden = new Set(parts.flatMap((p) => p.ids));
    relations = relations.map((rel) => ({ ...rel, columns: rel.columns.map((c) => (hidden.has(c.id) ? { ...c, hidden: true } : c)) }));
    condition = parts.length === 1 ? parts[0]!.cmp : { kind: 'And', type: T.bool, args: parts.map((p) => p.cmp) };
    if (join.type === 'FULL') {
      return mergeFullUsing(bind, left.plan, right.plan, condition, relations, parts.map((p, i) => ({ name: usingNames[i]!, cmp: p.cmp })), join.usingAlias);
    }
    relations = [{ ...usingAliasOf(join), columns: parts.map((p) => ({ ...p.column, hidden: false })) }, ...relations];
  } else if (joinType !== 'CROSS' && !condition) {
    throw new SqlError(SQLSTATE.SyntaxError, `${join.type} JOIN requires an ON or USING clause`);
  }
  if (condition && condition.type.id !== 'bool') {
    throw new SqlError(SQLSTATE.DatatypeMismatch, `argument of JOIN/ON must be type boolean, not type ${formatTypeName(condition.type)}`);
  }
  return {
    plan: {
      kind: 'Join', joinType, left: left.plan, right: right.plan, ...(right.lateral !== undefined ? { lateral: true } : {}),
      ...(condition ? { condition } : {}), output: [...left.plan.output, ...right.plan.output],
    },
    relations,
  };
}
