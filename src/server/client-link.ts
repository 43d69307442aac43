/**
 * The main thread's side of one client connection: it owns the socket and relays bytes between
 * it and the engine thread serving the connection, with back-pressure both ways (a full engine
 * read buffer pauses the socket; each write is acknowledged once the socket took it). It keeps
 * the connection's cancel key and interrupt cell for CancelRequests and the watchdog.
 */
import type { Socket } from 'node:net';
import type { SqlError } from '../common/sql-error.js';
import type { SessionControl } from '../engine/index.js';
import { encodeErrorResponse } from '../protocol/index.js';
import type { FromThread } from './thread-messages.js';

/** The engine thread a link talks to (EngineThread, seen from a link). */
export interface LinkThread {
  post(message: import('./thread-messages.js').ToThread, transfer?: ArrayBuffer[]): void;
}

export class ClientLink {
  /** When the last accepted CancelRequest arrived (for the watchdog), or 0. */
  cancelRequestedAt = 0;
  private closed = false;

  constructor(
    readonly id: number,
    readonly socket: Socket,
    readonly thread: LinkThread,
    readonly pid: number,
    readonly secret: number,
    readonly control: SessionControl,
    private readonly onClose: (link: ClientLink) => void,
  ) {}

  /** Hands the connection to the thread, with the bytes already read from it. */
  start(initial: Uint8Array, tooMany: boolean): void {
    const { socket, id } = this;
    socket.setNoDelay(true);
    this.thread.post({
      t: 'open', id, remoteAddress: socket.remoteAddress, pid: this.pid, secret: this.secret,
      control: this.control.buffer, tooMany, data: initial,
    });
    socket.on('data', (chunk: Buffer) => {
      // A copy the engine thread owns: socket chunks may share memory with other Buffers.
      const data = new Uint8Array(chunk);
      this.thread.post({ t: 'data', id, data }, [data.buffer as ArrayBuffer]);
    });
    socket.on('end', () => this.thread.post({ t: 'eof', id }));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.finish());
  }

  /** A message the engine thread sent about this connection. */
  handle(message: FromThread & { readonly id: number }): void {
    if (this.closed) return;
    switch (message.t) {
      case 'write':
        this.socket.write(message.data, () => this.thread.post({ t: 'written', id: this.id }));
        return;
      case 'pause': this.socket.pause(); return;
      case 'resume': this.socket.resume(); return;
      // As PostgreSQL's close(): flush, then gone — not a half-open socket waiting for the client's FIN.
      case 'end': this.socket.destroySoon(); return;
      case 'destroy': this.socket.destroy(); return;
    }
  }

  /** A CancelRequest with this link's key: visible to the running statement at once, and to the thread's loop. */
  cancel(): void {
    this.cancelRequestedAt = Date.now();
    this.control.requestCancel();
    this.thread.post({ t: 'cancel', id: this.id });
  }

  /** The engine thread is gone: tell the client why and close. */
  abandon(error: SqlError): void {
    if (this.closed) return;
    this.socket.end(encodeErrorResponse(error));
    this.finish();
  }

  /**
   * Server shutdown: bytes the socket still holds (a 57P01 being flushed, over TLS too) get up to
   * `ms` to reach the client before the socket is dropped.
   */
  closeSoon(ms: number): Promise<void> {
    const { socket } = this;
    if (socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => { socket.destroy(); resolve(); }, ms);
      socket.once('close', () => { clearTimeout(timer); resolve(); });
      socket.destroySoon();
    });
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    this.thread.post({ t: 'closed', id: this.id });
    this.onClose(this);
  }
}
