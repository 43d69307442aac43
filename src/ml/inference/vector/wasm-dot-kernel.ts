/**
 * The exact-scan kernel: one WebAssembly function, assembled here byte by byte (no toolchain),
 * that scores n rows of a row-major float32 matrix against one query with 128-bit SIMD —
 * `dots(query, rows, n, strideBytes, out)`, out[r] = Σ query[j] · rows[r][j]. Four f32x4
 * accumulators over 16 floats per step; rows are padded to a multiple of 16 floats
 * (`paddedWidth`), so there is no scalar tail. The sums are float32 (a few ulps from the exact
 * value; callers re-rank near ties with `dotAt`'s arithmetic, see exact-top-k-scan.ts).
 * Chosen over simsimd / usearch's exactSearch after measuring (ml/README.md Decisions 9).
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

/** A row of `dim` floats as laid out for the kernel. */
export function paddedWidth(dim: number): number {
  return Math.ceil(dim / KERNEL_STEP_FLOATS) * KERNEL_STEP_FLOATS;
}

export class DotKernel {
  private constructor(
    readonly memory: WebAssembly.Memory,
    private readonly run: (q: number, x: number, n: number, strideBytes: number, out: number) => void,
  ) {}

  /** A kernel over its own (growable) linear memory of `initialPages`. */
  static create(initialPages = 16): DotKernel {
    const memory = new WebAssembly.Memory({ initial: initialPages, maximum: WASM_MAX_PAGES });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(dotsModuleBytes()), { env: { memory } });
    return new DotKernel(memory, instance.exports['dots'] as DotKernel['run']);
  }

  /** The whole memory as floats (a fresh view after growth: never keep one across `grow`). */
  get f32(): Float32Array {
    return new Float32Array(this.memory.buffer);
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
}

// --- the module's bytes -------------------------------------------------------------------

const I32 = 0x7f;
const V128 = 0x7b;
const Op = {
  block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, localGet: 0x20, localSet: 0x21,
  i32Const: 0x41, i32GeU: 0x4f, i32Add: 0x6a, i32Mul: 0x6c, i32Shl: 0x74, f32Add: 0x92, f32Store: 0x38,
  simd: 0xfd, voidType: 0x40,
} as const;
/** SIMD sub-opcodes (after 0xfd). */
const Simd = { load: 0, const: 12, extractLane: 31, add: 228, mul: 230 } as const;

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

function dotsModuleBytes(): Uint8Array {
  // params: query, rows, n, strideBytes, out; locals: rowsEnd, j, then four v128 accumulators
  const [query, rows, n, stride, out, rowsEnd, j] = [0, 1, 2, 3, 4, 5, 6];
  const acc = [7, 8, 9, 10];
  const body = [
    ...get(rows), ...get(n), ...get(stride), Op.i32Mul, Op.i32Add, ...set(rowsEnd),
    Op.block, Op.voidType, Op.loop, Op.voidType, // for each row
    ...get(rows), ...get(rowsEnd), Op.i32GeU, Op.brIf, 1,
    ...acc.flatMap((a) => [...simd(Simd.const), ...new Array<number>(16).fill(0), ...set(a)]),
    Op.i32Const, ...sleb(0), ...set(j),
    Op.block, Op.voidType, Op.loop, Op.voidType, // for each 16 floats
    ...get(j), ...get(stride), Op.i32GeU, Op.brIf, 1,
    ...acc.flatMap((a, lane) => [
      ...get(a),
      ...get(rows), ...get(j), Op.i32Add, ...load(16 * lane),
      ...get(query), ...get(j), Op.i32Add, ...load(16 * lane),
      ...simd(Simd.mul), ...simd(Simd.add), ...set(a),
    ]),
    ...get(j), Op.i32Const, ...sleb(64), Op.i32Add, ...set(j), Op.br, 0,
    Op.end, Op.end,
    // out[r] = horizontal sum of (acc0 + acc1) + (acc2 + acc3)
    ...get(out),
    ...get(acc[0]!), ...get(acc[1]!), ...simd(Simd.add), ...get(acc[2]!), ...get(acc[3]!), ...simd(Simd.add), ...simd(Simd.add),
    ...set(acc[0]!),
    ...get(acc[0]!), ...simd(Simd.extractLane), 0, ...get(acc[0]!), ...simd(Simd.extractLane), 1, Op.f32Add,
    ...get(acc[0]!), ...simd(Simd.extractLane), 2, ...get(acc[0]!), ...simd(Simd.extractLane), 3, Op.f32Add, Op.f32Add,
    Op.f32Store, 2, 0,
    ...get(out), Op.i32Const, ...sleb(4), Op.i32Add, ...set(out),
    ...get(rows), ...get(stride), Op.i32Add, ...set(rows),
    Op.br, 0,
    Op.end, Op.end, Op.end,
  ];
  const fn = [...vector([[2, I32], [4, V128]]), ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, vector([[0x60, ...vector([[I32], [I32], [I32], [I32], [I32]]), 0]])), // type: (i32 ×5) → ()
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x01, ...uleb(1), ...uleb(WASM_MAX_PAGES)]])),
    ...section(3, vector([[0]])),
    ...section(7, vector([[...name('dots'), 0x00, 0]])),
    ...section(10, vector([[...uleb(fn.length), ...fn]])),
  ]);
}
