/**
 * How many images one worker task of a CONVERT embeds. `batch_size` is the upper bound (ThanoSQL's
 * inference batch); a CONVERT smaller than two tasks per worker is cut finer so that every worker
 * gets some (the tutorial's 54 pictures at batch_size=128 were one task: one worker ran while the
 * other idled, and no progress could be reported between the opening and closing lines).
 */

/** Tasks per worker that a small CONVERT is cut into, at least. */
const TASKS_PER_WORKER = 2;
/** Below this, a task's fixed cost (a message, a session run) outweighs the spread. */
const MIN_TASK_SIZE = 8;

export function convertTaskSize(images: number, batchSize: number, workers: number): number {
  const spread = Math.ceil(images / Math.max(1, workers * TASKS_PER_WORKER));
  return Math.max(1, Math.min(batchSize, Math.max(MIN_TASK_SIZE, spread)));
}
