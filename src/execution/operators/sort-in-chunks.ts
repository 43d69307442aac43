/**
 * A stable sort that never runs long without a pause: runs of RUN_SIZE items are sorted with
 * Array.prototype.sort (stable), then merged pairwise, checking cancellation and yielding to
 * the event loop between runs and every MERGE_STEP merged items. One `sort()` over a million
 * keyed rows takes seconds in one synchronous call; here no step takes more than tens of ms.
 */
import { batchTick, type ExecContext } from '../exec-context.js';

/** Items per sorted run: about 10–30 ms of comparisons each. */
const RUN_SIZE = 8192;
/** Items merged between two ticks. */
const MERGE_STEP = 16384;

/** Sorts `items` (in place for small inputs) by `compare`, stable. */
export async function sortInChunks<T>(items: T[], compare: (a: T, b: T) => number, ctx: ExecContext): Promise<T[]> {
  if (items.length <= RUN_SIZE) return items.sort(compare);
  let runs: T[][] = [];
  for (let start = 0; start < items.length; start += RUN_SIZE) {
    runs.push(items.slice(start, start + RUN_SIZE).sort(compare));
    await batchTick(ctx);
  }
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const b = runs[i + 1];
      next.push(b ? await merge(runs[i]!, b, compare, ctx) : runs[i]!);
    }
    runs = next;
  }
  return runs[0]!;
}

/** Merges two sorted runs; on ties the left (earlier) run wins, keeping the sort stable. */
async function merge<T>(a: readonly T[], b: readonly T[], compare: (x: T, y: T) => number, ctx: ExecContext): Promise<T[]> {
  const out: T[] = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    out[k++] = compare(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!;
    if (k % MERGE_STEP === 0) await batchTick(ctx);
  }
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
