/**
 * Test helper for concurrency tests: one in-process server and two `pg` sessions on it (they
 * run on two engine threads), closed together; and the SQLSTATE a statement fails with.
 */
import pg from 'pg';
import { connectClient, startTestServer, type TestServer } from './wire-server.js';

export interface TwoSessions {
  readonly server: TestServer;
  readonly a: pg.Client;
  readonly b: pg.Client;
  close(): Promise<void>;
}

/** A fresh server and two connected sessions, `a` and `b`. */
export async function startTwoSessions(): Promise<TwoSessions> {
  const server = await startTestServer();
  const a = await connectClient(server);
  const b = await connectClient(server);
  return {
    server, a, b,
    close: async () => {
      await a.end();
      await b.end();
      await server.close();
    },
  };
}

/** The SQLSTATE `work` fails with, or undefined when it succeeds. */
export async function sqlStateOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (err) {
    return (err as { code?: string }).code;
  }
}
