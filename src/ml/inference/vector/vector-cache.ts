/**
 * A vector worker's copy of the embedding chunks it scans, in its kernel's WebAssembly memory:
 * one slab per (table, column, row group), each row L2-normalised once when it enters (the
 * arithmetic of SEARCH's `scoreBatch`, so exact scores equal the ordinary plan's) and padded to
 * the kernel's width, and beside them its int8 shadow (i8-shadow.ts), which the exact scan reads
 * first. Both are written together from the same chunk and dropped together, so the shadow is as
 * fresh as the rows. Row groups are immutable and their ids are never reused, so an entry can
 * never be stale: a commit only changes which groups a snapshot lists. Memory is bounded by a
 * budget; the least recently used slabs go first, and groups no committed snapshot lists any
 * more are dropped by `retain`.
 */
import { readVectorMatrix } from '../../../storage/index.js';
import { quantiseRows, type ShadowRows } from './i8-shadow.js';
import { DotKernel, paddedWidth, paddedWidthI8 } from './wasm-dot-kernel.js';
/** Widest embedding the kernel scans (the query must fit the scratch area beside the scores). */
export const MAX_KERNEL_DIM = 8192;
/** Slabs are rounded up to this, so equal-shaped row groups reuse each other's slabs. */
const SLAB_ALIGN = 64;
/** Most rows of one cached group (the scores' scratch holds one group's; row groups hold 2,048). */
const MAX_GROUP_ROWS = 8192;
/** Bytes at the start of the memory: the float query, one group's scores (float32 or int32), the int16 query. */
const SCRATCH_BYTES = MAX_KERNEL_DIM * 4 + MAX_GROUP_ROWS * 4 + MAX_KERNEL_DIM * 2;

/**
 * One cached row group: `rows` × `stride` floats at byte `offset`, `present[r]` = 1 when row r
 * has a score; its int8 shadow, `rows` × `strideI8` bytes at `shadowOffset`, with `shadow`'s
 * per-row step and error figures.
 */
export interface CachedGroup {
  readonly offset: number;
  readonly bytes: number;
  readonly rowCount: number;
  readonly dim: number;
  readonly stride: number;
  readonly present: Uint8Array;
  readonly shadowOffset: number;
  readonly strideI8: number;
  readonly shadow: ShadowRows;
  lastUsed: number;
}

/** Why a chunk cannot be scanned by the kernel (the statement then takes the ordinary path). */
export type CacheMiss = { readonly unreadable: string };

export class VectorCache {
  readonly kernel = DotKernel.create();
  private readonly entries = new Map<string, CachedGroup>();
  private readonly freeSlabs = new Map<number, number[]>();
  private top = SCRATCH_BYTES;
  private tick = 0;
  /** Query floats at byte 0; scores after the widest query; the int16 query after the scores. */
  readonly queryOffset = 0;
  readonly scoresOffset = MAX_KERNEL_DIM * 4;
  readonly queryI16Offset = MAX_KERNEL_DIM * 4 + MAX_GROUP_ROWS * 4;

  constructor(private readonly budgetBytes: number) {
    this.kernel.ensure(SCRATCH_BYTES);
  }

  /** Bytes held by cached slabs. */
  get usedBytes(): number {
    let sum = 0;
    for (const e of this.entries.values()) sum += e.bytes;
    return sum;
  }

  get groupCount(): number {
    return this.entries.size;
  }

