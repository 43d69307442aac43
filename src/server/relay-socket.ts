/**
 * An engine thread's end of a client socket that the main thread owns: a Duplex that behaves
 * like the TCP socket for the protocol code (and for a TLSSocket wrapped around it). Reads are
 * the bytes the main thread relays; a full read buffer pauses the real socket. Each write is
 * handed to the main thread. While the bytes the socket has not yet taken stay under
 * WRITE_HIGH_WATER_MARK it completes at once — the main thread counts the writes its socket took
 * in shared memory instead of answering each one, which cost every statement one more wake-up
 * of each thread (src/engine/README.md, 2026-12-08); a write beyond the mark asks for an answer
 * and completes when the socket has taken it, so `write()` returns false and 'drain' follows
 * exactly as on a socket whose client reads slowly.
 */
import { Duplex } from 'node:stream';
import type { FromThread } from './thread-messages.js';

/** Bytes of the client's input buffered here before the main thread pauses the socket. */
const HIGH_WATER_MARK = 64 * 1024;
/**
 * Bytes of output handed to the main thread and not yet taken by the socket before `write()`
 * says wait. Several 64 KB flushes, so the engine thread encodes the next rows while the main
 * thread relays the last ones, as a PostgreSQL backend runs ahead into its kernel socket
 * buffer; with one flush in flight the two threads took turns (2026-12-07, issue 8).
 */
const WRITE_HIGH_WATER_MARK = 8 * HIGH_WATER_MARK;

export class RelaySocket extends Duplex {
  /** Writes that asked for an acknowledgement and did not get it yet, oldest first. */
  private readonly unacknowledged: ((error?: Error | null) => void)[] = [];
  /** Sizes of the writes sent and not yet counted as taken by the socket, oldest first. */
  private readonly inFlight: number[] = [];
  private inFlightBytes = 0;
  /** How many writes were sent (wrapping like the main thread's count in `taken`). */
  private sentWrites = 0;
  private upstreamPaused = false;

  constructor(
    private readonly id: number,
    readonly remoteAddress: string | undefined,
    readonly remotePort: number | undefined,
    private readonly send: (message: FromThread, transfer?: ArrayBuffer[]) => void,
    /** Int32 [0]: how many of this connection's writes the main thread's socket took. */
    private readonly taken: Int32Array,
  ) {
    super({ readableHighWaterMark: HIGH_WATER_MARK, writableHighWaterMark: WRITE_HIGH_WATER_MARK, allowHalfOpen: false });
  }

  setNoDelay(): this {
    // The main thread set TCP_NODELAY on the real socket.
    return this;
  }

  // ------------------------------------------------------------ from the main thread

  /** Bytes the client sent. */
  deliver(bytes: Uint8Array): void {
    if (this.destroyed) return;
    if (!this.push(bytes) && !this.upstreamPaused) {
      this.upstreamPaused = true;
      this.send({ t: 'pause', id: this.id });
    }
  }

  /** The main thread's socket took the oldest write that asked to be acknowledged. */
  acknowledge(): void {
    this.unacknowledged.shift()?.();
  }

  /** The client ended its side. */
  clientEnded(): void {
    this.push(null);
  }

  /** The socket is gone: fail pending writes, end. */
  socketClosed(): void {
    const error = new Error('client socket closed');
    for (const callback of this.unacknowledged.splice(0)) callback(error);
    this.push(null);
    this.destroy();
  }

  // ------------------------------------------------------------ Duplex internals

  override _read(): void {
    if (this.upstreamPaused) {
      this.upstreamPaused = false;
      this.send({ t: 'resume', id: this.id });
    }
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.forward([chunk], callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.forward(chunks.map((c) => c.chunk), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.send({ t: 'end', id: this.id });
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.send({ t: 'destroy', id: this.id });
    callback(error);
  }

  /**
   * One message per batch of writes, in a fresh buffer that is transferred: the chunks may be
   * views of Node's shared Buffer pool, which must never be detached.
   */
  private forward(chunks: readonly Uint8Array[], callback: (error?: Error | null) => void): void {
    const data = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const chunk of chunks) {
      data.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.forgetTaken();
    const ack = this.inFlightBytes + data.byteLength > WRITE_HIGH_WATER_MARK;
    this.inFlight.push(data.byteLength);
    this.inFlightBytes += data.byteLength;
    this.sentWrites = (this.sentWrites + 1) | 0;
    if (ack) this.unacknowledged.push(callback);
    this.send({ t: 'write', id: this.id, data, ack }, [data.buffer as ArrayBuffer]);
    if (!ack) callback();
  }

  /** Drops the writes the socket has taken since the last look from the bytes in flight. */
  private forgetTaken(): void {
    const pending = (this.sentWrites - Atomics.load(this.taken, 0)) | 0;
    while (this.inFlight.length > pending) this.inFlightBytes -= this.inFlight.shift()!;
  }
}
