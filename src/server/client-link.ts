/**
 * The main thread's side of one client connection: it owns the socket and relays bytes between
 * it and the engine thread serving the connection, with back-pressure both ways (a full engine
 * read buffer pauses the socket; each write is acknowledged once the socket took it). It keeps
 * the connection's cancel key and interrupt cell for CancelRequests and the watchdog. After a
 * failed login it holds back what the engine thread writes (the 28P01) for the throttle's delay.
 */
import type { Socket } from 'node:net';
import type { SqlError } from '../common/sql-error.js';
import type { SessionControl } from '../engine/session-control.js';
import { encodeErrorResponse } from '../protocol/fatal-message.js';
import type { FromThread } from './thread-messages.js';

/** The engine thread a link talks to (EngineThread, seen from a link). */
export interface LinkThread {
  post(message: import('./thread-messages.js').ToThread, transfer?: ArrayBuffer[]): void;
}

export class ClientLink {
  /** When the last accepted CancelRequest arrived (for the watchdog), or 0. */
  cancelRequestedAt = 0;
  private closed = false;
  /** Messages held back while a failed login's answer is delayed, in order. */
  private held: (FromThread & { readonly id: number })[] | undefined;
  private holdTimer: NodeJS.Timeout | undefined;
  /** Int32 [0]: writes the socket took, counted for the engine thread's RelaySocket (shared with it). */
  private readonly taken = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

  constructor(
    readonly id: number,
    readonly socket: Socket,
    readonly thread: LinkThread,
    readonly pid: number,
    readonly secret: number,
    readonly control: SessionControl,
    private readonly onClose: (link: ClientLink) => void,
    /** A failed login from this link's client: how long to delay its answer. */
    private readonly authFailureDelay: (address: string) => number = () => 0,
  ) {}

  /** Hands the connection to the thread, with the bytes already read from it. */
  start(initial: Uint8Array, tooMany: boolean): void {
    const { socket, id } = this;
    socket.setNoDelay(true);
    this.thread.post({
      t: 'open', id, remoteAddress: socket.remoteAddress, remotePort: socket.remotePort, pid: this.pid, secret: this.secret,
      control: this.control.buffer, tooMany, data: initial, taken: this.taken.buffer as SharedArrayBuffer,
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
    if (message.t === 'auth-failed') {
      this.hold(this.authFailureDelay(this.socket.remoteAddress ?? 'unknown'));
      return;
    }
    if (this.held) {
      this.held.push(message);
      return;
    }
    switch (message.t) {
      case 'write': {
        const { ack } = message;
        this.socket.write(message.data, () => {
          Atomics.add(this.taken, 0, 1);
          if (ack) this.thread.post({ t: 'written', id: this.id });
        });
        return;
      }
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

  /** pg_terminate_backend: the session ends with FATAL 57P01, what it runs stops (the watchdog sees it too). */
  terminate(): void {
    this.cancelRequestedAt = Date.now();
    this.control.requestTerminate();
    this.thread.post({ t: 'terminate', id: this.id });
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

  /** Delays every later message by `ms` (a timer: the main thread goes on serving everyone else). */
  private hold(ms: number): void {
    if (ms <= 0 || this.held) return;
    this.held = [];
    this.holdTimer = setTimeout(() => {
      const held = this.held ?? [];
      this.held = undefined;
      for (const message of held) this.handle(message);
    }, ms);
    this.holdTimer.unref();
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.holdTimer);
    this.thread.post({ t: 'closed', id: this.id });
    this.onClose(this);
  }
}
