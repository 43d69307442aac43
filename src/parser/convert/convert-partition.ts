/**
 * Declarative partitioning clauses → our AST: `PARTITION BY RANGE | LIST | HASH (keys)` and a
 * partition bound `FOR VALUES IN (…) | FROM (…) TO (…) | WITH (MODULUS m, REMAINDER r)` or
 * `DEFAULT`. A bare `MINVALUE` / `MAXVALUE` in a range bound reaches us as a column reference,
 * as in PostgreSQL's grammar, and is recognised here (transformPartitionRangeBounds does it there).
 */
import type { Node, PartitionBoundSpec as PgBound, PartitionSpec } from 'libpg-query';
import type { Expr, PartitionBoundSpec, PartitionBy, PartitionKeyElement, RangeDatumSpec } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { checkCollation, convertExpr } from './convert-expr.js';
import { notSupported, syntaxError } from './not-supported.js';
import { stringsOf } from './pg-node.js';
import { parenthesizedText } from './source-spans.js';

const STRATEGIES: Readonly<Record<string, PartitionBy['strategy']>> = {
  PARTITION_STRATEGY_RANGE: 'range', PARTITION_STRATEGY_LIST: 'list', PARTITION_STRATEGY_HASH: 'hash',
};

/** Convert `PARTITION BY …`. */
export function convertPartitionSpec(spec: PartitionSpec, ctx: ConvertContext): PartitionBy {
  const strategy = STRATEGIES[spec.strategy ?? ''];
  if (!strategy) throw syntaxError(`unrecognized partitioning strategy "${String(spec.strategy)}"`, ctx, spec.location);
  const parts = (spec.partParams ?? []).map((node): PartitionKeyElement => {
    if (!('PartitionElem' in node)) throw notSupported('this partition key', ctx, spec.location);
    const elem = node.PartitionElem;
    if (elem.collation) checkCollation(elem.collation, ctx, elem.location);
    const collation = elem.collation ? stringsOf(elem.collation).join('.') : undefined;
    const opclass = elem.opclass ? stringsOf(elem.opclass).join('.') : undefined;
    const extras = { ...(collation !== undefined ? { collation } : {}), ...(opclass !== undefined ? { opclass } : {}) };
    if (elem.name !== undefined) return { column: elem.name, ...extras };
    const expr = convertExpr(elem.expr!, ctx);
    // `(a + 1)` is written in parentheses; a function-call key `lower(a)` is not.
    const text = ctx.source.original.slice(ctx.source.indexOf(elem.location ?? 0)).startsWith('(')
      ? parenthesizedText(ctx, elem.location ?? 0) : '';
    return { expr: { expr, text }, ...extras };
  });
  return { strategy, parts };
}

/** Convert a partition bound (CREATE TABLE … PARTITION OF, ATTACH PARTITION). */
export function convertPartitionBound(bound: PgBound, ctx: ConvertContext): PartitionBoundSpec {
  if (bound.is_default) return { kind: 'default' };
  switch (bound.strategy) {
    case 'l': return { kind: 'list', values: (bound.listdatums ?? []).map((n) => convertExpr(n, ctx)) };
    case 'r': return { kind: 'range', from: rangeDatums(bound.lowerdatums, ctx), to: rangeDatums(bound.upperdatums, ctx) };
    case 'h': return { kind: 'hash', modulus: bound.modulus ?? 0, remainder: bound.remainder ?? 0 };
    default: throw notSupported(`partition bound strategy "${String(bound.strategy)}"`, ctx, bound.location);
  }
}

function rangeDatums(list: readonly Node[] | undefined, ctx: ConvertContext): RangeDatumSpec[] {
  return (list ?? []).map((node): RangeDatumSpec => {
    const word = bareWord(node);
    if (word === 'minvalue' || word === 'maxvalue') return { kind: word };
    const expr: Expr = convertExpr(node, ctx);
    return { kind: 'value', expr };
  });
}

/** The name of an unqualified column reference (`minvalue`), else undefined. */
function bareWord(node: Node): string | undefined {
  if (!('ColumnRef' in node)) return undefined;
  const fields = node.ColumnRef.fields ?? [];
  return fields.length === 1 && 'String' in fields[0]! ? fields[0].String.sval : undefined;
}
