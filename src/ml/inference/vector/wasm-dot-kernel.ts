/**
 * The exact-scan kernels: two WebAssembly functions, assembled here byte by byte (no toolchain),
 * that score n rows against one query with 128-bit SIMD:
 * - `dots(query, rows, n, strideBytes, out)`: float32 rows, out[r] = Σ query[j] · rows[r][j] as a
 *   float32. Four f32x4 accumulators over 16 floats per step; rows are padded to a multiple of 16
 *   floats (`paddedWidth`), so there is no scalar tail. The sums are a few ulps from the exact value;
 *   callers re-rank near ties with `dotAt`'s arithmetic (see exact-top-k-scan.ts).
 * - `dotsI8(query, rows, n, strideBytes, out)`: int8 rows against an int16 query, out[r] the exact
 *   int32 sum (i32x4.dot_i16x8_s; callers keep |sum| < 2³¹). Rows are padded to a multiple of 64
 *   bytes (`paddedWidthI8`), four rows' worth of 16 bytes per step. A quarter of the float rows'
 *   bytes, for the i8 shadow of the cache (i8-shadow.ts).
 * Chosen over simsimd / usearch's exactSearch after measuring (ml/README.md Decisions 9, 20).
 *
 * @example
 * const kernel = DotKernel.create();
 * const at = kernel.alloc(bytes); // … fill kernel.f32 …
 * kernel.dots(queryOffset, rowsOffset, n, strideBytes, outOffset);
 */

/** Floats per SIMD step (4 lanes × 4 accumulators); row widths are padded to a multiple of it. */
export const KERNEL_STEP_FLOATS = 16;
/** WebAssembly's page size. */
export const WASM_PAGE_BYTES = 65536;
/** wasm32's ceiling: 65,536 pages (4 GiB). */
export const WASM_MAX_PAGES = 65536;

/** Int8 values per step of `dotsI8` (4 × 16 lanes); int8 row widths are padded to a multiple of it. */
export const KERNEL_STEP_I8 = 64;

/** A row of `dim` floats as laid out for the kernel. */
export function paddedWidth(dim: number): number {
  return Math.ceil(dim / KERNEL_STEP_FLOATS) * KERNEL_STEP_FLOATS;
}

/** A row of `dim` int8 values (and the int16 query) as laid out for `dotsI8`. */
export function paddedWidthI8(dim: number): number {
  return Math.ceil(dim / KERNEL_STEP_I8) * KERNEL_STEP_I8;
}

export class DotKernel {
  private constructor(
    readonly memory: WebAssembly.Memory,
    private readonly run: KernelFunction,
    private readonly runI8: KernelFunction,
  ) {}

  /** A kernel over its own (growable) linear memory of `initialPages`. */
  static create(initialPages = 16): DotKernel {
    const memory = new WebAssembly.Memory({ initial: initialPages, maximum: WASM_MAX_PAGES });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(dotsModuleBytes()), { env: { memory } });
    return new DotKernel(memory, instance.exports['dots'] as KernelFunction, instance.exports['dotsI8'] as KernelFunction);
  }

  /** The whole memory as floats (a fresh view after growth: never keep one across `grow`). */
  get f32(): Float32Array {
    return new Float32Array(this.memory.buffer);
  }

  /** The whole memory as bytes / int16 / int32 (fresh views, as `f32`). */
  get i8(): Int8Array {
    return new Int8Array(this.memory.buffer);
  }

  get i16(): Int16Array {
    return new Int16Array(this.memory.buffer);
  }

  get i32(): Int32Array {
    return new Int32Array(this.memory.buffer);
  }

  get bytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Grows the memory to at least `bytes`; false if wasm32 cannot hold that much. */
  ensure(bytes: number): boolean {
    const pages = Math.ceil(bytes / WASM_PAGE_BYTES);
    const have = this.memory.buffer.byteLength / WASM_PAGE_BYTES;
    if (pages <= have) return true;
    if (pages > WASM_MAX_PAGES) return false;
    try {
      this.memory.grow(pages - have);
      return true;
    } catch {
      return false; // the host refused the memory
    }
  }

  /** Scores: all offsets in bytes, 16-byte aligned; strideBytes a multiple of 64. */
  dots(queryOffset: number, rowsOffset: number, n: number, strideBytes: number, outOffset: number): void {
    this.run(queryOffset, rowsOffset, n, strideBytes, outOffset);
  }

  /** Int32 scores of int8 rows against an int16 query: offsets in bytes, 16-byte aligned; strideBytes a multiple of 64. */
  dotsI8(queryOffset: number, rowsOffset: number, n: number, strideBytes: number, outOffset: number): void {
    this.runI8(queryOffset, rowsOffset, n, strideBytes, outOffset);
  }
}

type KernelFunction = (q: number, x: number, n: number, strideBytes: number, out: number) => void;

// --- the module's bytes -------------------------------------------------------------------

const I32 = 0x7f;
const V128 = 0x7b;
const Op = {
  block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, localGet: 0x20, localSet: 0x21,
  i32Const: 0x41, i32GeU: 0x4f, i32Add: 0x6a, i32Mul: 0x6c, i32Shl: 0x74, f32Add: 0x92, f32Store: 0x38, i32Store: 0x36,
  simd: 0xfd, voidType: 0x40,
} as const;
/** SIMD sub-opcodes (after 0xfd). */
const Simd = {
  load: 0, const: 12, extractLane: 31, add: 228, mul: 230,
  i32ExtractLane: 27, i16ExtendLowI8: 135, i16ExtendHighI8: 136, i32Add: 174, i32DotI16: 186,
} as const;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

