/**
 * What a connection tells the server's log: a client logged in or left, a statement took long,
 * a statement failed (with its SQLSTATE), a progress NOTICE was sent. Optional and cheap: the
 * connection calls these after the fact; what they do with it (here: post it to the main
 * thread, which writes it asynchronously) is the server's business.
 */

/** Who a connection is, in every event. */
export interface ConnectionIdentity {
  readonly pid: number;
  readonly user?: string;
  readonly database?: string;
  readonly application?: string;
  readonly address?: string;
}

export interface ConnectionEvents {
  connected?(who: ConnectionIdentity): void;
  disconnected?(who: ConnectionIdentity, sessionMs: number): void;
  /** A Query or Execute finished (or failed) after `ms`; `sql` is its text. */
  statement?(who: ConnectionIdentity, sql: string, ms: number): void;
  /** An ErrorResponse was sent. */
  error?(who: ConnectionIdentity, code: string, severity: string, message: string, sql?: string): void;
  /** A NOTICE was sent (the server picks the ones worth logging, e.g. CONVERT's progress). */
  notice?(who: ConnectionIdentity, message: string): void;
}
