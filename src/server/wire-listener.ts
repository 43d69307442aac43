/**
 * The PostgreSQL port: accepts TCP connections on the main thread and reads just enough of each
 * to tell a CancelRequest (answered here, by closing, as PostgreSQL does — so a cancel never
 * waits on a busy engine thread) from a real client, which goes to an engine thread with the
 * bytes read so far. Floods are bounded: sockets beyond a hard cap are closed at once, and a
 * socket that sends nothing is dropped after the authentication timeout.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { EngineThreads } from './engine-threads.js';

/** CancelRequest: length 16, then this code, then pid and secret. */
const CANCEL_REQUEST_CODE = 80877102;
const CANCEL_REQUEST_LENGTH = 16;
/** Bytes that tell a CancelRequest from anything else (length + code). */
const SNIFF_BYTES = 8;

export interface WireListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly threads: EngineThreads;
  /** Sockets open at once beyond which new ones are closed without a word. */
  readonly hardLimit: number;
  readonly authenticationTimeoutMs: number;
}

export class WireListener {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly options: WireListenerOptions) {
    this.server = createServer((socket) => this.accept(socket));
  }

  /** Starts listening; resolves with the bound port (useful with port 0). */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        const addr = this.server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : this.options.port);
      });
    });
  }

  /**
   * Stops accepting at once; resolves when every socket it accepted has closed (the engine
   * threads close them at shutdown).
   */
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    if (this.sockets.size >= this.options.hardLimit) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(), this.options.authenticationTimeoutMs);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (buffered.length < SNIFF_BYTES) return;
      const isCancel = buffered.readInt32BE(0) === CANCEL_REQUEST_LENGTH && buffered.readInt32BE(4) === CANCEL_REQUEST_CODE;
      if (isCancel && buffered.length < CANCEL_REQUEST_LENGTH) return;
      socket.off('data', onData);
      clearTimeout(timer);
      if (isCancel) {
        this.options.threads.cancel(buffered.readInt32BE(8), buffered.readInt32BE(12));
        socket.end();
        return;
      }
      this.options.threads.assign(socket, new Uint8Array(buffered));
    };
    socket.on('data', onData);
    socket.once('close', () => clearTimeout(timer));
  }
}
