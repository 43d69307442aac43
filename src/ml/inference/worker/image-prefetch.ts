/**
 * Decoding the next batch while the model runs this one. A CLIP worker's thread is blocked inside
 * ONNX Runtime's run() for the whole batch, so decoding there would leave the model idle while
 * sharp works and sharp idle while the model runs. Instead every batch is decoded on the worker's
 * decode thread (image-decode-thread.ts), and a task names the batch its lane will send next
 * (`ImageTask.prefetch`): its decode starts before this batch's run, and the next task finds it
 * done. A prefetch nobody asks for is dropped when the next one starts.
 *
 * @example
 * const images = new ImagePrefetch(MAX_IMAGE_BYTES);
 * const decoded = await images.decode(task.inputs, policy, config);
 * if (task.prefetch) images.prefetch(task.prefetch, policy, config);
 */
import { Worker } from 'node:worker_threads';
import type { DataFilePolicy } from '../../../common/data-path.js';
import type { DecodedImages } from '../embed/decode-images.js';
import type { ImageInput } from '../embed/preprocess.js';
import type { PreprocessConfig } from '../embed/preprocess-config.js';

export interface DecodeRequest {
  readonly id: number;
  readonly inputs: readonly ImageInput[];
  readonly policy: DataFilePolicy;
  readonly config: PreprocessConfig;
  readonly maxBytes: number;
}

export type DecodeReply = { readonly id: number; readonly decoded: DecodedImages } | { readonly id: number; readonly error: string };

export class ImagePrefetch {
  private thread: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (d: DecodedImages) => void; reject: (e: Error) => void }>();
  private ahead: { key: string; decoded: Promise<DecodedImages> } | undefined;

  constructor(private readonly maxBytes: number) {}

  /** The decoded batch: the prefetched one when it is these inputs, else decoded now. */
  decode(inputs: readonly ImageInput[], policy: DataFilePolicy, config: PreprocessConfig): Promise<DecodedImages> {
    const ahead = this.ahead;
    this.ahead = undefined;
    const key = keyOf(inputs, policy);
    if (ahead && key !== undefined && ahead.key === key) return ahead.decoded;
    return this.request(inputs, policy, config);
  }

  /** Starts decoding a batch a later `decode` will ask for (paths only: bytes are not worth keeping twice). */
  prefetch(inputs: readonly ImageInput[], policy: DataFilePolicy, config: PreprocessConfig): void {
    const key = keyOf(inputs, policy);
    if (key === undefined) return;
    const decoded = this.request(inputs, policy, config);
    decoded.catch(() => {}); // a failed prefetch is reported to the task that takes it, if any
    this.ahead = { key, decoded };
  }

  private request(inputs: readonly ImageInput[], policy: DataFilePolicy, config: PreprocessConfig): Promise<DecodedImages> {
    const id = this.nextId++;
    const request: DecodeRequest = { id, inputs, policy, config, maxBytes: this.maxBytes };
    return new Promise<DecodedImages>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.decodeThread().postMessage(request);
    });
  }

  private decodeThread(): Worker {
    if (this.thread) return this.thread;
    const thread = new Worker(new URL('./image-decode-thread.js', import.meta.url));
    thread.on('message', (reply: DecodeReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.decoded);
    });
    const fail = (err: Error) => {
      this.thread = undefined;
      for (const waiter of this.pending.values()) waiter.reject(err);
      this.pending.clear();
      this.ahead = undefined;
    };
    thread.on('error', fail);
    thread.on('exit', (code) => fail(new Error(`image decode thread exited (${code})`)));
    // Idle, it must not keep the worker alive.
    thread.unref();
    this.thread = thread;
    return thread;
  }
}

/** Paths under one policy identify a batch; byte inputs are never prefetched. */
function keyOf(inputs: readonly ImageInput[], policy: DataFilePolicy): string | undefined {
  if (!inputs.every((i) => typeof i === 'string')) return undefined;
  return JSON.stringify([policy, inputs]);
}
