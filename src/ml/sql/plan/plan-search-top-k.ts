/**
 * The `search_top_k` optimizer rule: `ORDER BY <similarity> DESC [NULLS …] LIMIT k [OFFSET m]`
 * over a SEARCH becomes one `SearchTopK` node that the pool's workers scan straight from LMDB,
 * each keeping a bounded heap (search-top-k-operator.ts), instead of a TopN over every scored row.
 *
 * Accepts: TopN with one key, a similarity column of the SEARCH (through projections that only
 * pick columns), DESC; above a SEARCH whose input is a scan of a stored table (through
 * projections that only pick columns) holding at least SEARCH_TOP_K_MIN_ROWS rows. A WHERE
 * pushed into that scan comes along: the node evaluates it into a row bitmap and only rows it
 * keeps are ranked (top-k-row-filters.ts). Anything else (a join, a filter the scan did not take,
 * ASC, an expression key) keeps the ordinary plan. The projections above the SEARCH move above the new node (they only pick
 * columns, so evaluating them on k rows instead of all is the same), keeping the output schema.
 *
 * @example
 * // SELECT image_path, sim1 FROM (SEARCH IMAGE text='a cat' USING m AS SELECT * FROM t) ORDER BY sim1 DESC LIMIT 5
 * // TopN → Project → Search → Project → Scan   becomes   Project → SearchTopK
 */
import type { OptimizerRule } from '../../../optimizer/index.js';
import type { BoundExpr } from '../../../planner/logical/bound-expr.js';
import type { LogicalExtension, LogicalPlan, LogicalProject, LogicalScan, LogicalTopN } from '../../../planner/logical/logical-plan.js';
import { referencedIds, walkExpr } from '../../../planner/logical/map-expr.js';
import { transformUp } from '../../../planner/logical/plan-children.js';
import { renderExpr } from '../../../planner/logical/render-expr.js';
import { describeSearchInputs } from '../bind/bind-search.js';
import type { PlannedTable } from '../../../planner/logical/planned-table.js';
import {
  SEARCH_NODE, SEARCH_TOP_K_NODE, type SearchIndexChoice, type SearchPayload, type SearchTopKFilter, type SearchTopKPayload,
} from './clip-plan-nodes.js';

/**
 * Tables with fewer rows keep the main-thread path: below this the worker round trip costs
 * more than it saves (scripts/bench-search.mjs; ml/README.md Decisions 8).
 */
export const SEARCH_TOP_K_MIN_ROWS = 4096;
/**
 * Tables with fewer rows scan exactly even with an HNSW index: below this an exact scan of
 * cached rows takes about as long as a graph search (ml/README.md Decisions 10).
 */
export const VECTOR_INDEX_MIN_ROWS = 50_000;

export const searchTopK: OptimizerRule = {
  name: 'search_top_k',
  apply: (plan) => transformUp(plan, (node) => (node.kind === 'TopN' ? rewriteTopN(node) ?? node : node)),
};

