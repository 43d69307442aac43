/**
 * The main thread's side of the shared CLIP workers: serves `run`/`retire` requests from engine
 * threads (one MessagePort each) on its LocalPools, so every engine thread uses the same workers
 * and each model is loaded once per worker, not once per engine thread. For the vector workers it
 * hands out direct ports instead (`connect`): their tasks then skip this thread.
 */
import type { MessagePort } from 'node:worker_threads';
import { LocalPools } from './pool-runner.js';
import { transferablesOf, type PoolReply, type PoolRequest } from './pool-messages.js';

export class PoolHost {
  readonly pools = new LocalPools();

  /** Serves requests arriving on `port` until it closes. */
  serve(port: MessagePort): void {
    port.on('message', (request: PoolRequest) => void this.handle(port, request));
  }

  close(): Promise<void> {
    return this.pools.close();
  }

  private async handle(port: MessagePort, request: PoolRequest): Promise<void> {
    let reply: PoolReply;
    try {
      if (request.t === 'retire') {
        await this.pools.retire(request.spec);
        reply = { t: 'done', id: request.id, result: null };
      } else if (request.t === 'connect') {
        const ports = this.pools.vectorPorts(request.spec);
        port.postMessage({ t: 'done', id: request.id, result: ports } satisfies PoolReply, ports);
        return;
      } else {
        const result = await this.pools.runners(request.spec).run(request.name, request.task);
        reply = { t: 'done', id: request.id, result };
      }
    } catch (err) {
      reply = { t: 'failed', id: request.id, message: err instanceof Error ? err.message : String(err) };
    }
    try {
      port.postMessage(reply, reply.t === 'done' ? transferablesOf(reply.result) : []);
    } catch {
      // The engine thread is gone (restarted): nobody waits for this reply.
    }
  }
}
