/**
 * The connections one engine thread serves: creates a Connection for each client stream the
 * server hands over (with its cancel key and interrupt cell, chosen by the main thread), keeps
 * them for shutdown (FATAL 57P01 to each, then close), and passes CancelRequests that arrive on
 * its own streams back to the server, which owns the pid → connection registry.
 */
import type { SqlError } from '../common/sql-error.js';
import type { Database, SessionControl } from '../engine/index.js';
import type { ClientStream } from './client-stream.js';
import type { ConnectionEvents } from './connection-events.js';
import type { AuthConfig } from './connection-auth.js';
import { Connection } from './connection.js';
import type { ServerTls } from './tls/server-tls.js';

export interface ConnectionHostOptions {
  readonly database: Database;
  readonly auth: AuthConfig;
  /** Offer TLS (answer SSLRequest with 'S'); see makeServerTls. */
  readonly tls?: ServerTls;
  readonly log: (message: string) => void;
  /** A CancelRequest read from a client stream (e.g. inside TLS): the server routes it. */
  readonly cancel: (pid: number, secret: number) => void;
  readonly authenticationTimeoutMs?: number;
  /** Log-worthy happenings of every connection (connection-events.ts). */
  readonly events?: ConnectionEvents;
}

/** What the server decided for one connection before handing it over. */
export interface ConnectionKeys {
  readonly pid: number;
  readonly secret: number;
  readonly control: SessionControl;
  /** Answer the StartupMessage with this FATAL error (53300 too many clients). */
  readonly refuse?: SqlError;
  /** The client failed a password check; called before the 28P01 is written. */
  readonly authFailed?: () => void;
}

/** How long shutdown waits for clients before destroying their streams. */
const SHUTDOWN_GRACE_MS = 5000;

export class ConnectionHost {
  private readonly connections = new Set<Connection>();

  constructor(private readonly options: ConnectionHostOptions) {}

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Serves `stream` until it closes (`connection.closed`). */
  accept(stream: ClientStream, keys: ConnectionKeys): Connection {
    const { options } = this;
    const conn = new Connection(stream, {
      database: options.database,
      auth: options.auth,
      ...(options.tls ? { tls: options.tls } : {}),
      log: options.log,
      register: () => ({ pid: keys.pid, secret: keys.secret, control: keys.control }),
      unregister: () => undefined,
      cancel: options.cancel,
      ...(options.authenticationTimeoutMs !== undefined ? { authenticationTimeoutMs: options.authenticationTimeoutMs } : {}),
      ...(keys.refuse ? { refuse: keys.refuse } : {}),
      ...(keys.authFailed ? { authFailed: keys.authFailed } : {}),
      ...(options.events ? { events: options.events } : {}),
    });
    this.connections.add(conn);
    void conn.closed.finally(() => this.connections.delete(conn));
    return conn;
  }

  /** Graceful shutdown: cancel what runs, FATAL 57P01 to everyone, wait, then drop who is left. */
  async close(graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
    for (const conn of this.connections) conn.shutdown();
    const all = Promise.all([...this.connections].map((c) => c.closed));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, graceMs); });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    for (const conn of this.connections) conn.destroy();
  }
}
