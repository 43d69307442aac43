/**
 * The engine threads of a server and the connections they serve. A new connection goes to a
 * thread that has no client yet; when every running thread has one, another thread starts for
 * it (up to the configured count, one per core by default); beyond that, to the responsive
 * thread with the fewest clients. So two clients share a thread only when all threads are
 * taken, a busy statement on one thread does not delay a client of another, many clients use
 * every core — and a server used by one client at a time (a test, a script) runs one thread. This is also where CancelRequests are routed (the
 * pid → connection registry) and where the watchdog lives: a thread whose event loop has not
 * turned for a second while one of its statements ignores a cancel or its statement_timeout by
 * more than a second is terminated — V8 stops even a loop that never yields — and replaced; its
 * clients get a FATAL error saying why. A thread that runs out of heap dies alone the same way.
 */
import type { ServerLogger } from '../common/log-record.js';
import { randomInt } from 'node:crypto';
import type { Socket } from 'node:net';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
// The file, not engine/index.js: the main thread never loads the engine (see main.ts).
import { SessionControl } from '../engine/session-control.js';
import { ActivityBoard } from '../engine/activity/activity-board.js';
import { AdvisoryLockTable } from '../engine/activity/advisory-lock-table.js';
import { boardLayout } from '../engine/activity/server-services.js';
import { AuthThrottle } from './auth-throttle.js';
import { ClientLink } from './client-link.js';
import { EngineThread, type EngineThreadConfig, type EngineThreadHooks, type EngineThreadLimits } from './engine-thread.js';

export interface EngineThreadsOptions {
  /** Most engine threads to run. */
  readonly threads: number;
  readonly config: EngineThreadConfig;
  readonly limits: EngineThreadLimits;
  /** Connections served at once; more are answered 53300 after their StartupMessage. */
  readonly maxConnections: number;
  readonly servePool: EngineThreadHooks['servePool'];
  readonly log: ServerLogger;
  /** Failed-login delays (default: DEFAULT_AUTH_THROTTLE). */
  readonly authThrottle?: AuthThrottle;
}

/** Backend "pids" are counters, not OS pids (all sessions share one process). */
const FIRST_PID = 10000;
const SECRET_RANGE = 2 ** 31;
/** How often the watchdog looks. */
const WATCHDOG_INTERVAL_MS = 200;
/** A statement may ignore a cancel or its deadline this long while its thread is stuck. */
const UNRESPONSIVE_MS = 1000;
/** A thread running a statement for longer than this gets no new connections while others are free. */
const BUSY_MS = 250;
/** How long a socket may take to flush its last bytes (57P01) at shutdown before it is dropped. */
const SOCKET_FLUSH_MS = 1000;
/** Board slots beyond max_connections: a closing session's slot may outlive its link briefly. */
const BOARD_HEADROOM = 16;
/** The main thread's spinlock tag (threads count up from 1). */
const MAIN_THREAD_TAG = -1;

export class EngineThreads {
  private readonly slots: (EngineThread | undefined)[];
  private readonly byPid = new Map<number, ClientLink>();
  private nextPid = FIRST_PID;
  private nextId = 1;
  private readonly watchdog: NodeJS.Timeout;
  private closing = false;
  /** The activity board and advisory lock table the threads share (activity-board.ts). */
  private readonly board: ActivityBoard;
  private readonly locks: AdvisoryLockTable;
  /** Threads started so far: each gets its own spinlock tag. */
  private spawned = 0;
  /** Here, on the main thread, so failures count per address whichever engine thread saw them. */
  private readonly authThrottle: AuthThrottle;

  constructor(private readonly options: EngineThreadsOptions) {
    this.authThrottle = options.authThrottle ?? new AuthThrottle();
    this.slots = Array.from({ length: Math.max(1, options.threads) }, () => undefined);
    this.board = ActivityBoard.create(boardLayout(options.maxConnections + BOARD_HEADROOM));
    this.locks = new AdvisoryLockTable(this.board, MAIN_THREAD_TAG);
    this.watchdog = setInterval(() => this.watch(), WATCHDOG_INTERVAL_MS);
    this.watchdog.unref();
  }

