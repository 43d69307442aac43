/**
 * The per-connection command buffer (CockroachDB's StmtBuf): the socket reader pushes decoded
 * messages, the execution loop pulls them. Reading therefore never waits on execution, so a
 * CopyData, Terminate or a flood of pipelined messages is taken off the socket while a query runs;
 * the reader pauses the socket when too much is queued.
 */

export class CommandQueue<T> {
  private readonly items: T[] = [];
  private waiter: ((item: T | undefined) => void) | undefined;
  private closed = false;

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

  /** The next item, or undefined once closed and empty. */
  next(): Promise<T | undefined> {
    if (this.items.length > 0) return Promise.resolve(this.items.shift());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => { this.waiter = resolve; });
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
