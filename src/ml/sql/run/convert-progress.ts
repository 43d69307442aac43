/**
 * Progress of a long CONVERT as NOTICEs (psql prints them as they arrive): an opening line saying
 * what will be embedded and in how many batches, done/total with images/s and an ETA after a
 * batch at most every few seconds, and a closing summary of what was embedded and stored.
 */
import { parseDurationMs } from '../../../common/duration-setting.js';
import type { ExecContext } from '../../../execution/exec-context.js';
import type { StoredCount } from './convert-store.js';
import { CONVERT_RESULT_SETTING } from '../bind/bind-convert.js';
import { notice } from './statement-notices.js';

/** Minimum pause between two progress notices, unless `thanosql.progress_interval` says otherwise. */
export const PROGRESS_INTERVAL_MS = 3_000;
/** The session setting (a duration, e.g. '500ms' or '10s') for the pause between progress notices. */
export const PROGRESS_INTERVAL_SETTING = 'thanosql.progress_interval';
const MS_PER_S = 1000;

export class ConvertProgress {
  private readonly started = Date.now();
  private lastReport = this.started;
  private readonly interval: number;

  constructor(private readonly ctx: ExecContext, private readonly total: number) {
    const setting = ctx.run.setting(PROGRESS_INTERVAL_SETTING);
    this.interval = (setting ? parseDurationMs(setting) : undefined) ?? PROGRESS_INTERVAL_MS;
  }

  /**
   * The opening line, sent as soon as the model is loaded: progress is counted per batch (a
   * worker task, convert-task-size.ts), so a short CONVERT may have no lines in between, and the
   * user should know that rather than wonder. `rowsHint` adds, for a
   * whole-statement CONVERT returning its rows, how to get one summary row instead.
   */
  start(model: string, batchSize: number, rowsHint: boolean): void {
    if (this.total === 0) return;
    const batches = Math.ceil(this.total / Math.max(1, batchSize));
    const largest = Math.min(batchSize, this.total);
    notice(this.ctx,
      `CONVERT: embedding ${this.total} image${this.total === 1 ? '' : 's'} with ${model} in ${batches} batch${batches === 1 ? '' : 'es'} of up to ${largest}; `
        + `progress after each batch, at most every ${this.interval / MS_PER_S} s`,
      rowsHint ? `the result is every row with its embedding; SET ${CONVERT_RESULT_SETTING} = 'summary' returns one row of counts instead` : undefined);
  }

  /** Called after each chunk of images; reports when the interval has passed. */
  update(done: number): void {
    const now = Date.now();
    if (now - this.lastReport < this.interval || done >= this.total) return;
    this.lastReport = now;
    const rate = done / Math.max(1e-3, (now - this.started) / MS_PER_S);
    const eta = rate > 0 ? Math.ceil((this.total - done) / rate) : 0;
    notice(this.ctx, `CONVERT: ${done}/${this.total} images (${rate.toFixed(1)} images/s, ETA ${eta} s)`);
  }

  /**
   * The closing line: the images actually embedded (unreadable ones are the WARNING's), how long
   * and how fast, and — with table_name — how many of the table's rows received an embedding.
   */
  finish(embedded: number, stored?: StoredCount): void {
    const seconds = (Date.now() - this.started) / MS_PER_S;
    const rate = this.total / Math.max(1e-3, seconds);
    const into = stored ? `; stored in ${stored.rows} of the ${stored.tableRows} rows of "${stored.table}"` : '';
    notice(this.ctx, `CONVERT: embedded ${embedded} images in ${seconds.toFixed(1)} s (${rate.toFixed(1)} images/s)${into}`);
  }
}
