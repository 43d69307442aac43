/**
 * Batches backend messages and writes them to the socket with back-pressure: `flush()` resolves
 * only once the socket has accepted the bytes into a buffer below its high-water mark, so a
 * client that stops reading pauses its own query (and only its own).
 */
import type { ClientStream } from './client-stream.js';
import { BufferWriter } from './codec/index.js';

/** Flush early when this much output is pending, even mid-batch. */
const FLUSH_THRESHOLD = 64 * 1024;
/**
 * How long a `flushSoon` may wait for the statement's own flush. A statement that ends sooner
 * sends its notices in the same write as its result (one hop to the socket's thread, one
 * packet) instead of a write of their own; a longer one still shows them while it runs.
 */
const FLUSH_SOON_MS = 20;

export class MessageWriter {
  readonly buf = new BufferWriter();
  private waitingDrain: Promise<void> | undefined;
  private soon: NodeJS.Timeout | undefined;

  constructor(private socket: ClientStream) {}

  /** Writes to `socket` from now on (the TLS socket after an SSLRequest was accepted). */
  retarget(socket: ClientStream): void {
    this.socket = socket;
  }

  get shouldFlush(): boolean {
    return this.buf.length >= FLUSH_THRESHOLD;
  }

  /** Sends what is buffered within FLUSH_SOON_MS, or with the next `flush()` if that comes first. */
  flushSoon(): void {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = undefined;
      void this.flush();
    }, FLUSH_SOON_MS);
    this.soon.unref();
  }

  /** Sends what is buffered; resolves when the socket can take more. */
  async flush(): Promise<void> {
    if (this.soon) {
      clearTimeout(this.soon);
      this.soon = undefined;
    }
    if (this.buf.length > 0 && !this.socket.destroyed) {
      const ok = this.socket.write(this.buf.flush());
      if (!ok) await this.drain();
    } else if (this.socket.writableNeedDrain) {
      await this.drain();
    }
  }

  /** Writes raw bytes at once (the unframed SSLRequest answer). */
  writeRaw(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  private drain(): Promise<void> {
    this.waitingDrain ??= new Promise<void>((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        this.waitingDrain = undefined;
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
    return this.waitingDrain;
  }
}
