/**
 * One client connection: the explicit state machine of src/protocol/README.md. The socket
 * reader decodes frames into a command queue; one async loop executes them, so reading never
 * waits on execution (CancelRequest, Terminate and CopyData arrive while a query runs).
 */
import { TLSSocket } from 'node:tls';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { parseDurationMs, terminatedByAdministrator, type Database, type Session, type SessionControl } from '../engine/index.js';
import { typeOid } from '../types/sql-type.js';
import { textOptionsFromSettings } from '../types/text-codec.js';
import {
  decodeFrontendFrame, decodeStartupFrame, FrameReader, SSL_ACCEPTED, SSL_REFUSED, writeBindComplete, writeCloseComplete,
  writeErrorResponse, writeNoData, writeParameterDescription, writeParameterStatus, writeParseComplete,
  writeReadyForQuery, writeRowDescription, protocolViolation, type FrontendMessage, type StartupPhaseMessage,
} from './codec/index.js';
import { Authenticator, type AuthConfig } from './connection-auth.js';
import { ConnectionOutput } from './connection-output.js';
import { CommandQueue, TIMED_OUT } from './command-queue.js';
import type { ClientStream } from './client-stream.js';
import type { ConnectionEvents, ConnectionIdentity } from './connection-events.js';
import { errorFields } from './error-fields.js';
import { MessageWriter } from './message-writer.js';
import { describeColumns } from './value-encoding.js';
import type { ServerTls } from './tls/server-tls.js';

export type ConnectionState =
  | 'awaiting-startup' | 'authenticating' | 'ready' | 'in-query' | 'in-extended-batch' | 'extended-error'
  | 'copy-in' | 'copy-out' | 'closed';

type Incoming = FrontendMessage | StartupPhaseMessage | { readonly kind: 'ProtocolError'; readonly error: SqlError } | { readonly kind: 'Shutdown' };

/** Server-side services a connection uses. */
export interface ConnectionContext {
  readonly database: Database;
  readonly auth: AuthConfig;
  /** Set when a certificate is configured: SSLRequest is then answered 'S'. */
  readonly tls?: ServerTls;
  /** The cancel key (BackendKeyData) and interrupt cell of a connection whose session opens. */
  register(conn: Connection): { pid: number; secret: number; control?: SessionControl };
  unregister(conn: Connection): void;
  cancel(pid: number, secret: number): void;
  log(message: string): void;
  /**
   * PostgreSQL's authentication_timeout: a client that has not completed start-up and
   * authentication by then is disconnected (default 60 s).
   */
  readonly authenticationTimeoutMs?: number;
  /** A FATAL error to answer the StartupMessage with instead of authenticating (53300 too many clients). */
  readonly refuse?: SqlError;
  /**
   * Called just before a failed password check is answered (28P01), so the server can delay
   * that answer (server/auth-throttle.ts): whatever it does with what this connection writes
   * afterwards, the connection itself never waits here.
   */
  readonly authFailed?: () => void;
  /** Log-worthy happenings (connection-events.ts); none when unset. */
  readonly events?: ConnectionEvents;
}

/** PostgreSQL's authentication_timeout default. */
const AUTHENTICATION_TIMEOUT_MS = 60_000;

/** How long a closing connection waits for its last bytes (a FATAL, TLS close_notify) to leave. */
const END_FLUSH_MS = 2000;

/**
 * Ends the stream and resolves once everything written has been handed on (or it closed, or
 * `ms` passed). `closed` resolving only after this matters at shutdown: the engine thread is
 * ended right after, and over TLS a record written behind an unacknowledged one was still
 * queued — the 57P01 was lost (seen once in CI).
 */
function endFlushed(stream: ClientStream, ms: number): Promise<void> {
  if (stream.destroyed || stream.writableFinished) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    timer.unref();
    function done(): void {
      clearTimeout(timer);
      stream.off('finish', done).off('close', done).off('error', done);
      resolve();
    }
    stream.once('finish', done).once('close', done).once('error', done);
    stream.end();
  });
}

