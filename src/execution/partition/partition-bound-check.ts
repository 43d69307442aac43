/**
 * A new partition's bound (CREATE TABLE … PARTITION OF, ATTACH PARTITION): its values
 * evaluated (constant expressions of the key's types) into the catalog's form, then checked
 * against the partitions the table already has, with PostgreSQL's check_new_partition_bound
 * errors (42P17): one DEFAULT partition, no overlapping list values or ranges, no empty
 * range, hash moduli that divide each other and remainders that do not collide.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { valueKey } from '../../functions/compare.js';
import { rangeBoundText, readBoundValue, storeBoundValue } from '../../catalog/partition-text.js';
import type { BoundPartitionBound, BoundRangeDatum } from '../../planner/logical/logical-plan.js';
import type { StoredPartitionBound, StoredPartitionKey, StoredRangeDatum, StoredTable } from '../../storage/storage-api.js';
import type { Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { compareRangeBounds, PartitionIndex, readRangeDatums } from './partition-index.js';

async function evaluate(expr: Exclude<BoundRangeDatum, string>, ctx: ExecContext): Promise<Value> {
  return (await compileExpr(expr, new Map())([[]], ctx))[0]!;
}

/** The bound with its values computed and stored as text; 42P16 for NULL in a range bound. */
export async function evaluatePartitionBound(bound: BoundPartitionBound, key: StoredPartitionKey, ctx: ExecContext): Promise<StoredPartitionBound> {
  switch (bound.kind) {
    case 'default': case 'hash': return bound;
    case 'list': {
      const seen = new Set<string>();
      const values: (string | null)[] = [];
      for (const expr of bound.values) {
        const value = await evaluate(expr, ctx);
        // PostgreSQL keeps each value once.
        const k = value === null ? 'null' : valueKey(value);
        if (seen.has(k)) continue;
        seen.add(k);
        values.push(storeBoundValue(value, key.parts[0]!.type));
      }
      return { kind: 'list', values };
    }
    case 'range': {
      const side = async (datums: readonly BoundRangeDatum[]): Promise<StoredRangeDatum[]> => {
        const out: StoredRangeDatum[] = [];
        for (let i = 0; i < datums.length; i++) {
          const d = datums[i]!;
          if (typeof d === 'string') { out.push(d); continue; }
          const value = await evaluate(d, ctx);
          if (value === null) throw new SqlError(SQLSTATE.InvalidTableDefinition, 'cannot specify NULL in range bound');
          out.push({ value: storeBoundValue(value, key.parts[i]!.type)! });
        }
        return out;
      };
      return { kind: 'range', from: await side(bound.from), to: await side(bound.to) };
    }
  }
}

const overlap = (name: string, other: StoredTable) =>
  new SqlError(SQLSTATE.InvalidObjectDefinition, `partition "${name}" would overlap partition "${other.name}"`);

/** 42P17 unless `bound` fits among `parent`'s partitions `siblings` (the new partition is `name`). */
export function checkNewPartitionBound(
  parent: StoredTable, siblings: readonly StoredTable[], name: string, bound: StoredPartitionBound, ctx: ExecContext,
): void {
  const key = parent.partitionKey!;
  const others = siblings.filter((s) => s.partitionBound !== undefined);
  switch (bound.kind) {
    case 'default': {
      const existing = others.find((s) => s.partitionBound!.kind === 'default');
      if (existing) {
        throw new SqlError(SQLSTATE.InvalidObjectDefinition, `partition "${name}" conflicts with existing default partition "${existing.name}"`);
      }
      return;
    }
    case 'list': {
      const index = new PartitionIndex(key, others.map((s) => s.partitionBound!));
      for (const text of bound.values) {
        const found = index.findBounded([readBoundValue(text, key.parts[0]!.type)]);
        if (found >= 0) throw overlap(name, others[found]!);
      }
      return;
    }
    case 'range': {
      const lower = readRangeDatums(bound.from, key);
      const upper = readRangeDatums(bound.to, key);
      if (compareRangeBounds(lower, true, upper, false) >= 0) {
        throw new SqlError(SQLSTATE.InvalidObjectDefinition, `empty range bound specified for partition "${name}"`, {
          detail: `Specified lower bound ${rangeBoundText(bound.from, key, ctx.textOptions)} is greater than or equal to upper bound ${rangeBoundText(bound.to, key, ctx.textOptions)}.`,
        });
      }
      for (const other of others) {
        const b = other.partitionBound!;
        if (b.kind !== 'range') continue;
        const oLower = readRangeDatums(b.from, key);
        const oUpper = readRangeDatums(b.to, key);
        if (compareRangeBounds(lower, true, oUpper, false) < 0 && compareRangeBounds(oLower, true, upper, false) < 0) throw overlap(name, other);
      }
      return;
    }
    case 'hash': checkHashBound(others, name, bound); return;
  }
}

/** PostgreSQL's rule: sorted by modulus, each modulus divides the next; equal remainders modulo the smaller one collide. */
function checkHashBound(others: readonly StoredTable[], name: string, bound: Extract<StoredPartitionBound, { kind: 'hash' }>): void {
  const hashes = others.flatMap((o) => (o.partitionBound!.kind === 'hash' ? [{ table: o, ...o.partitionBound! }] : []))
    .sort((a, b) => a.modulus - b.modulus || a.remainder - b.remainder);
  const smaller = [...hashes].reverse().find((h) => h.modulus <= bound.modulus);
  const larger = hashes.find((h) => h.modulus > bound.modulus);
  const invalid = (detail: string) => new SqlError(SQLSTATE.InvalidObjectDefinition,
    'every hash partition modulus must be a factor of the next larger modulus', { detail });
  if (smaller && bound.modulus % smaller.modulus !== 0) {
    throw invalid(`The new modulus ${bound.modulus} is not divisible by ${smaller.modulus}, the modulus of existing partition "${smaller.table.name}".`);
  }
  if (larger && larger.modulus % bound.modulus !== 0) {
    throw invalid(`The new modulus ${bound.modulus} is not a factor of ${larger.modulus}, the modulus of existing partition "${larger.table.name}".`);
  }
  for (const h of hashes) {
    const m = Math.min(h.modulus, bound.modulus);
    if (h.remainder % m === bound.remainder % m) throw overlap(name, h.table);
  }
}