  /**
   * Starts every thread; fails if the first cannot serve (a bad data directory fails the start).
   * All start at once so that a second client never waits for a thread, nor shares one with a
   * busy client while a slot is empty.
   */
  async start(): Promise<void> {
    const first = this.spawn(0);
    const others = Array.from({ length: this.slots.length - 1 }, (_, i) => this.spawn(i + 1));
    await first.ready;
    // Listen only once every thread is up (or has failed), so the first clients spread over all
    // of them: on a loaded machine a thread still starting got 1 of 8 clients, the ready one 7.
    await Promise.allSettled(others.map((t) => t.ready));
  }

  get connectionCount(): number {
    return this.byPid.size;
  }

  /** How many threads run now. */
  get threadCount(): number {
    return this.slots.filter((t) => t?.alive).length;
  }

  /** Connections per thread slot (0 for an empty slot), for tests and diagnostics. */
  clientsPerThread(): number[] {
    return this.slots.map((t) => (t?.alive ? t.clients.size : 0));
  }

  /** Hands a client socket (and the bytes already read from it) to an engine thread. */
  assign(socket: Socket, initial: Uint8Array): void {
    const thread = this.pick();
    const id = this.nextId++;
    const pid = this.nextPid++;
    const link = new ClientLink(id, socket, thread, pid, randomInt(SECRET_RANGE), new SessionControl(), (l) => {
      thread.clients.delete(l.id);
      this.byPid.delete(l.pid);
    }, (address) => this.authThrottle.failure(address));
    thread.clients.set(id, link);
    this.byPid.set(pid, link);
    link.start(initial, this.byPid.size > this.options.maxConnections);
  }

  /** pg_cancel_backend / pg_terminate_backend: the backend's own key is not needed (one role, a superuser). */
  private signal(pid: number, how: 'cancel' | 'terminate'): void {
    const link = this.byPid.get(pid);
    if (how === 'cancel') link?.cancel();
    else link?.terminate();
  }

  /** A CancelRequest: a wrong secret is ignored silently, as PostgreSQL does. */
  cancel(pid: number, secret: number): void {
    const link = this.byPid.get(pid);
    if (link && link.secret === secret) link.cancel();
  }

  /** Graceful shutdown of every thread (57P01 to clients within `graceMs`), then sockets left over are dropped. */
  async close(graceMs: number): Promise<void> {
    this.closing = true;
    clearInterval(this.watchdog);
    await Promise.all(this.slots.map((t) => t?.shutdown(graceMs)));
    await Promise.all([...this.byPid.values()].map((link) => link.closeSoon(SOCKET_FLUSH_MS)));
  }

  /**
   * A thread of its own if there is one — ready, else still starting (the client waits for it:
   * isolation from a busy neighbour is worth a start-up) — else the ready thread with the fewest
   * clients among those not running a long statement, else any ready, starting or live thread.
   * "Busy" is read from the statements a thread runs, not from its heartbeat: on a loaded machine
   * an idle thread's timer can lag past BUSY_MS, and a CI run then put two clients on one thread
   * beside an empty one. Slots are refilled as soon as a thread dies, and all start with the
   * server, so a start-up wait is rare.
   */
  private pick(): EngineThread {
    const now = Date.now();
    const live = this.slots.filter((t): t is EngineThread => t?.alive === true);
    const free = this.slots.findIndex((t) => !t?.alive);
    if (free >= 0) live.push(this.spawn(free));
    const leastLoaded = (threads: EngineThread[]) => threads.sort((a, b) => a.clients.size - b.clients.size)[0];
    const ready = live.filter((t) => t.isReady);
    const starting = live.filter((t) => !t.isReady);
    const unused = (threads: EngineThread[]) => threads.find((t) => t.clients.size === 0);
    const notBusy = ready.filter((t) => !runsLongStatement(t, now));
    return unused(ready) ?? unused(starting) ?? leastLoaded(notBusy) ?? leastLoaded(ready)
      ?? leastLoaded(starting) ?? leastLoaded(live)!;
  }

