/**
 * The messages between the main thread (which owns the sockets) and an engine thread (which runs
 * the PostgreSQL protocol and the sessions of the connections it was given). Connection bytes
 * are relayed as they are; each `write` is acknowledged once the socket has taken it, which is
 * what gives the engine thread's stream its back-pressure.
 */
import type { LogFields, LogLevel } from '../common/log-record.js';

/** How the engine thread opens its Database and serves clients (structured-cloned workerData). */
export interface EngineThreadData {
  readonly threadIndex: number;
  readonly dataDir: string;
  readonly modelsDir: string;
  readonly allowAbsolutePaths: boolean;
  readonly offline: boolean;
  /** Server-wide setting defaults, e.g. thanosql.http_url. */
  readonly settings: readonly (readonly [string, string])[];
  readonly auth: {
    readonly user: string;
    readonly database: string;
    readonly requireTls: boolean;
    readonly allowCleartextPassword: boolean;
    readonly password?: string;
    readonly authMethod: 'scram-sha-256' | 'md5' | 'password';
    /** The SCRAM salt of this server start: every thread offers the same one, as a stored verifier would. */
    readonly scramSalt: Uint8Array;
    /** This server start's secret from which unknown roles' mock SCRAM salts are derived. */
    readonly mockNonce: Uint8Array;
  };
  /** PEM bytes; each thread builds its own TLS context from them. */
  readonly tls?: { readonly cert: Uint8Array; readonly key: Uint8Array };
  readonly authenticationTimeoutMs: number;
  /** Log connections, errors, CONVERT progress and statements at least this slow (unset: none of it). */
  readonly slowStatementMs?: number;
  /** Int32 [0]: bumped every HEARTBEAT_MS while the thread's event loop turns. */
  readonly heartbeat: SharedArrayBuffer;
  /** The activity board and advisory lock table every engine thread shares. */
  readonly server: import('../engine/index.js').SharedServerState;
  /** The main thread's CLIP pool host (transferred). */
  readonly poolPort: import('node:worker_threads').MessagePort;
}

/** How often an engine thread proves its event loop is turning. */
export const HEARTBEAT_MS = 100;

export type ToThread =
  | {
    readonly t: 'open'; readonly id: number; readonly remoteAddress: string | undefined; readonly remotePort: number | undefined;
    readonly pid: number; readonly secret: number; readonly control: SharedArrayBuffer;
    /** Answer the StartupMessage with 53300 instead of authenticating. */
    readonly tooMany: boolean;
    /** Bytes the main thread already read (the start of the first message). */
    readonly data: Uint8Array;
    /** Int32 [0]: how many of this connection's `write`s the socket has taken so far (wrapping). */
    readonly taken: SharedArrayBuffer;
  }
  | { readonly t: 'data'; readonly id: number; readonly data: Uint8Array }
  /** The oldest `write` of this connection that asked for an acknowledgement reached the socket. */
  | { readonly t: 'written'; readonly id: number }
  /** The client ended its side. */
  | { readonly t: 'eof'; readonly id: number }
  /** The socket is gone. */
  | { readonly t: 'closed'; readonly id: number }
  /** A CancelRequest for this connection was accepted (its interrupt cell is bumped too). */
  | { readonly t: 'cancel'; readonly id: number }
  /** pg_terminate_backend for this connection (its interrupt cell says so too). */
  | { readonly t: 'terminate'; readonly id: number }
  /** Graceful shutdown: 57P01 to every client, then `drained`. */
  | { readonly t: 'shutdown'; readonly graceMs: number };

export type FromThread =
  | { readonly t: 'ready' }
  | { readonly t: 'failed'; readonly message: string }
  /** `ack`: answer with `written` once the socket took it (the engine thread waits for that). */
  | { readonly t: 'write'; readonly id: number; readonly data: Uint8Array; readonly ack: boolean }
  | { readonly t: 'pause'; readonly id: number }
  | { readonly t: 'resume'; readonly id: number }
  /** Half-close after the last write (FIN). */
  | { readonly t: 'end'; readonly id: number }
  | { readonly t: 'destroy'; readonly id: number }
  /**
   * The client failed a password check: the main thread holds back what follows (the 28P01)
   * for the delay its AuthThrottle gives the client's address.
   */
  | { readonly t: 'auth-failed'; readonly id: number }
  /** A CancelRequest read from a client stream (e.g. inside TLS), for the main thread to route. */
  | { readonly t: 'cancel-request'; readonly pid: number; readonly secret: number }
  /** pg_cancel_backend / pg_terminate_backend from a statement: route it to that backend's connection. */
  | { readonly t: 'signal'; readonly pid: number; readonly how: 'cancel' | 'terminate' }
  | { readonly t: 'log'; readonly message: string; readonly level?: LogLevel; readonly fields?: LogFields }
  | { readonly t: 'drained' };
