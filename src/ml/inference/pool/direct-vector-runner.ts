/**
 * An engine thread's runner for the vector workers: it asks the main thread once for a port to
 * each worker (`connect`, pool-host.ts) and from then on sends each task straight to the worker
 * that owns its row groups and gets the answer back the same way — two thread hops a task
 * instead of four through the main thread's relay (ml/README Decision 23). A port closes when its
 * worker exits (a crash, shutdown): the tasks waiting on it reject, and the next task connects
 * again (the main thread starts a fresh worker).
 */
import type { MessagePort } from 'node:worker_threads';
import type { PoolRunner } from './pool-runner.js';

interface Waiting {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** One task on the wire (vector-worker.ts answers `{ id, result }`). */
interface DirectReply {
  readonly id: number;
  readonly result: unknown;
}

export class DirectVectorRunner implements PoolRunner {
  private ports: Promise<MessagePort[]> | undefined;
  private readonly waiting = new Map<MessagePort, Map<number, Waiting>>();
  private nextId = 1;

  /**
   * @param connect asks the main thread for one port per vector worker (index = worker)
   * @param retireWorkers the relayed `retire` (BUILD MODEL … overwrite never names the vector workers, but the contract has it)
   */
  constructor(private readonly connect: () => Promise<MessagePort[]>, private readonly retireWorkers: () => Promise<void>) {}

  async run(name: string, task: unknown): Promise<unknown> {
    const ports = await this.connected();
    const worker = (task as { worker: number }).worker;
    const port = ports[((worker % ports.length) + ports.length) % ports.length]!;
    const waiting = this.waiting.get(port);
    if (!waiting) throw new Error(`vector worker ${worker} exited`);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      // A port with a task out keeps the thread alive; idle, it must not (cf. remote-pool-runner.ts).
      if (waiting.size === 0) port.ref();
      waiting.set(id, { resolve, reject });
      // Task buffers are copied, not transferred: the caller keeps its queries.
      port.postMessage({ id, name, task });
    });
  }

  async retire(): Promise<void> {
    this.disconnect();
    await this.retireWorkers();
  }

  private connected(): Promise<MessagePort[]> {
    this.ports ??= this.connect().then((ports) => {
      for (const port of ports) this.listen(port);
      return ports;
    }, (err: unknown) => {
      this.ports = undefined;
      throw err;
    });
    return this.ports;
  }

  private listen(port: MessagePort): void {
    const waiting = new Map<number, Waiting>();
    this.waiting.set(port, waiting);
    port.on('message', (reply: DirectReply) => {
      const call = waiting.get(reply.id);
      if (!call) return;
      waiting.delete(reply.id);
      if (waiting.size === 0) port.unref();
      call.resolve(reply.result);
    });
    port.on('close', () => {
      // Its worker exited: fail what waits on it and connect afresh on the next task.
      if (this.waiting.get(port) === waiting) this.disconnect();
      for (const call of waiting.values()) call.reject(new Error('a vector worker exited'));
      waiting.clear();
    });
    port.unref();
  }

  /** Forgets the current ports (closing them); tasks still waiting on them reject as they close. */
  private disconnect(): void {
    const ports = [...this.waiting.keys()];
    this.waiting.clear();
    this.ports = undefined;
    for (const port of ports) port.close();
  }
}
