/**
 * GROUP BY items → our GroupByItems, flattened as PostgreSQL's parser flattens them
 * (flatten_grouping_sets): a parenthesised list `(a, b)` is its elements at the top level and
 * one composite element or set inside ROLLUP / CUBE / GROUPING SETS (`ROW(a, b)` stays one
 * row-valued expression), and GROUPING SETS nested directly in GROUPING SETS are spliced in.
 */
import type { GroupingSet as PgGroupingSet, Node } from 'libpg-query';
import type { Expr, GroupByItem, GroupingElement, GroupingSet } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';

const SET_TYPES: Readonly<Record<string, GroupingSet['type']>> = {
  GROUPING_SET_EMPTY: 'EMPTY', GROUPING_SET_ROLLUP: 'ROLLUP', GROUPING_SET_CUBE: 'CUBE', GROUPING_SET_SETS: 'SETS',
};

/** The GROUP BY clause. */
export function convertGroupBy(items: readonly Node[], ctx: ConvertContext): GroupByItem[] {
  return items.flatMap((node): GroupByItem[] => {
    if ('GroupingSet' in node) return [convertGroupingSet(node.GroupingSet, ctx)];
    return flattenList(node, ctx);
  });
}

function convertGroupingSet(set: PgGroupingSet, ctx: ConvertContext): GroupingSet {
  const type = SET_TYPES[set.kind ?? ''] ?? 'SETS';
  const content: GroupingElement[] = [];
  for (const node of set.content ?? []) {
    const element = convertElement(node, ctx);
    // GROUPING SETS directly inside GROUPING SETS contribute their own sets.
    if (type === 'SETS' && !Array.isArray(element) && (element as GroupingSet | Expr).kind === 'GroupingSet'
      && (element as GroupingSet).type === 'SETS') {
      content.push(...(element as GroupingSet).content);
    } else {
      content.push(element);
    }
  }
  return { kind: 'GroupingSet', type, content };
}

function convertElement(node: Node, ctx: ConvertContext): GroupingElement {
  if ('GroupingSet' in node) return convertGroupingSet(node.GroupingSet, ctx);
  return implicitRow(node) ? flattenList(node, ctx) : convertExpr(node, ctx);
}

/** A parenthesised list with the lists nested in it spliced in: `(a, (b, c))` is `(a, b, c)`. */
function flattenList(node: Node, ctx: ConvertContext): Expr[] {
  const list = implicitRow(node);
  return list ? list.flatMap((n) => flattenList(n, ctx)) : [convertExpr(node, ctx)];
}

/** The elements of a parenthesised list `(a, b)` (an implicit RowExpr), or undefined. */
function implicitRow(node: Node): readonly Node[] | undefined {
  if (!('RowExpr' in node) || node.RowExpr.row_format !== 'COERCE_IMPLICIT_CAST') return undefined;
  return node.RowExpr.args ?? [];
}