const name = (s: string): number[] => [...uleb(s.length), ...Buffer.from(s, 'utf8')];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const get = (local: number): number[] => [Op.localGet, local];
const set = (local: number): number[] => [Op.localSet, local];
const simd = (op: number): number[] => [Op.simd, ...uleb(op)];
/** v128.load with 16-byte alignment (log2 = 4) at a constant offset. */
const load = (offset: number): number[] => [...simd(Simd.load), 4, ...uleb(offset)];

// Both kernels' params: query, rows, n, strideBytes, out; locals: rowsEnd, j, qj (i32), four
// v128 accumulators and v. Each step covers 64 row bytes (16 floats or 64 int8 values).
const [QUERY, ROWS, N, STRIDE, OUT, ROWS_END, J, QJ] = [0, 1, 2, 3, 4, 5, 6, 7];
const ACC = [8, 9, 10, 11];
const V = 12;
const STEP_BYTES = 64;

/** What differs between the float32 and the int8 kernel: one step's code and the lane type of the sums. */
interface KernelShape {
  readonly step: number[];
  readonly add: number;
  readonly extractLane: number;
  readonly scalarAdd: number;
  readonly store: number;
}

/** A kernel's body: for each row, zero the accumulators, run `step` over the row, store the horizontal sum. */
function rowLoopFunction(shape: KernelShape): number[] {
  const [a0, a1, a2, a3] = ACC as [number, number, number, number];
  const lane = (i: number): number[] => [...get(a0), ...simd(shape.extractLane), i];
  const body = [
    ...get(ROWS), ...get(N), ...get(STRIDE), Op.i32Mul, Op.i32Add, ...set(ROWS_END),
    Op.block, Op.voidType, Op.loop, Op.voidType, // for each row
    ...get(ROWS), ...get(ROWS_END), Op.i32GeU, Op.brIf, 1,
    ...ACC.flatMap((a) => [...simd(Simd.const), ...new Array<number>(16).fill(0), ...set(a)]),
    Op.i32Const, ...sleb(0), ...set(J),
    Op.block, Op.voidType, Op.loop, Op.voidType, // for each 64 bytes of the row
    ...get(J), ...get(STRIDE), Op.i32GeU, Op.brIf, 1,
    ...shape.step,
    ...get(J), Op.i32Const, ...sleb(STEP_BYTES), Op.i32Add, ...set(J), Op.br, 0,
    Op.end, Op.end,
    // out[r] = horizontal sum of (acc0 + acc1) + (acc2 + acc3)
    ...get(OUT),
    ...get(a0), ...get(a1), ...simd(shape.add), ...get(a2), ...get(a3), ...simd(shape.add), ...simd(shape.add), ...set(a0),
    ...lane(0), ...lane(1), shape.scalarAdd, ...lane(2), ...lane(3), shape.scalarAdd, shape.scalarAdd,
    shape.store, 2, 0,
    ...get(OUT), Op.i32Const, ...sleb(4), Op.i32Add, ...set(OUT),
    ...get(ROWS), ...get(STRIDE), Op.i32Add, ...set(ROWS),
    Op.br, 0,
    Op.end, Op.end, Op.end,
  ];
  return [...vector([[3, I32], [5, V128]]), ...body];
}

/** float32: acc[i] += rows[j + 16i …] × query[j + 16i …], four f32x4 per step. */
const F32_KERNEL: KernelShape = {
  step: ACC.flatMap((a, i) => [
    ...get(a),
    ...get(ROWS), ...get(J), Op.i32Add, ...load(16 * i),
    ...get(QUERY), ...get(J), Op.i32Add, ...load(16 * i),
    ...simd(Simd.mul), ...simd(Simd.add), ...set(a),
  ]),
  add: Simd.add, extractLane: Simd.extractLane, scalarAdd: Op.f32Add, store: Op.f32Store,
};

/**
 * int8 rows, int16 query: each 16 row bytes are widened half by half to i16x8 and multiplied
 * pairwise with the query's (dot_i16x8_s), into i32x4 accumulators; the query's offset is 2j.
 */
const I8_KERNEL: KernelShape = {
  step: [
    ...get(QUERY), ...get(J), Op.i32Const, ...sleb(1), Op.i32Shl, Op.i32Add, ...set(QJ),
    ...ACC.flatMap((a, i) => [
      ...get(ROWS), ...get(J), Op.i32Add, ...load(16 * i), ...set(V),
      ...[[Simd.i16ExtendLowI8, 32 * i], [Simd.i16ExtendHighI8, 32 * i + 16]].flatMap(([extend, offset]) => [
        ...get(a), ...get(V), ...simd(extend!), ...get(QJ), ...load(offset!), ...simd(Simd.i32DotI16), ...simd(Simd.i32Add), ...set(a),
      ]),
    ]),
  ],
  add: Simd.i32Add, extractLane: Simd.i32ExtractLane, scalarAdd: Op.i32Add, store: Op.i32Store,
};

function dotsModuleBytes(): Uint8Array {
  const functions = [rowLoopFunction(F32_KERNEL), rowLoopFunction(I8_KERNEL)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32]]), 0]])), // type: (i32 ×5) → ()
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x01, ...uleb(1), ...uleb(WASM_MAX_PAGES)]])),
    ...section(3, vector([[0], [0]])),
    ...section(7, vector([[...name('dots'), 0x00, 0], [...name('dotsI8'), 0x00, 1]])),
    ...section(10, vector(functions.map((fn) => [...uleb(fn.length), ...fn]))),
  ]);
}