  private spawn(index: number): EngineThread {
    const shared = { buffer: this.board.buffer, layout: this.board.layout, tag: ++this.spawned };
    const thread = new EngineThread(index, this.options.config, this.options.limits, {
      servePool: this.options.servePool,
      cancelRequest: (pid, secret) => this.cancel(pid, secret),
      signal: (pid, how) => this.signal(pid, how),
      log: this.options.log,
      died: (t, error) => this.died(t, error),
    }, shared);
    this.slots[index] = thread;
    return thread;
  }

  /** A thread ended unasked: its clients are told and disconnected; its slot starts anew. */
  private died(thread: EngineThread, error: Error, why?: SqlError): void {
    if (this.slots[thread.index] === thread) this.slots[thread.index] = undefined;
    if (this.closing) return;
    // Refilled at once, so the next connection finds a thread ready instead of waiting for one;
    // a thread that never got ready (it cannot open the store) is retried only on demand.
    if (thread.isReady) {
      setImmediate(() => {
        if (!this.closing && !this.slots[thread.index]?.alive) this.spawn(thread.index);
      });
    }
    const outOfMemory = (error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    const fatal = why ?? (outOfMemory
      ? new SqlError(SQLSTATE.OutOfMemory, 'out of memory', {
        severity: 'FATAL',
        detail: `A statement on this connection's engine thread used more than its ${this.options.limits.maxOldGenerationSizeMb} MB heap; the thread was restarted.`,
      })
      : new SqlError(SQLSTATE.CrashShutdown, 'terminating connection because its engine thread stopped', {
        severity: 'FATAL', detail: error.message,
      }));
    this.options.log(`engine thread ${thread.index} stopped (${fatal.message}: ${error.message}); ${thread.clients.size} client(s) disconnected`, 'error');
    this.forgetBackends(thread);
    for (const link of [...thread.clients.values()]) link.abandon(fatal);
  }

  /**
   * A dead thread's backends leave the activity board and drop their advisory locks (a session
   * ending normally does both itself); a spinlock it died holding is released.
   */
  private forgetBackends(thread: EngineThread): void {
    const pids = [...thread.clients.values()].map((link) => link.pid);
    const holders = pids.map((pid) => this.board.indexOf(pid) + 1).filter((h) => h > 0);
    this.locks.breakLockOf(thread.server.tag);
    this.locks.removeHolders(holders);
    this.board.releasePids(pids);
  }

  private watch(): void {
    const now = Date.now();
    for (const thread of this.slots) {
      if (!thread?.alive || thread.stalledFor(now) < UNRESPONSIVE_MS) continue;
      const runaway = [...thread.clients.values()].find((link) => ignoresInterrupt(link, now));
      if (!runaway) continue;
      const why = new SqlError(SQLSTATE.CrashShutdown, 'terminating connection because a statement did not respond to cancel', {
        severity: 'FATAL',
        detail: `Backend ${runaway.pid} ignored a cancel or statement_timeout for more than ${UNRESPONSIVE_MS} ms while blocking its engine thread, so the thread was restarted.`,
      });
      void thread.kill();
      this.died(thread, new Error('terminated by the watchdog'), why);
    }
  }
}

/** Whether one of a thread's clients has been running a statement for more than BUSY_MS. */
function runsLongStatement(thread: EngineThread, now: number): boolean {
  for (const link of thread.clients.values()) {
    if (link.control.running && now - link.control.startedMs > BUSY_MS) return true;
  }
  return false;
}

/** Whether a link's running statement has ignored a cancel or its deadline for too long. */
function ignoresInterrupt(link: ClientLink, now: number): boolean {
  const { control } = link;
  if (!control.running) return false;
  const cancelled = link.cancelRequestedAt >= control.startedMs && link.cancelRequestedAt > 0
    && now - link.cancelRequestedAt > UNRESPONSIVE_MS;
  const expired = control.deadlineMs > 0 && now - control.deadlineMs > UNRESPONSIVE_MS;
  return cancelled || expired;
}
