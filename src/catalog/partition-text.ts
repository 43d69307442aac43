/**
 * Partitioning as SQL text, the way PostgreSQL 15 deparses it: a partition key
 * (pg_get_partkeydef: `RANGE (a, ((b + 1)), lower(c))`) and a partition bound
 * (pg_get_expr(relpartbound): `FOR VALUES FROM ('-1', 'a') TO (MAXVALUE, MAXVALUE)`), plus the
 * bound values as Values of the key's types (stored as text, see StoredPartitionBound).
 */
import { quoteName } from '../functions/system/qualified-name.js';
import { defaultOpclass } from './operator-classes.js';
import type { SqlType } from '../types/sql-type.js';
import { formatText, parseText, type TextCodecOptions } from '../types/text-codec.js';
import type { Value } from '../types/value.js';
import type { StoredPartitionBound, StoredPartitionKey, StoredRangeDatum, StoredTable } from '../storage/storage-api.js';

/** Bound values are stored in this zone, so they read back the same in every session. */
const STORED_ZONE: TextCodecOptions = { timeZone: 'UTC' };

/** Types whose constants PostgreSQL prints bare when they look like plain numbers (get_const_expr). */
const NUMERIC_LOOKING = new Set(['int4', 'int8', 'oid', 'float4', 'float8', 'numeric']);

/** A bound value's stored text (null stays null). */
export function storeBoundValue(value: Value, type: SqlType): string | null {
  return value === null ? null : formatText(value, type, STORED_ZONE);
}

/** A stored bound value read back in its key column's type. */
export function readBoundValue(text: string | null, type: SqlType): Value {
  return text === null ? null : parseText(text, type, STORED_ZONE);
}

/** A constant as PostgreSQL deparses it inside a partition bound (no cast decoration). */
export function boundLiteral(text: string | null, type: SqlType, opts: TextCodecOptions = {}): string {
  if (text === null) return 'NULL';
  const shown = formatText(readBoundValue(text, type), type, opts);
  if (type.id === 'bool' && !type.array) return shown === 't' ? 'true' : 'false';
  if (NUMERIC_LOOKING.has(type.id) && !type.array && /^[0-9][0-9+\-eE.]*$/.test(shown)) return shown;
  return `'${shown.replace(/'/g, "''")}'`;
}

function rangeDatumText(datum: StoredRangeDatum, type: SqlType, opts: TextCodecOptions): string {
  if (datum === 'minvalue') return 'MINVALUE';
  if (datum === 'maxvalue') return 'MAXVALUE';
  return boundLiteral(datum.value, type, opts);
}

/** `FOR VALUES …` or `DEFAULT`, as pg_get_expr shows a partition's relpartbound. */
export function partitionBoundSql(bound: StoredPartitionBound, key: StoredPartitionKey, opts: TextCodecOptions = {}): string {
  switch (bound.kind) {
    case 'default': return 'DEFAULT';
    case 'hash': return `FOR VALUES WITH (modulus ${bound.modulus}, remainder ${bound.remainder})`;
    case 'list': return `FOR VALUES IN (${bound.values.map((v) => boundLiteral(v, key.parts[0]!.type, opts)).join(', ')})`;
    case 'range': {
      const side = (datums: readonly StoredRangeDatum[]) => datums.map((d, i) => rangeDatumText(d, key.parts[i]!.type, opts)).join(', ');
      return `FOR VALUES FROM (${side(bound.from)}) TO (${side(bound.to)})`;
    }
  }
}

/** `(1, 'a')`: one side of a range bound, as PostgreSQL's errors show it. */
export function rangeBoundText(datums: readonly StoredRangeDatum[], key: StoredPartitionKey, opts: TextCodecOptions = {}): string {
  return `(${datums.map((d, i) => rangeDatumText(d, key.parts[i]!.type, opts)).join(', ')})`;
}

/** True for an expression PostgreSQL prints without extra parentheses in a key (a function call). */
function looksLikeFunction(sql: string): boolean {
  const m = /^[A-Za-z_][\w.]*\(/.exec(sql);
  if (!m || !sql.endsWith(')')) return false;
  // The call's own parentheses must enclose the rest: `f(a) + g(b)` is not one call.
  let depth = 0;
  for (let i = m[0].length - 1; i < sql.length; i++) {
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) return i === sql.length - 1;
  }
  return false;
}

/** The key column or expression `index` as pg_get_partkeydef and partition errors show it. */
export function partitionKeyColumnText(table: StoredTable, index: number, forKeyDef: boolean): string {
  const part = table.partitionKey!.parts[index]!;
  if (part.columnId !== undefined) return quoteName(table.columns.find((c) => c.id === part.columnId)?.name ?? '?');
  const sql = part.exprSql ?? '';
  return forKeyDef && !looksLikeFunction(sql) ? `(${sql})` : sql;
}

/** pg_get_partkeydef: `RANGE (a, ((b + 1)), lower(c) COLLATE "C")`. */
export function partitionKeySql(table: StoredTable): string {
  const key = table.partitionKey!;
  const parts = key.parts.map((part, i) => {
    let text = partitionKeyColumnText(table, i, true);
    if (part.collation !== undefined) text += ` COLLATE ${quoteName(part.collation)}`;
    if (part.opclass !== undefined && part.opclass !== defaultOpclass(part.type)) text += ` ${part.opclass}`;
    return text;
  });
  return `${key.strategy.toUpperCase()} (${parts.join(', ')})`;
}
