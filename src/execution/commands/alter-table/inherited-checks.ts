/**
 * CHECK constraints that ALTER TABLE passes down an inheritance tree, as PostgreSQL does: a
 * CHECK added to a parent (ADD CONSTRAINT, or on an added column) is added to every child
 * under the parent's name — generated names included — unless NO INHERIT, and the child's copy
 * is marked inherited (coninhcount 1, conislocal false); a child that already has a CHECK of
 * that name counts one more parent instead.
 */
import type { AlterTableAction, TableConstraint } from '../../../parser/ast.js';
import type { StoredTable } from '../../../storage/storage-api.js';

/** True for a CHECK that children inherit. */
export function inheritableCheck(c: TableConstraint): boolean {
  return c.kind === 'Check' && c.noInherit !== true;
}

/**
 * The names the parent gave its new CHECKs, by clause: the unnamed ones in the order they were
 * made (`ordered` is the actions in the order they ran), matched to the parent's new constraints.
 */
export function parentCheckNames(before: StoredTable, after: StoredTable, ordered: readonly AlterTableAction[]): Map<TableConstraint, string> {
  const old = new Set((before.constraints ?? []).map((c) => c.oid));
  const made = (after.constraints ?? []).filter((c) => c.type === 'c' && !old.has(c.oid)).map((c) => c.name);
  const clauses = ordered.flatMap((a) => (a.kind === 'AddColumn' ? (a.column.constraints ?? []) : a.kind === 'AddConstraint' ? [a.constraint] : []))
    .filter((c) => c.kind === 'Check');
  const names = new Map<TableConstraint, string>();
  for (const clause of clauses) {
    const name = clause.name ?? made.find((n) => ![...names.values()].includes(n) && !clauses.some((c) => c.name === n));
    if (name !== undefined) names.set(clause, name);
  }
  return names;
}

/** An action as the children get it: CHECKs named as the parent named them, other column constraints left out. */
export function childAction(action: AlterTableAction, names: ReadonlyMap<TableConstraint, string>): AlterTableAction {
  const named = (c: TableConstraint): TableConstraint => ({ ...c, name: names.get(c) ?? c.name });
  if (action.kind === 'AddColumn') {
    // A column's own keys and references stay on the table named (PostgreSQL does not recurse them).
    return { ...action, column: { ...action.column, constraints: (action.column.constraints ?? []).filter(inheritableCheck).map(named) } };
  }
  if (action.kind === 'AddConstraint') return { ...action, constraint: named(action.constraint) };
  return action;
}

/** The CHECK names a child gets from `actions` (already named by childAction). */
export function inheritedCheckNames(actions: readonly AlterTableAction[]): Set<string> {
  return new Set(actions.flatMap((a) => (a.kind === 'AddColumn' ? (a.column.constraints ?? []) : a.kind === 'AddConstraint' ? [a.constraint] : []))
    .filter(inheritableCheck).flatMap((c) => (c.name === undefined ? [] : [c.name])));
}

/** A child's CHECKs made by this statement under an inherited name, marked as inherited. */
export function markInherited(before: StoredTable, after: StoredTable, names: ReadonlySet<string>): StoredTable {
  if (names.size === 0) return after;
  const old = new Set((before.constraints ?? []).map((c) => c.oid));
  const constraints = (after.constraints ?? []).map((c) => (c.type === 'c' && !old.has(c.oid) && names.has(c.name)
    ? { ...c, inheritCount: 1, isLocal: false } : c));
  return { ...after, constraints };
}

/** A child that already has CHECK `name`: one more parent passes it down. */
export function mergeInheritedCheck(child: StoredTable, name: string): StoredTable | undefined {
  const existing = (child.constraints ?? []).find((c) => c.type === 'c' && c.name === name);
  if (!existing) return undefined;
  const constraints = child.constraints!.map((c) => (c === existing ? { ...c, inheritCount: (c.inheritCount ?? 0) + 1 } : c));
  return { ...child, constraints };
}

/**
 * DROP CONSTRAINT of an inherited CHECK on a child that a parent passed down: the copy loses one
 * parent; it is dropped (undefined) only when no parent is left and it was never the child's
 * own. `keepAsLocal` (the parent dropped it with ONLY) makes the kept copy the child's own.
 */
export function releaseInheritedCheck(child: StoredTable, name: string, keepAsLocal: boolean): StoredTable | undefined {
  const existing = (child.constraints ?? []).find((c) => c.type === 'c' && c.name === name);
  if (!existing) return child;
  const count = (existing.inheritCount ?? 0) - 1;
  if (count <= 0 && existing.isLocal === false && !keepAsLocal) return undefined;
  const constraints = child.constraints!.map((c) => (c === existing
    ? { ...c, inheritCount: Math.max(count, 0), ...(keepAsLocal || count <= 0 ? { isLocal: true } : {}) } : c));
  return { ...child, constraints };
}
