/**
 * The per-connection command buffer (CockroachDB's StmtBuf): the socket reader pushes decoded
 * messages, the execution loop pulls them. Reading therefore never waits on execution, so a
 * CopyData, Terminate or a flood of pipelined messages is taken off the socket while a query runs;
 * the reader pauses the socket when too much is queued, and `onTake` lets it resume whoever
 * takes items — the execution loop, or a COPY FROM STDIN pulling its CopyData.
 */

/** What `next(timeoutMs)` resolves with when nothing arrived in time. */
export const TIMED_OUT = Symbol('timed out');

export class CommandQueue<T> {
  private readonly items: T[] = [];
  private waiter: ((item: T | undefined | typeof TIMED_OUT) => void) | undefined;
  private closed = false;

  /** @param onTake called after an item queued earlier is taken (`length` is then the new count) */
  constructor(private readonly onTake?: () => void) {}

  get length(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.closed) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(item);
    } else {
      this.items.push(item);
    }
  }

  /**
   * The next item, or undefined once closed and empty; with `timeoutMs` > 0, TIMED_OUT when
   * nothing arrives within it (the item that arrives later stays queued).
   */
  next(): Promise<T | undefined>;
  next(timeoutMs: number | undefined): Promise<T | undefined | typeof TIMED_OUT>;
  next(timeoutMs = 0): Promise<T | undefined | typeof TIMED_OUT> {
    if (this.items.length > 0) {
      const item = this.items.shift();
      this.onTake?.();
      return Promise.resolve(item);
    }
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = timeoutMs > 0 ? setTimeout(() => {
        this.waiter = undefined;
        resolve(TIMED_OUT);
      }, timeoutMs) : undefined;
      this.waiter = (item) => {
        clearTimeout(timer);
        resolve(item);
      };
    });
  }

  /** No more items: pending and future `next()` calls resolve undefined after the queue drains. */
  close(): void {
    this.closed = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = undefined;
      w(undefined);
    }
  }
}