/** Pause reading when this many decoded messages wait; resume below the low mark. */
const QUEUE_HIGH_WATER = 1000;
const QUEUE_LOW_WATER = 100;

export class Connection {
  state: ConnectionState = 'awaiting-startup';
  readonly writer: MessageWriter;
  /** Resumes the socket it paused once a queue that was full drains, whoever drains it. */
  readonly queue = new CommandQueue<Incoming>(() => this.resumeIfDrained());
  private readonly reader = new FrameReader();
  private readonly output: ConnectionOutput;
  private auth: Authenticator | undefined;
  private session: Session | undefined;
  private shuttingDown = false;
  private beforeCopy: ConnectionState = 'in-query';
  /** The stream protocol bytes flow through: the client's stream, or the TLS socket wrapping it. */
  private socket: ClientStream;
  /** The socket is paused because the queue was full (not for TLS or after a protocol error). */
  private queueFull = false;
  /** True once TLS is negotiated. */
  private encrypted = false;
  /** An accepted SSLRequest waits for the loop: the TCP socket stays paused until it is wrapped. */
  private tlsPending = false;
  private readonly onSocketData = (chunk: Buffer) => this.onData(chunk);
  /** Resolves when the connection is closed and cleaned up. */
  readonly closed: Promise<void>;
  private authTimer: NodeJS.Timeout | undefined;
  /** For the server log (set once logged in): who this is, since when, what runs. */
  private who: ConnectionIdentity | undefined;
  private openedAt = 0;
  private runningSql: string | undefined;
  /** Statement and portal texts, so an Execute's log line names its SQL. */
  private readonly statementSql = new Map<string, string>();
  private readonly portalSql = new Map<string, string>();