function rewriteTopN(topN: LogicalTopN): LogicalPlan | undefined {
  const [key, ...more] = topN.keys;
  if (!key || more.length > 0 || !key.descending || key.expr.kind !== 'ColumnRef') return undefined;
  // Down through the column-picking projections to the SEARCH, following the key's column.
  const above: LogicalProject[] = [];
  let id = key.expr.id;
  let plan = topN.input;
  while (plan.kind === 'Project') {
    if (!plan.exprs.every((e) => e.kind === 'ColumnRef')) return undefined;
    const expr = plan.exprs[plan.output.findIndex((c) => c.id === id)];
    if (expr?.kind !== 'ColumnRef') return undefined;
    above.push(plan);
    id = expr.id;
    plan = plan.input;
  }
  if (plan.kind !== 'Extension' || plan.name !== SEARCH_NODE) return undefined;
  const search = plan;
  const payload = search.payload as SearchPayload;
  const input = search.inputs[0]!;
  const queryIndex = search.output.findIndex((c) => c.id === id) - input.output.length;
  if (queryIndex < 0) return undefined;
  const source = storageColumns(input);
  if (!source || source.scan.table.system) return undefined;
  const table = source.scan.table;
  // Decided on the rows when planned (a cached plan keeps its choice; both paths give the same rows).
  if (table.estimatedRows < SEARCH_TOP_K_MIN_ROWS) return undefined;
  const similarity = search.output[input.output.length + queryIndex]!;
  const fallback: LogicalTopN = {
    ...topN, input: search, output: search.output,
    keys: [{ ...key, expr: { kind: 'ColumnRef', type: similarity.type, id: similarity.id, name: similarity.name } }],
  };
  const embeddingColumnId = source.columnIds[payload.embeddingIndex]!;
  const minRows = payload.indexMinRows ?? VECTOR_INDEX_MIN_ROWS;
  const index = payload.exact || table.estimatedRows < minRows ? undefined : vectorIndexOn(table, embeddingColumnId);
  const filter = source.scan.filter ? scanFilter(source.scan, source.scan.filter) : undefined;
  if (source.scan.filter && !filter) return undefined;
  const topK: SearchTopKPayload = {
    search: payload, table, fetchColumnIds: source.columnIds, embeddingColumnId,
    queryIndex, nullsFirst: key.nullsFirst, limit: topN.limit, ...(topN.offset ? { offset: topN.offset } : {}), fallback,
    ...(index ? { index } : {}), ...(filter ? { filter } : {}),
  };
  const count = describeSearchInputs(payload);
  const order = `${payload.count > 1 ? ` by ${similarity.name}` : ''}${key.nullsFirst ? '' : ' NULLS LAST'}`;
  const node: LogicalExtension = {
    kind: 'Extension', name: SEARCH_TOP_K_NODE, inputs: [], payload: topK, output: search.output,
    describe: `SearchTopK ${describeK(topN.limit, topN.offset)}${order} (${payload.model.name}, ${count}) on ` +
      `${table.name}.${payload.embeddingColumn}, ${index ? `hnsw index ${index.name}` : 'exact scan'}, ` +
      `${filter ? `filter: ${renderExpr(filter.expr)}, ` : ''}` +
      `${payload.workers} worker${payload.workers === 1 ? '' : 's'}`,
  };
  // Rebuild the projections above it, innermost first.
  return above.reduceRight<LogicalPlan>((inner, project) => ({ ...project, input: inner }), node);
}

/** The HNSW index keyed on the embedding column, if the table has one. */
function vectorIndexOn(table: PlannedTable, columnId: number): SearchIndexChoice | undefined {
  const found = table.indexes?.find((i) => i.vector && i.columnIds.length === 1 && i.columnIds[0] === columnId);
  if (!found?.vector) return undefined;
  const { m, efConstruction, quantization } = found.vector;
  return { oid: found.oid, name: found.name, m, efConstruction, quantization };
}

/** The filter of `scan` with the columns it reads; undefined if it holds a subquery (evaluated the ordinary way). */
function scanFilter(scan: LogicalScan, expr: BoundExpr): SearchTopKFilter | undefined {
  let subquery = false;
  walkExpr(expr, (e) => { subquery ||= e.kind === 'Subquery'; });
  if (subquery) return undefined;
  const read = referencedIds(expr);
  const columns = scan.output.map((c, i) => ({ id: c.id, storageId: scan.columnIds[i]! })).filter((c) => read.has(c.id));
  return { expr, columnIds: columns.map((c) => c.id), storageIds: columns.map((c) => c.storageId) };
}

/** The storage column id of each output column of a scan under column-picking projections. */
function storageColumns(plan: LogicalPlan): { scan: LogicalScan; columnIds: number[] } | undefined {
  if (plan.kind === 'Scan') return { scan: plan, columnIds: [...plan.columnIds] };
  if (plan.kind !== 'Project') return undefined;
  const inner = storageColumns(plan.input);
  if (!inner) return undefined;
  const columnIds: number[] = [];
  for (const expr of plan.exprs) {
    const position = expr.kind === 'ColumnRef' ? plan.input.output.findIndex((c) => c.id === expr.id) : -1;
    if (position < 0) return undefined;
    columnIds.push(inner.columnIds[position]!);
  }
  return { scan: inner.scan, columnIds };
}

/** `k=7 (offset 2)` for constants, else the expressions. */
function describeK(limit: BoundExpr, offset: BoundExpr | undefined): string {
  const l = constantNumber(limit);
  const o = offset ? constantNumber(offset) : 0;
  if (l !== undefined && o !== undefined) return `k=${l + o}${o > 0 ? ` (offset ${o})` : ''}`;
  return `k=${renderExpr(limit)}${offset ? ` + ${renderExpr(offset)}` : ''}`;
}

function constantNumber(expr: BoundExpr): number | undefined {
  const inner = expr.kind === 'Cast' ? expr.operand : expr;
  if (inner.kind !== 'Constant') return undefined;
  const value = inner.value;
  return typeof value === 'number' || typeof value === 'bigint' ? Number(value) : undefined;
}