  /**
   * The row group's slab, filling it from `raw` (its chunk) on a miss; `raw` is called only then.
   * A chunk the kernel cannot scan (ragged, another width, too wide) is a CacheMiss.
   */
  group(tableId: number, columnId: number, groupId: number, dim: number, raw: () => Uint8Array | undefined): CachedGroup | CacheMiss {
    const key = `${tableId}/${columnId}/${groupId}`;
    const hit = this.entries.get(key);
    if (hit && hit.dim === dim) {
      hit.lastUsed = ++this.tick;
      return hit;
    }
    if (dim > MAX_KERNEL_DIM) return { unreadable: `embeddings of ${dim} values are wider than the kernel's ${MAX_KERNEL_DIM}` };
    const bytes = raw();
    if (bytes === undefined) return { unreadable: `row group ${groupId} has no chunk for the embedding` };
    const m = readVectorMatrix(bytes);
    if (m === undefined) return { unreadable: `row group ${groupId}: the embeddings are not a dense float4 matrix` };
    if (m.rowCount > MAX_GROUP_ROWS) return { unreadable: `row group ${groupId}: ${m.rowCount} rows, the kernel scores at most ${MAX_GROUP_ROWS}` };
    if (m.dim !== dim && !allNull(m.nulls, m.rowCount)) {
      return { unreadable: `row group ${groupId}: embeddings of ${m.dim} values, the model gives ${dim}` };
    }
    const stride = paddedWidth(dim);
    const strideI8 = paddedWidthI8(dim);
    const floatBytes = alignSlab(m.rowCount * stride * 4);
    const size = Math.max(SLAB_ALIGN, floatBytes + alignSlab(m.rowCount * strideI8));
    const offset = this.allocate(size);
    if (offset === undefined) return { unreadable: 'the vector cache cannot hold this row group' };
    const out = this.kernel.f32;
    const base = offset / 4;
    out.fill(0, base, base + size / 4);
    const present = new Uint8Array(m.rowCount);
    if (m.dim === dim) normaliseInto(m.matrix, m.nulls, m.rowCount, dim, out, base, stride, present);
    const shadowOffset = offset + floatBytes;
    const shadow = quantiseRows(out, base, stride, m.rowCount, dim, present, this.kernel.i8, shadowOffset, strideI8);
    const entry: CachedGroup = {
      offset, bytes: size, rowCount: m.rowCount, dim, stride, present, shadowOffset, strideI8, shadow, lastUsed: ++this.tick,
    };
    if (hit) this.release(key, hit);
    this.entries.set(key, entry);
    return entry;
  }

  /** Drops the cached groups of (table, column) that `live` does not list (they were replaced or deleted). */
  retain(tableId: number, columnId: number, live: ReadonlySet<number>): void {
    const prefix = `${tableId}/${columnId}/`;
    for (const [key, entry] of this.entries) {
      if (key.startsWith(prefix) && !live.has(Number(key.slice(prefix.length)))) this.release(key, entry);
    }
  }

  /** Drops everything of tables not in `tableIds` (DROP TABLE). */
  forgetTablesExcept(tableIds: ReadonlySet<number>): void {
    for (const [key, entry] of this.entries) if (!tableIds.has(Number(key.split('/')[0]))) this.release(key, entry);
  }

  private release(key: string, entry: CachedGroup): void {
    this.entries.delete(key);
    const list = this.freeSlabs.get(entry.bytes) ?? [];
    list.push(entry.offset);
    this.freeSlabs.set(entry.bytes, list);
  }

  /** A slab of exactly `size` bytes: a freed one, fresh memory within the budget, or the LRU's. */
  private allocate(size: number): number | undefined {
    for (;;) {
      const reused = this.freeSlabs.get(size)?.pop();
      if (reused !== undefined) return reused;
      if (this.top + size <= SCRATCH_BYTES + this.budgetBytes && this.kernel.ensure(this.top + size)) {
        const offset = this.top;
        this.top += size;
        return offset;
      }
      const victim = this.leastRecentlyUsed();
      if (victim) {
        this.release(victim[0], victim[1]);
        continue;
      }
      if (this.top === SCRATCH_BYTES) return undefined;
      // Nothing is cached, only free slabs of other shapes: start the arena over.
      this.freeSlabs.clear();
      this.top = SCRATCH_BYTES;
    }
  }

  private leastRecentlyUsed(): [string, CachedGroup] | undefined {
    let found: [string, CachedGroup] | undefined;
    for (const item of this.entries) if (!found || item[1].lastUsed < found[1].lastUsed) found = item;
    return found;
  }
}

/**
 * Writes each row scaled to unit length (scoreBatch's arithmetic: the norm in doubles, the
 * scaled floats stored as float32) at `stride` floats per row; `present[r]` = 1 unless the row is
 * NULL or all zeros.
 */
function normaliseInto(
  matrix: Float32Array, nulls: Uint8Array | undefined, n: number, dim: number, out: Float32Array, base: number, stride: number,
  present: Uint8Array,
): void {
  for (let r = 0; r < n; r++) {
    if (nulls !== undefined && nulls[r] === 1) continue;
    const from = r * dim;
    let norm = 0;
    for (let j = from; j < from + dim; j++) norm += matrix[j]! * matrix[j]!;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    const to = base + r * stride;
    for (let j = 0; j < dim; j++) out[to + j] = matrix[from + j]! * scale;
    present[r] = 1;
  }
}

function alignSlab(bytes: number): number {
  return Math.ceil(bytes / SLAB_ALIGN) * SLAB_ALIGN;
}

function allNull(nulls: Uint8Array | undefined, n: number): boolean {
  if (!nulls) return n === 0;
  for (let r = 0; r < n; r++) if (!nulls[r]) return false;
  return true;
}
