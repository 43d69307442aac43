/**
 * Test helper: a raw protocol client (frontend messages from pg-protocol's serializer, backend
 * messages decoded by pg-protocol's parser) for exact message-sequence assertions.
 */
import { connect, type Socket } from 'node:net';
import { parse, serialize } from 'pg-protocol';

export type Msg = Record<string, unknown> & { name: string };

export class RawClient {
  private readonly received: Msg[] = [];
  private waiters: (() => void)[] = [];
  /** Everything the server sent up to the first ReadyForQuery. */
  startup: Msg[] = [];

  private constructor(readonly socket: Socket) {
    void parse(socket, (m) => {
      this.received.push(m as unknown as Msg);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async connect(port: number, params: Record<string, string> = { user: 'thanosql', database: 'thanosql' }): Promise<RawClient> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const c = new RawClient(socket);
    socket.write(serialize.startup(params));
    c.startup = await c.until('readyForQuery');
    return c;
  }

  send(...bufs: Buffer[]): void {
    this.socket.write(Buffer.concat(bufs));
  }

  /** Messages up to and including the first `name`; they are consumed. */
  async until(name: string): Promise<Msg[]> {
    for (;;) {
      const i = this.received.findIndex((m) => m.name === name);
      if (i >= 0) return this.received.splice(0, i + 1);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.socket.end(serialize.end());
  }
}
