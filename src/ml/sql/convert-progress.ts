/**
 * Progress of a long CONVERT as NOTICEs (psql prints them as they arrive): done/total, images/s
 * and an ETA, at most every few seconds, plus a closing summary.
 */
import type { ExecContext } from '../../execution/exec-context.js';
import { notice } from './statement-notices.js';

/** Minimum pause between two progress notices. */
const PROGRESS_INTERVAL_MS = 3_000;
const MS_PER_S = 1000;

export class ConvertProgress {
  private readonly started = Date.now();
  private lastReport = this.started;

  constructor(private readonly ctx: ExecContext, private readonly total: number) {}

  /** Called after each chunk of images; reports when the interval has passed. */
  update(done: number): void {
    const now = Date.now();
    if (now - this.lastReport < PROGRESS_INTERVAL_MS || done >= this.total) return;
    this.lastReport = now;
    const rate = done / Math.max(1e-3, (now - this.started) / MS_PER_S);
    const eta = rate > 0 ? Math.ceil((this.total - done) / rate) : 0;
    notice(this.ctx, `CONVERT: ${done}/${this.total} images (${rate.toFixed(1)} images/s, ETA ${eta} s)`);
  }

  /** The closing line: how many images, how long, how fast. */
  finish(): void {
    const seconds = (Date.now() - this.started) / MS_PER_S;
    const rate = this.total / Math.max(1e-3, seconds);
    notice(this.ctx, `CONVERT: embedded ${this.total} images in ${seconds.toFixed(1)} s (${rate.toFixed(1)} images/s)`);
  }
}
