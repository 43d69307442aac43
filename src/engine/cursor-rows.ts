/**
 * A DECLAREd cursor's result rows by number (1-based), for FETCH/MOVE in any direction. Rows
 * come lazily from the statement's generator; a scrollable cursor keeps the most recent ones
 * (up to KEPT_ROWS) so moving back a little re-reads nothing, and moving back further re-runs
 * the statement from its snapshot — the same rows in the same order, as the snapshot is fixed.
 * A forward-only (NO SCROLL) cursor keeps nothing. A WITH HOLD cursor keeps its rows at commit
 * (`materialize`): all of them if it may scroll, else those not fetched yet.
 */
import type { CommandResult } from '../execution/statement-api.js';
import type { Row } from '../types/value.js';

/** Rows a scrollable cursor keeps behind its position before it re-runs its statement instead. */
const KEPT_ROWS = 10_000;

type RowGenerator = AsyncGenerator<readonly Row[], CommandResult, void>;

export class CursorRows {
  private generator: RowGenerator | undefined;
  /** The generator's current batch and how much of it was taken. */
  private batch: readonly Row[] = [];
  private batchIndex = 0;
  /** Rows taken from the generator since it (re)started. */
  private produced = 0;
  /** Kept rows: `kept[k]` is row `keptBase + k + 1`. */
  private kept: Row[] = [];
  private keptBase = 0;
  /** The result's row count, once its end was seen. */
  private total: number | undefined;
  /** After materialize: `kept` holds every row still reachable and the statement is not re-run. */
  private held = false;

  constructor(
    /** Starts the statement (again): a generator over the cursor's snapshot. */
    private readonly open: () => RowGenerator,
    /** Keep rows for moving backwards (false: NO SCROLL). */
    private readonly scrollable: boolean,
  ) {}

  /** Row `i`, or undefined when the result has fewer rows. */
  async row(i: number): Promise<Row | undefined> {
    if (i < 1 || (this.total !== undefined && i > this.total)) return undefined;
    if (i > this.keptBase && i <= this.keptBase + this.kept.length) return this.kept[i - this.keptBase - 1];
    if (this.held) return undefined;
    if (i <= this.produced) await this.restart();
    let row: Row | undefined;
    while (this.produced < i) {
      row = await this.next();
      if (!row) return undefined;
    }
    return row;
  }

  /**
   * WITH HOLD at commit, while the snapshot is readable: keep every row (from the first when
   * scrollable, else from `position + 1`), so FETCH works after the transaction is gone.
   */
  async materialize(position: number): Promise<void> {
    if (this.held) return;
    const from = this.scrollable ? 1 : position + 1;
    // Kept rows always run up to the last one produced; a gap before them means re-reading.
    const covered = this.kept.length > 0 ? this.keptBase + 1 : this.produced + 1;
    if (from < covered) await this.restart();
    if (this.kept.length > 0 && from > this.keptBase + 1) {
      this.kept = this.kept.slice(from - this.keptBase - 1);
      this.keptBase = from - 1;
    }
    if (this.kept.length === 0) this.keptBase = this.produced;
    this.held = true;
    while (await this.next()) { /* keep every row */ }
    await this.closeGenerator();
  }

  async close(): Promise<void> {
    this.kept = [];
    await this.closeGenerator();
  }

  /** Takes the next row from the generator (keeping it as the mode says); undefined at the end. */
  private async next(): Promise<Row | undefined> {
    if (this.total !== undefined && this.produced >= this.total) return undefined;
    while (this.batchIndex >= this.batch.length) {
      this.generator ??= this.open();
      const step = await this.generator.next();
      if (step.done) {
        this.total = this.produced;
        this.generator = undefined;
        return undefined;
      }
      this.batch = step.value;
      this.batchIndex = 0;
    }
    const row = this.batch[this.batchIndex++]!;
    this.produced++;
    if (!this.held && !this.scrollable) return row;
    if (this.kept.length === 0) this.keptBase = this.produced - 1;
    this.kept.push(row);
    if (!this.held && this.kept.length > KEPT_ROWS) {
      // Forget the older half at once (one copy per KEPT_ROWS / 2 rows, not one per row).
      const drop = this.kept.length - KEPT_ROWS / 2;
      this.kept = this.kept.slice(drop);
      this.keptBase += drop;
    }
    return row;
  }

  /** Re-runs the statement from its first row (its snapshot gives the same rows). */
  private async restart(): Promise<void> {
    await this.closeGenerator();
    this.produced = 0;
    this.kept = [];
    this.keptBase = 0;
    this.batch = [];
    this.batchIndex = 0;
  }

  private async closeGenerator(): Promise<void> {
    const gen = this.generator;
    this.generator = undefined;
    if (gen) await gen.return({ tag: '' }).catch(() => undefined);
  }
}
