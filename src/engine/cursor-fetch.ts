/**
 * FETCH / MOVE on a cursor with PostgreSQL's position rules (pquery.c: DoPortalRunFetch,
 * PortalRunSelect, DoPortalRewind), so counts, end positions and errors match: the portal's
 * position (`portalPos`, `atStart`, `atEnd`) and, beneath it, the scan's own position, which
 * steps past the last row at the end and before the first at the start.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Row } from '../types/value.js';
import type { CursorRows } from './cursor-rows.js';

export type FetchDirection = 'FORWARD' | 'BACKWARD' | 'ABSOLUTE' | 'RELATIVE';

/** Receives fetched rows (absent for MOVE). */
export type FetchSink = (rows: readonly Row[]) => Promise<void>;

/** Rows handed to the sink at a time. */
const SINK_BATCH = 1024;

export class CursorPosition {
  /** PostgreSQL's portalPos: the row the cursor is on (the last one, once at the end). */
  portalPos = 0;
  atStart = true;
  atEnd = false;
  /** The scan's position: 0 before the first row, n on row n, past the last at the end. */
  private scanPos = 0;
  /** The row the scan is on (undefined before the first and past the last), for WHERE CURRENT OF. */
  private scanRow: Row | undefined;

  constructor(
    private readonly rows: CursorRows,
    private readonly noScroll: boolean,
    /** Rows carry their store location as a last value, which FETCH does not show. */
    private readonly located = false,
  ) {}

  /** The row the cursor is on (with its location, when located), or undefined when it is on none. */
  get currentRow(): Row | undefined {
    return this.atStart || this.atEnd ? undefined : this.scanRow;
  }

  /** FETCH / MOVE: the number of rows fetched or moved over. */
  async fetch(direction: FetchDirection, count: number, sink: FetchSink | undefined): Promise<number> {
    let forward: boolean;
    switch (direction) {
      case 'FORWARD': case 'BACKWARD':
        forward = (direction === 'FORWARD') === (count >= 0);
        count = Math.abs(count);
        break;
      case 'ABSOLUTE': return this.absolute(count, sink);
      case 'RELATIVE':
        if (count > 0) {
          if (count > 1) await this.select(true, count - 1, undefined);
          return this.select(true, 1, sink);
        }
        if (count < 0) {
          if (count < -1) await this.select(false, -count - 1, undefined);
          return this.select(false, 1, sink);
        }
        forward = true;
        break;
    }
    if (count === 0) {
      // Re-fetch the current row, if the cursor is on one; MOVE 0 says whether it is.
      const onRow = !this.atStart && !this.atEnd;
      if (!sink) return onRow ? 1 : 0;
      if (!onRow) return 0;
      await this.select(false, 1, undefined);
      return this.select(true, 1, sink);
    }
    if (!forward && count === Infinity && !sink) {
      // MOVE BACKWARD ALL is a rewind.
      let moved = this.portalPos;
      if (moved > 0 && !this.atEnd) moved--;
      this.rewind();
      return moved;
    }
    return this.select(forward, count, sink);
  }

  private async absolute(count: number, sink: FetchSink | undefined): Promise<number> {
    if (count > 0) {
      // Rewind when the target is nearer the start than the current row; always end going forwards.
      if (count - 1 <= Math.floor(this.portalPos / 2)) {
        this.rewind();
        if (count > 1) await this.select(true, count - 1, undefined);
      } else {
        const pos = this.portalPos + (this.atEnd ? 1 : 0);
        if (count <= pos) await this.select(false, pos - count + 1, undefined);
        else if (count > pos + 1) await this.select(true, count - pos - 1, undefined);
      }
      return this.select(true, 1, sink);
    }
    if (count < 0) {
      await this.select(true, Infinity, undefined);
      if (count < -1) await this.select(false, -count - 1, undefined);
      return this.select(false, 1, sink);
    }
    this.rewind();
    return 0;
  }

  /** WITH HOLD at commit: keep the rows a later FETCH may still reach. */
  async materialize(): Promise<void> {
    await this.rows.materialize(this.scanPos);
  }

  /** PortalRunSelect: up to `count` rows (Infinity = all) in one direction. */
  private async select(forward: boolean, count: number, sink: FetchSink | undefined): Promise<number> {
    if (forward) {
      if (this.atEnd || count <= 0) return 0;
      const n = await this.scan(true, count, sink);
      if (n > 0) this.atStart = false;
      if (count === Infinity || n < count) this.atEnd = true;
      this.portalPos += n;
      return n;
    }
    if (this.noScroll) throw forwardOnly();
    if (this.atStart || count <= 0) return 0;
    const n = await this.scan(false, count, sink);
    if (n > 0 && this.atEnd) {
      this.atEnd = false;
      this.portalPos++;
    }
    if (count === Infinity || n < count) {
      this.atStart = true;
      this.portalPos = 0;
    } else {
      this.portalPos -= n;
    }
    return n;
  }

  /** DoPortalRewind: back before the first row (55000 for NO SCROLL once it has moved). */
  private rewind(): void {
    if (this.atStart && !this.atEnd) return;
    if (this.noScroll) throw forwardOnly();
    this.scanPos = 0;
    this.scanRow = undefined;
    this.atStart = true;
    this.atEnd = false;
    this.portalPos = 0;
  }

  /** The scan itself: steps row by row, past the end (or before the start) when it runs out. */
  private async scan(forward: boolean, count: number, sink: FetchSink | undefined): Promise<number> {
    let n = 0;
    let pending: Row[] = [];
    while (n < count) {
      const target = forward ? this.scanPos + 1 : this.scanPos - 1;
      const row = target >= 1 ? await this.rows.row(target) : undefined;
      if (!row) {
        // Off the end: one past the last row (or before the first), as an executor scan stops.
        this.scanPos = forward ? Math.max(this.scanPos, target) : 0;
        this.scanRow = undefined;
        break;
      }
      this.scanPos = target;
      this.scanRow = row;
      n++;
      if (sink) {
        pending.push(this.located ? row.slice(0, -1) : row);
        if (pending.length >= SINK_BATCH) {
          await sink(pending);
          pending = [];
        }
      }
    }
    if (sink && pending.length > 0) await sink(pending);
    return n;
  }
}

function forwardOnly(): SqlError {
  return new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, 'cursor can only scan forward',
    { hint: 'Declare it with SCROLL option to enable backward scan.' });
}
