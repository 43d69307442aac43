/**
 * Object size functions (pg_relation_size, pg_total_relation_size, pg_database_size …) and
 * pg_size_pretty. Sizes are the catalog's estimate (row width × rows in 8 kB pages): the
 * columnar LMDB store has no per-relation file to measure. There are no indexes or TOAST.
 */
import { Decimal } from 'decimal.js';
import { sqlType, T } from '../../types/sql-type.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const stable = { volatility: 'stable' } as const;
const REGCLASS = sqlType('regclass');
/** pg_size_pretty switches unit once a value reaches 10240 of the current one. */
const UNIT_LIMIT = 10 * 1024;
const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'];

function relationBytes(oid: number, ctx: EvalContext): bigint | null {
  const relation = ctx.catalog?.relationByOid(oid);
  return relation ? BigInt(relation.estimatedBytes) : null;
}

function databaseBytes(ctx: EvalContext): bigint {
  const relations = ctx.catalog?.listRelations() ?? [];
  return BigInt(relations.reduce((n, r) => n + r.estimatedBytes, 0));
}

/** half_rounded() of PostgreSQL's dbsize.c: halves, rounding away from zero. */
function halfRounded(x: bigint): bigint {
  return (x + (x < 0n ? -1n : 1n)) / 2n;
}

/**
 * PostgreSQL's pg_size_pretty: bytes below 10240, then kB, MB … where each step keeps one
 * extra bit so the final unit can be rounded half away from zero.
 * @example sizePretty(10240n) // '10 kB'
 */
export function sizePretty(bytes: bigint): string {
  const limit = BigInt(UNIT_LIMIT);
  const limit2 = limit * 2n - 1n;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  if (abs(bytes) < limit) return `${bytes} bytes`;
  let size = bytes >> 9n;
  for (let unit = 1; unit < UNITS.length - 1; unit++) {
    if (abs(size) < limit2) return `${halfRounded(size)} ${UNITS[unit]}`;
    size >>= 10n;
  }
  return `${halfRounded(size)} ${UNITS[UNITS.length - 1]}`;
}

const relationSize = scalar([REGCLASS], T.int8, ([oid], ctx) => relationBytes(oid as number, ctx), stable);

export const sizeFunctions: readonly ScalarFunction[] = [
  { name: 'pg_relation_size', overloads: [relationSize, scalar([REGCLASS, T.text], T.int8, ([oid], ctx) => relationBytes(oid as number, ctx), stable)] },
  { name: 'pg_total_relation_size', overloads: [relationSize] },
  { name: 'pg_table_size', overloads: [relationSize] },
  { name: 'pg_indexes_size', overloads: [scalar([REGCLASS], T.int8, () => 0n, stable)] },
  { name: 'pg_database_size', overloads: [scalar([T.name], T.int8, (_a, ctx) => databaseBytes(ctx), stable),
    scalar([T.oid], T.int8, (_a, ctx) => databaseBytes(ctx), stable)] },
  { name: 'pg_size_pretty', overloads: [
    scalar([T.int8], T.text, ([b]) => sizePretty(b as bigint)),
    scalar([T.numeric], T.text, ([b]) => sizePretty(BigInt((b as Decimal).toFixed(0)))),
  ] },
];
