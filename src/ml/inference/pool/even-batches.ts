/**
 * How a call's inputs are cut into worker tasks so that the workers finish together. Each pool
 * lane runs its tasks one after another, so cutting 80 images into tasks of 16 gave five tasks:
 * one lane ran three (48 images) while the other, done after two (32), idled for a whole batch
 * — on two cores a core left idle for ~1 s of the model. Here the task count is rounded up to a
 * multiple of the lanes and the inputs are spread evenly (sizes differ by at most one), so each
 * lane gets the same number of tasks and the same images ± one per task. `batchSize` stays the
 * largest task.
 *
 * @example
 * evenBatches(80, 16, 2) // [14, 14, 13, 13, 13, 13]: three tasks per lane, 40 images each
 */

/** Task sizes, in order, for `items` inputs: at most `batchSize` each, a multiple of `lanes` tasks when there are more tasks than lanes. */
export function evenBatches(items: number, batchSize: number, lanes: number): number[] {
  if (items <= 0) return [];
  const size = Math.max(1, Math.floor(batchSize));
  const workers = Math.max(1, Math.floor(lanes));
  let tasks = Math.ceil(items / size);
  // One task per lane or fewer cannot be spread further without making tasks smaller than asked.
  if (tasks > workers) tasks = Math.min(items, Math.ceil(tasks / workers) * workers);
  const base = Math.floor(items / tasks);
  const larger = items % tasks;
  return Array.from({ length: tasks }, (_, i) => base + (i < larger ? 1 : 0));
}

/** `items` cut at `sizes` (which sum to its length). */
export function cutBatches<T>(items: readonly T[], sizes: readonly number[]): (readonly T[])[] {
  const out: (readonly T[])[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(items.slice(at, at + n));
    at += n;
  }
  return out;
}
