/**
 * The main thread's handle on one engine thread (a worker_threads Worker running
 * engine-thread-entry.ts): starts it, relays its messages to the ClientLinks it serves, reads
 * its heartbeat, and reports its end — a clean one after shutdown, or a death (out of memory, a
 * crash, or termination by the watchdog) that the caller turns into FATAL errors for its clients.
 */
import type { ServerLogger } from '../common/log-record.js';
import type { SharedServerState } from '../engine/activity/server-services.js';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { ClientLink } from './client-link.js';
import type { EngineThreadData, FromThread, ToThread } from './thread-messages.js';

/** What an engine thread needs from the server that does not fit in workerData. */
export interface EngineThreadHooks {
  /** The CLIP pool host serves the thread's end of this channel. */
  servePool(port: import('node:worker_threads').MessagePort): void;
  cancelRequest(pid: number, secret: number): void;
  /** pg_cancel_backend / pg_terminate_backend run on this thread, for `pid`. */
  signal(pid: number, how: 'cancel' | 'terminate'): void;
  log: ServerLogger;
  /** The thread ended without being asked to (`error` says why). */
  died(thread: EngineThread, error: Error): void;
}

export type EngineThreadConfig = Omit<EngineThreadData, 'threadIndex' | 'heartbeat' | 'poolPort' | 'server'>;

/**
 * V8 heap per engine thread: a statement that allocates past it ends its own thread (its
 * clients get 53200), never the process. Sized so all threads together stay well inside RAM.
 */
export interface EngineThreadLimits {
  readonly maxOldGenerationSizeMb: number;
  /** Deep recursion (parser, binder) gets room before it fails with 54001. */
  readonly stackSizeMb: number;
}

export class EngineThread {
  readonly clients = new Map<number, ClientLink>();
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly beats: Int32Array;
  private lastBeat = -1;
  private lastBeatAt = Date.now();
  private exited = false;
  private started = false;
  private stopping = false;
  private drained: (() => void) | undefined;
  /** The main thread's end of the thread's CLIP pool channel (closed with the thread, or it keeps the process alive). */
  private readonly poolPort: import('node:worker_threads').MessagePort;

  /**
   * @param server the shared activity board, with this thread's own spinlock tag (so the main
   *   thread can break the lock if the thread dies holding it)
   */
  constructor(readonly index: number, config: EngineThreadConfig, limits: EngineThreadLimits, private readonly hooks: EngineThreadHooks,
    readonly server: SharedServerState) {
    const heartbeat = new SharedArrayBuffer(4);
    this.beats = new Int32Array(heartbeat);
    const pool = new MessageChannel();
    this.poolPort = pool.port1;
    hooks.servePool(pool.port1);
    const workerData: EngineThreadData = { ...config, threadIndex: index, heartbeat, poolPort: pool.port2, server };
    this.worker = new Worker(new URL('./engine-thread-entry.js', import.meta.url), {
      workerData,
      transferList: [pool.port2],
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, stackSizeMb: limits.stackSizeMb },
    });
    let started: (() => void) | undefined;
    let failed: ((error: Error) => void) | undefined;
    this.ready = new Promise<void>((resolve, reject) => { started = resolve; failed = reject; });
    this.ready.catch(() => undefined);
    this.worker.on('message', (message: FromThread) => {
      switch (message.t) {
        case 'ready':
          this.started = true;
          started!();
          return;
        case 'failed': failed!(new Error(message.message)); return;
        case 'log': hooks.log(message.message, message.level, message.fields); return;
        case 'cancel-request': hooks.cancelRequest(message.pid, message.secret); return;
        case 'signal': hooks.signal(message.pid, message.how); return;
        case 'drained': this.drained?.(); return;
        default: this.clients.get(message.id)?.handle(message);
      }
    });
    this.worker.on('error', (error) => {
      failed!(error);
      this.onEnd(error);
    });
    this.worker.on('exit', (code) => {
      failed!(new Error(`engine thread ${index} exited with code ${code} before it was ready`));
      this.onEnd(new Error(`engine thread ${index} exited with code ${code}`));
    });
  }

  get alive(): boolean {
    return !this.exited;
  }

  /** It finished opening its database and serves connections. */
  get isReady(): boolean {
    return this.started;
  }

  post(message: ToThread, transfer: ArrayBuffer[] = []): void {
    if (this.exited) return;
    this.worker.postMessage(message, transfer);
  }

  /** Milliseconds since the heartbeat last moved (0 while the thread's event loop turns). */
  stalledFor(now: number): number {
    const beat = Atomics.load(this.beats, 0);
    if (beat !== this.lastBeat) {
      this.lastBeat = beat;
      this.lastBeatAt = now;
    }
    return now - this.lastBeatAt;
  }

  /**
   * Ends the thread at once, whatever it is doing (V8 interrupts even a loop that never
   * yields); the caller has already dealt with its clients, so its end is not reported.
   */
  async kill(): Promise<void> {
    if (this.exited) return;
    this.stopping = true;
    await this.worker.terminate();
  }

  /** Graceful: clients get 57P01 within `graceMs`, the thread closes its database and exits. */
  async shutdown(graceMs: number): Promise<void> {
    if (this.exited) return;
    this.stopping = true;
    // Still opening its store: it has no clients and would not hear the request yet.
    if (!this.started) {
      await this.worker.terminate();
      return;
    }
    const drained = new Promise<void>((resolve) => { this.drained = resolve; });
    this.post({ t: 'shutdown', graceMs });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs + 1000); });
    await Promise.race([drained, late]);
    clearTimeout(timer);
    await this.worker.terminate();
  }

  private onEnd(error: Error): void {
    if (this.exited) return;
    this.exited = true;
    this.poolPort.close();
    if (!this.stopping) this.hooks.died(this, error);
  }
}
