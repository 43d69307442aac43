/**
 * The PostgreSQL wire server: accepts TCP connections, keeps the pid → connection registry
 * that CancelRequest uses, and shuts down gracefully (stop accepting, cancel running queries,
 * FATAL 57P01 to every client, wait for them to close).
 */
import { createServer, type Server } from 'node:net';
import { randomInt } from 'node:crypto';
import type { Database } from '../engine/index.js';
import type { AuthConfig } from './connection-auth.js';
import { Connection } from './connection.js';
import type { ServerTls } from './tls/server-tls.js';

export interface WireServerOptions {
  readonly host: string;
  readonly port: number;
  readonly database: Database;
  readonly auth: AuthConfig;
  /** Offer TLS (answer SSLRequest with 'S'); see makeServerTls. */
  readonly tls?: ServerTls;
  readonly log?: (message: string) => void;
}

/** Backend "pids" are counters, not OS pids (all sessions share one process). */
const FIRST_PID = 10000;
const SECRET_RANGE = 2 ** 31;
/** How long shutdown waits for clients before destroying their sockets. */
const SHUTDOWN_GRACE_MS = 5000;

export class WireServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private readonly byPid = new Map<number, { conn: Connection; secret: number }>();
  private nextPid = FIRST_PID;

  constructor(private readonly options: WireServerOptions) {
    const log = options.log ?? ((m: string) => console.error(m));
    this.server = createServer((socket) => {
      const conn: Connection = new Connection(socket, {
        database: options.database,
        auth: options.auth,
        ...(options.tls ? { tls: options.tls } : {}),
        log,
        register: (c) => {
          const pid = this.nextPid++;
          const secret = randomInt(SECRET_RANGE);
          this.byPid.set(pid, { conn: c, secret });
          return { pid, secret };
        },
        unregister: (c) => {
          for (const [pid, entry] of this.byPid) if (entry.conn === c) this.byPid.delete(pid);
        },
        cancel: (pid, secret) => {
          const entry = this.byPid.get(pid);
          // A wrong secret is ignored silently, as PostgreSQL does.
          if (entry && entry.secret === secret) entry.conn.cancel();
        },
      });
      this.connections.add(conn);
      void conn.closed.finally(() => this.connections.delete(conn));
    });
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

  get connectionCount(): number {
    return this.connections.size;
  }

  async close(): Promise<void> {
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const conn of this.connections) conn.shutdown();
    const all = Promise.all([...this.connections].map((c) => c.closed));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => { timer = setTimeout(resolve, SHUTDOWN_GRACE_MS); });
    await Promise.race([all, timeout]);
    clearTimeout(timer);
    for (const conn of this.connections) conn.destroy();
    await stopped;
  }
}
