/**
 * The partitions of one partitioned table with their bounds read back as Values, and the
 * partition a key belongs to, as PostgreSQL's get_partition_for_tuple decides: a list value
 * (or NULL) by lookup, a range key by binary search over the sorted lower bounds (a NULL key
 * fits no range), a hash key by its row hash modulo each modulus; else the DEFAULT partition.
 */
import { compareValues, valueKey } from '../../functions/compare.js';
import { readBoundValue } from '../../catalog/partition-text.js';
import type { StoredPartitionBound, StoredPartitionKey, StoredRangeDatum } from '../../storage/storage-api.js';
import type { Value } from '../../types/value.js';
import { partitionRowHash } from './partition-hash.js';

/** One column of a range bound, read: a value, or MINVALUE / MAXVALUE. */
export type RangeDatum = { readonly value: Value } | 'minvalue' | 'maxvalue';

export function readRangeDatums(datums: readonly StoredRangeDatum[], key: StoredPartitionKey): RangeDatum[] {
  return datums.map((d, i) => (typeof d === 'string' ? d : { value: readBoundValue(d.value, key.parts[i]!.type) }));
}

/** A key (one value per key column) against one side of a range bound: <0, 0 or >0. */
export function compareKeyToBound(key: readonly Value[], bound: readonly RangeDatum[]): number {
  for (let i = 0; i < bound.length; i++) {
    const d = bound[i]!;
    if (d === 'minvalue') return 1;
    if (d === 'maxvalue') return -1;
    const c = compareValues(key[i]!, d.value);
    if (c !== 0) return c;
  }
  return 0;
}

const KIND_ORDER = { minvalue: -1, value: 0, maxvalue: 1 } as const;
const kindOf = (d: RangeDatum) => (typeof d === 'string' ? d : 'value');

/**
 * Two range bounds (each a lower or an upper one), as partition_rbound_cmp: MINVALUE < values <
 * MAXVALUE column by column; equal datums make a lower bound greater than an upper bound.
 */
export function compareRangeBounds(a: readonly RangeDatum[], aLower: boolean, b: readonly RangeDatum[], bLower: boolean): number {
  for (let i = 0; i < a.length; i++) {
    const ka = kindOf(a[i]!);
    const kb = kindOf(b[i]!);
    if (ka !== kb) return KIND_ORDER[ka] - KIND_ORDER[kb];
    if (ka !== 'value') break;
    const c = compareValues((a[i] as { value: Value }).value, (b[i] as { value: Value }).value);
    if (c !== 0) return c;
  }
  return aLower === bLower ? 0 : aLower ? 1 : -1;
}

interface RangeEntry {
  readonly lower: readonly RangeDatum[];
  readonly upper: readonly RangeDatum[];
  readonly index: number;
}

/** A partitioned table's partitions, ready to place keys. `find` returns an index into `bounds`, or -1. */
export class PartitionIndex {
  private readonly list = new Map<string, number>();
  private nullPartition = -1;
  private readonly ranges: RangeEntry[] = [];
  private readonly hashes: { modulus: bigint; remainder: bigint; index: number }[] = [];
  private defaultPartition = -1;

  constructor(private readonly key: StoredPartitionKey, bounds: readonly StoredPartitionBound[]) {
    bounds.forEach((bound, index) => {
      switch (bound.kind) {
        case 'default': this.defaultPartition = index; break;
        case 'list':
          for (const text of bound.values) {
            if (text === null) this.nullPartition = index;
            else this.list.set(valueKey(readBoundValue(text, key.parts[0]!.type)), index);
          }
          break;
        case 'range':
          this.ranges.push({ lower: readRangeDatums(bound.from, key), upper: readRangeDatums(bound.to, key), index });
          break;
        case 'hash':
          this.hashes.push({ modulus: BigInt(bound.modulus), remainder: BigInt(bound.remainder), index });
          break;
      }
    });
    this.ranges.sort((x, y) => compareRangeBounds(x.lower, true, y.lower, true));
  }

  find(values: readonly Value[]): number {
    const found = this.findBounded(values);
    return found >= 0 ? found : this.defaultPartition;
  }

  /** The partition a key goes to other than DEFAULT, or -1. */
  findBounded(values: readonly Value[]): number {
    switch (this.key.strategy) {
      case 'list': {
        const value = values[0]!;
        if (value === null) return this.nullPartition;
        return this.list.get(valueKey(value)) ?? -1;
      }
      case 'range': return this.findRange(values);
      case 'hash': {
        const hash = partitionRowHash(values, this.key.parts.map((p) => p.type));
        return this.hashes.find((h) => hash % h.modulus === h.remainder)?.index ?? -1;
      }
    }
  }

  private findRange(values: readonly Value[]): number {
    if (values.some((v) => v === null)) return -1;
    // The last range whose lower bound is <= the key; the key fits if it is below its upper bound.
    let lo = 0;
    let hi = this.ranges.length - 1;
    let candidate = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (compareKeyToBound(values, this.ranges[mid]!.lower) >= 0) {
        candidate = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (candidate < 0) return -1;
    const entry = this.ranges[candidate]!;
    return compareKeyToBound(values, entry.upper) < 0 ? entry.index : -1;
  }
}
