/**
 * Reads off a bound PRINT IMAGE query what its gallery shows beside the pictures: the table it
 * reads (so the gallery's search box searches the same one) and the SEARCH inside it (model,
 * inputs, similarity columns).
 */
import type { LogicalPlan } from '../../../planner/index.js';
import { planChildren } from '../../../planner/index.js';
import { SEARCH_NODE, type SearchPayload } from '../plan/clip-plan-nodes.js';

/** The plan-time part of PrintSource: a parameter input is resolved when the statement runs. */
export interface BoundPrintSource {
  readonly table?: string;
  readonly search?: Pick<SearchPayload, 'inputKind' | 'inputs' | 'similarityColumns' | 'param'> & { readonly model: string };
}

function collect(plan: LogicalPlan, tables: Set<string>, searches: SearchPayload[]): void {
  if (plan.kind === 'Scan') tables.add(plan.table.name);
  if (plan.kind === 'Extension' && plan.name === SEARCH_NODE) searches.push(plan.payload as SearchPayload);
  for (const child of planChildren(plan)) collect(child, tables, searches);
}

/** The query's one table (if it reads exactly one) and its first SEARCH (outermost). */
export function findPrintSource(plan: LogicalPlan): BoundPrintSource {
  const tables = new Set<string>();
  const searches: SearchPayload[] = [];
  collect(plan, tables, searches);
  const search = searches[0];
  return {
    ...(tables.size === 1 ? { table: [...tables][0]! } : {}),
    ...(search ? {
      search: {
        model: search.model.name, inputKind: search.inputKind, inputs: search.inputs,
        similarityColumns: search.similarityColumns, ...(search.param ? { param: search.param } : {}),
      },
    } : {}),
  };
}