  constructor(private readonly tcp: ClientStream, private readonly ctx: ConnectionContext) {
    this.socket = tcp;
    // Like PostgreSQL, a client that never finishes authenticating is dropped without a message.
    this.authTimer = setTimeout(() => this.destroy(), ctx.authenticationTimeoutMs ?? AUTHENTICATION_TIMEOUT_MS);
    const socket = tcp;
    this.writer = new MessageWriter(socket);
    this.output = new ConnectionOutput({
      writer: this.writer, queue: this.queue,
      textOptions: () => this.session?.textOptions() ?? textOptionsFromSettings(() => undefined),
      setCopyState: (s) => {
        if (s) { this.beforeCopy = this.state; this.state = s; } else this.state = this.beforeCopy;
      },
      ...(ctx.events?.notice ? { noticed: (n) => { if (this.who) ctx.events!.notice!(this.who, n.message); } } : {}),
    });
    socket.setNoDelay?.(true);
    socket.on('data', this.onSocketData);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.onClose());
    this.closed = this.loop();
  }

  /** The session's running statement is cancelled (CancelRequest from another socket). */
  cancel(): void {
    this.session?.cancel();
  }

  /** Graceful shutdown: cancel what runs; idle clients get FATAL 57P01. */
  shutdown(): void {
    this.shuttingDown = true;
    this.session?.cancel();
    this.queue.push({ kind: 'Shutdown' });
  }

  /** pg_terminate_backend: what runs stops with FATAL 57P01 at once; an idle client gets it too. */
  terminateBackend(): void {
    this.shuttingDown = true;
    this.session?.cancel(terminatedByAdministrator());
    this.queue.push({ kind: 'Shutdown' });
  }

  /** Last resort at shutdown: drop the socket. */
  destroy(): void {
    this.socket.destroy();
    this.tcp.destroy();
  }

  // ------------------------------------------------------------ reading (never waits on execution)

  private onData(chunk: Buffer): void {
    try {
      let frames = this.reader.push(chunk);
      while (frames.length > 0) {
        let phaseChanged = false;
        for (const frame of frames) {
          if (frame.code !== null) { this.queue.push(decodeFrontendFrame(frame)); continue; }
          const msg = decodeStartupFrame(frame.body);
          if (msg.kind === 'CancelRequest') {
            // Answered by closing the socket, with no reply (PostgreSQL's behaviour).
            this.ctx.cancel(msg.pid, msg.secret);
            this.socket.end();
            this.reader.startupPhase = false;
            return;
          }
          if (msg.kind === 'SSLRequest' && this.ctx.tls && !this.encrypted) {
            // What follows 'S' is a TLS handshake: keep it in the TCP socket for the TLSSocket.
            this.socket.pause();
            this.tlsPending = true;
            // A client must wait for 'S'; bytes sent before it could be injected by a man in
            // the middle (CVE-2021-23214), so PostgreSQL refuses them, and so do we.
            if (this.reader.bufferedBytes > 0) throw protocolViolation('received unencrypted data after SSL request');
            this.queue.push(msg);
            return;
          }
          if (msg.kind === 'Startup') this.reader.startupPhase = false;
          // The reader stops after each untyped frame; drain() continues in the (new) phase.
          phaseChanged = true;
          this.queue.push(msg);
        }
        frames = phaseChanged ? this.reader.drain() : [];
      }
    } catch (err) {
      // Paused for good: nothing after a malformed frame is read.
      this.queueFull = false;
      this.socket.pause();
      this.queue.push({ kind: 'ProtocolError', error: err instanceof SqlError ? err : protocolViolation(String(err)) });
    }
    if (this.queue.length > QUEUE_HIGH_WATER && !this.socket.isPaused() && !this.tlsPending) {
      this.queueFull = true;
      this.socket.pause();
    }
  }

  /**
   * Resumes reading once the queue is back under the low mark. Called on every take, not only
   * by the execution loop: a COPY FROM STDIN takes its CopyData straight from the queue, and a
   * client streaming more than QUEUE_HIGH_WATER CopyData messages stalled forever before.
   */
  private resumeIfDrained(): void {
    if (!this.queueFull || this.queue.length >= QUEUE_LOW_WATER) return;
    this.queueFull = false;
    if (!this.tlsPending && !this.isClosed()) this.socket.resume();
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private onClose(): void {
    this.state = 'closed';
    clearTimeout(this.authTimer);
    this.queue.close();
    this.session?.cancel();
  }

  // ------------------------------------------------------------ execution loop

  private async loop(): Promise<void> {
    for (;;) {
      const idle = this.idleLimit();
      const msg = await this.queue.next(idle?.ms);
      if (msg === TIMED_OUT) {
        await this.fail(idle!.error());
        break;
      }
      if (!msg || this.isClosed()) break;
      try {
        await this.handle(msg);
      } catch (err) {
        await this.fail(err);
      }
      if (this.shuttingDown && !this.isClosed()) {
        await this.fail(terminatedByAdministrator());
      }
      if (this.isClosed()) break;
    }
    this.state = 'closed';
    clearTimeout(this.authTimer);
    this.ctx.unregister(this);
    if (this.who) this.ctx.events?.disconnected?.(this.who, performance.now() - this.openedAt);
    await this.session?.terminate().catch(() => undefined);
    await endFlushed(this.socket, END_FLUSH_MS);
  }

  /**
   * While waiting for the next command in the ready state: idle_in_transaction_session_timeout
   * inside a transaction block (25P03), idle_session_timeout outside one (57P05), if set.
   */
  private idleLimit(): { ms: number; error(): SqlError } | undefined {
    if (this.state !== 'ready' || !this.session) return undefined;
    const inBlock = this.session.status !== 'Idle';
    const setting = inBlock ? 'idle_in_transaction_session_timeout' : 'idle_session_timeout';
    const ms = parseDurationMs(this.session.settings.get(setting) ?? '0') ?? 0;
    if (ms <= 0) return undefined;
    return {
      ms,
      error: () => inBlock
        ? new SqlError(SQLSTATE.IdleInTransactionSessionTimeout, 'terminating connection due to idle-in-transaction timeout', { severity: 'FATAL' })
        : new SqlError(SQLSTATE.IdleSessionTimeout, 'terminating connection due to idle-session timeout', { severity: 'FATAL' }),
    };
  }

  /** Sends the error; FATAL closes, an extended-protocol error skips to Sync. */
  private async fail(err: unknown): Promise<void> {
    const fields = errorFields(err, this.ctx.log);
    if (this.who) this.ctx.events?.error?.(this.who, fields.code, fields.severity, fields.message, this.runningSql);
    if (this.state === 'authenticating' && fields.code === SQLSTATE.InvalidPassword) this.ctx.authFailed?.();
    writeErrorResponse(this.writer.buf, fields);
    if (fields.severity === 'FATAL' || this.state === 'awaiting-startup' || this.state === 'authenticating') {
      await this.writer.flush();
      this.state = 'closed';
      this.socket.end();
    } else if ((this.state === 'copy-in' || this.state === 'copy-out' ? this.beforeCopy : this.state) === 'in-query') {
      await this.readyForQuery();
    } else {
      // PostgreSQL flushes every ErrorResponse at once (elog.c), so a client that sent
      // Parse+Describe+Flush and waits (asyncpg) sees the error before its Sync.
      this.state = 'extended-error';
      await this.writer.flush();
    }
  }

  private async readyForQuery(): Promise<void> {
    writeReadyForQuery(this.writer.buf, this.session?.status ?? 'Idle');
    this.state = 'ready';
    await this.writer.flush();
  }

  private async handle(msg: Incoming): Promise<void> {
    if (msg.kind === 'ProtocolError') throw msg.error;
    if (msg.kind === 'Shutdown') return;
    switch (this.state) {
      case 'awaiting-startup': return this.handleStartup(msg);
      case 'authenticating': {
        if (msg.kind !== 'Password') throw protocolViolation(`expected password response, got message type ${msg.kind}`);
        if (this.auth!.step(msg.data, this.writer.buf)) return this.openSession();
        return this.writer.flush();
      }
      case 'extended-error':
        if (msg.kind === 'Sync') { await this.session!.sync().catch(() => undefined); return this.readyForQuery(); }
        if (msg.kind === 'Terminate') return this.terminate();
        if (msg.kind === 'Flush') return this.writer.flush();
        return; // discarded until Sync
      default: return this.handleCommand(msg);
    }
  }

  private async handleStartup(msg: Incoming): Promise<void> {
    switch (msg.kind) {
      case 'SSLRequest':
        if (this.tlsPending && this.ctx.tls) return this.startTls(this.ctx.tls);
        // No certificate (or TLS already on): 'N' and the client continues as it is.
        this.writer.writeRaw(Uint8Array.of(SSL_REFUSED));
        return;
      case 'GSSENCRequest':
        this.writer.writeRaw(Uint8Array.of(SSL_REFUSED));
        return;
      case 'Startup': {
        if (this.ctx.refuse) throw this.ctx.refuse;
        const channelBinding = this.encrypted ? this.ctx.tls?.endPoint : undefined;
        this.auth = new Authenticator(msg.params, this.ctx.auth, {
          encrypted: this.encrypted, remoteAddress: this.tcp.remoteAddress, ...(channelBinding ? { channelBinding } : {}),
        });
        this.state = 'authenticating';
        if (this.auth.begin(this.writer.buf)) return this.openSession();
        return this.writer.flush();
      }
      default: throw protocolViolation(`unexpected message ${msg.kind} before startup`);
    }
  }

  /** Answers 'S' and continues the start-up inside TLS on the same TCP connection. */
  private async startTls(tls: ServerTls): Promise<void> {
    // Wrap only after 'S' has left the TCP socket's JS buffer, so it cannot end up encrypted.
    await new Promise<void>((resolve) => this.tcp.write(Uint8Array.of(SSL_ACCEPTED), () => resolve()));
    if (this.isClosed()) return;
    this.tcp.off('data', this.onSocketData);
    // The TLSSocket takes over the TCP handle and first reads whatever the paused socket buffered.
    const secure = new TLSSocket(this.tcp, { isServer: true, secureContext: tls.context });
    secure.on('data', this.onSocketData);
    secure.on('error', () => secure.destroy());
    secure.on('close', () => this.onClose());
    this.socket = secure;
    this.writer.retarget(secure);
    this.encrypted = true;
    this.tlsPending = false;
  }

  private async openSession(): Promise<void> {
    clearTimeout(this.authTimer);
    // Only now may messages be large (queries, COPY data): before, nobody can make us buffer megabytes.
    this.reader.authenticated = true;
    const { pid, secret, control } = this.ctx.register(this);
    this.session = this.auth!.open(this.ctx.database, this.writer.buf, pid, secret, control);
    this.session.loggedIn({ address: this.tcp.remoteAddress, port: this.tcp.remotePort });
    this.session.settings.onReport = (name, value) => writeParameterStatus(this.writer.buf, name, value);
    this.auth = undefined;
    if (this.ctx.events) {
      const settings = this.session.settings;
      this.who = {
        pid, user: settings.get('session_authorization') ?? '', database: this.ctx.auth.database,
        application: settings.get('application_name') ?? '', address: this.tcp.remoteAddress ?? 'local',
      };
      this.openedAt = performance.now();
      this.ctx.events.connected?.(this.who);
    }
    await this.readyForQuery();
  }

  /** Runs one Query or Execute, timing it for the server log when someone listens. */
  private async timed(sql: string | undefined, run: () => Promise<void>): Promise<void> {
    if (!this.who || !this.ctx.events?.statement) return run();
    this.runningSql = sql;
    const start = performance.now();
    try {
      await run();
    } finally {
      this.ctx.events.statement(this.who, sql ?? '', performance.now() - start);
    }
  }

  private async terminate(): Promise<void> {
    this.state = 'closed';
    await this.writer.flush();
  }

  private async handleCommand(msg: Incoming): Promise<void> {
    const session = this.session!;
    const w = this.writer.buf;
    switch (msg.kind) {
      case 'Query':
        this.state = 'in-query';
        await this.timed(msg.sql, () => session.simpleQuery(msg.sql, this.output));
        return this.readyForQuery();
      case 'Parse':
        this.runningSql = msg.sql;
        session.parse(msg.name, msg.sql, msg.paramTypes);
        if (this.who) this.statementSql.set(msg.name, msg.sql);
        writeParseComplete(w);
        return;
      case 'Bind':
        session.bind(msg.portal, msg.statement, msg.paramFormats, msg.params, msg.resultFormats);
        if (this.who) this.portalSql.set(msg.portal, this.statementSql.get(msg.statement) ?? '');
        writeBindComplete(w);
        return;
      case 'Describe': {
        if (msg.target === 'statement') {
          const d = session.describeStatement(msg.name);
          writeParameterDescription(w, d.paramTypes.map(typeOid));
          if (d.columns) writeRowDescription(w, describeColumns(d.columns, d.columns.map(() => 0)));
          else writeNoData(w);
        } else {
          const d = session.describePortal(msg.name);
          if (d.columns) writeRowDescription(w, describeColumns(d.columns, d.formats));
          else writeNoData(w);
        }
        return;
      }
      case 'Execute':
        this.state = 'in-extended-batch';
        await this.timed(this.portalSql.get(msg.portal), () => session.execute(msg.portal, msg.maxRows, this.output));
        this.state = 'ready';
        return;
      case 'Close': await session.close(msg.target, msg.name); writeCloseComplete(w); return;
      case 'Sync':
        try {
          await session.sync();
        } catch (err) {
          writeErrorResponse(w, errorFields(err, this.ctx.log));
        }
        return this.readyForQuery();
      case 'Flush': return this.writer.flush();
      case 'Terminate': return this.terminate();
      // Stray COPY messages outside COPY are ignored, as PostgreSQL does.
      case 'CopyData': case 'CopyDone': case 'CopyFail': return;
      default: throw protocolViolation(`unexpected message ${msg.kind}`);
    }
  }
}
