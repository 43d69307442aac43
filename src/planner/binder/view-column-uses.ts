/**
 * Which columns of its tables a view's bound query reads (StoredView.relations[].columns).
 * PostgreSQL records these as the view's column dependencies: they keep the view working when
 * a column is renamed, keep later columns out of its `*`, and make DROP COLUMN / ALTER COLUMN
 * TYPE of a column the view reads an error. A column is read when any expression of the plan
 * (subqueries included) refers to its scan output, or the query outputs it directly.
 */
import type { ViewColumnUse, ViewRelation } from '../../types/stored-table.js';
import type { LogicalPlan } from '../logical/logical-plan.js';
import { planChildren } from '../logical/plan-children.js';

type ScanNode = Extract<LogicalPlan, { kind: 'Scan' }>;

/** `relations` with, for each user table, the columns `plan` reads (named as they are now). */
export function withColumnUses(plan: LogicalPlan, relations: readonly ViewRelation[]): ViewRelation[] {
  const referenced = new Set<number>(plan.output.map((c) => c.id));
  const scans: ScanNode[] = [];
  collect(plan, referenced, scans, new Set());
  const uses = new Map<number, Map<number, string>>();
  for (const scan of scans) {
    const byTable = uses.get(scan.table.id) ?? new Map<number, string>();
    scan.output.forEach((column, i) => {
      const columnId = scan.columnIds[i]!;
      const stored = scan.table.columns.find((c) => c.id === columnId);
      if (stored && referenced.has(column.id)) byTable.set(columnId, stored.name);
    });
    uses.set(scan.table.id, byTable);
  }
  return relations.map((r) => {
    const used = uses.get(r.id);
    if (!used) return r;
    const columns: ViewColumnUse[] = [...used].map(([id, name]) => ({ id, name }));
    return { ...r, columns };
  });
}

/** Nodes whose inputs' columns are consumed by position, not through ColumnRef expressions. */
const POSITIONAL = new Set(['SetOp', 'RecursiveUnion', 'Extension', 'CteScan']);

/**
 * Walks the plan as plain data, so every expression is reached whatever node holds it (an
 * extension's, an uncorrelated subquery's): ColumnRef ids into `referenced`, user-table scans
 * into `scans`. `table` fields are catalog data, never plan, and are not walked.
 */
function collect(node: unknown, referenced: Set<number>, scans: ScanNode[], seen: Set<object>): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) collect(item, referenced, scans, seen);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.kind === 'ColumnRef' && typeof record.id === 'number') referenced.add(record.id);
  if (record.kind === 'Scan') {
    const scan = record as unknown as ScanNode;
    if (scan.table.id > 0 && !scan.table.system) scans.push(scan);
  }
  if (typeof record.kind === 'string' && POSITIONAL.has(record.kind)) {
    for (const child of planChildren(record as unknown as LogicalPlan)) for (const c of child.output) referenced.add(c.id);
  }
  for (const [key, value] of Object.entries(record)) if (key !== 'table') collect(value, referenced, scans, seen);
}
