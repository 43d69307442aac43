/**
 * What a connection speaks through: a byte stream that behaves like a TCP socket. In the server
 * it is the engine thread's end of a socket relayed by the main thread (server/relay-socket.ts);
 * after an SSLRequest it is the TLSSocket wrapping that stream.
 */
import type { Duplex } from 'node:stream';

export type ClientStream = Duplex & {
  /** The peer's address, for authentication decisions and logs. */
  readonly remoteAddress?: string | undefined;
  /** The peer's port (pg_stat_activity.client_port). */
  readonly remotePort?: number | undefined;
  setNoDelay?(noDelay?: boolean): unknown;
};
