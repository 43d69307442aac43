/**
 * An engine thread's PoolRunners: each task crosses a MessagePort to the main thread's PoolHost,
 * which runs it on the process's one set of CLIP workers. A task in flight when the port closes
 * (server shutdown) rejects. The vector workers are asked for direct ports once and then reached
 * without the main thread (direct-vector-runner.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import { DirectVectorRunner } from './direct-vector-runner.js';
import type { PoolReply, PoolRequest } from './pool-messages.js';
import { poolSpecKey, type PoolRunner, type PoolRunners } from './pool-runner.js';

/**
 * @example
 * const runners = remotePoolRunners(workerData.poolPort); // in an engine thread
 */
export function remotePoolRunners(port: MessagePort): PoolRunners {
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  port.on('message', (reply: PoolReply) => {
    const call = waiting.get(reply.id);
    if (!call) return;
    waiting.delete(reply.id);
    if (reply.t === 'done') call.resolve(reply.result);
    else call.reject(new Error(reply.message));
  });
  port.on('close', () => {
    for (const call of waiting.values()) call.reject(new Error('the CLIP worker pool is shut down'));
    waiting.clear();
  });
  // Idle between tasks: the port must not keep the thread alive on its own.
  port.unref();
  // Task buffers are copied, not transferred: the caller keeps using its queries and matrices.
  const send = (request: PoolRequest): Promise<unknown> =>
    new Promise((resolve, reject) => {
      waiting.set(request.id, { resolve, reject });
      port.postMessage(request);
    });
  const retire = async (spec: Parameters<PoolRunners>[0]): Promise<void> => {
    await send({ t: 'retire', id: nextId++, spec });
  };
  const direct = new Map<string, PoolRunner>();
  return (spec) => {
    if (spec.kind !== 'vector') return { run: (name, task) => send({ t: 'run', id: nextId++, spec, name, task }), retire: () => retire(spec) };
    const key = poolSpecKey(spec);
    let runner = direct.get(key);
    if (!runner) {
      const connect = async () => (await send({ t: 'connect', id: nextId++, spec })) as MessagePort[];
      direct.set(key, (runner = new DirectVectorRunner(connect, () => retire(spec))));
    }
    return runner;
  };
}
