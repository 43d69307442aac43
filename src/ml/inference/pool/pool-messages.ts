/**
 * Messages between an engine thread's `remotePoolRunners` and the main thread's `PoolHost` on
 * one MessagePort. Typed-array buffers in tasks and results are transferred, not copied.
 * `connect` asks for one MessagePort per vector worker of a spec (the reply's result is the
 * array of ports, transferred), over which the engine thread then talks to the workers itself.
 */
import type { PoolSpec } from './pool-runner.js';

export type PoolRequest =
  | { readonly t: 'run'; readonly id: number; readonly spec: PoolSpec; readonly name: string; readonly task: unknown }
  | { readonly t: 'retire'; readonly id: number; readonly spec: PoolSpec }
  | { readonly t: 'connect'; readonly id: number; readonly spec: PoolSpec };

export type PoolReply =
  | { readonly t: 'done'; readonly id: number; readonly result: unknown }
  | { readonly t: 'failed'; readonly id: number; readonly message: string };

/**
 * The non-shared ArrayBuffers behind the typed arrays among `value`'s own fields (one level
 * deep, which is where worker tasks and results keep them), each once.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  if (value === null || typeof value !== 'object') return [];
  const buffers = new Set<ArrayBuffer>();
  for (const field of Object.values(value)) {
    if (ArrayBuffer.isView(field) && field.buffer instanceof ArrayBuffer && field.byteLength > 0) buffers.add(field.buffer);
  }
  return [...buffers];
}
