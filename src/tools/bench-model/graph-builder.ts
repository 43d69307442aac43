/**
 * A small helper for writing larger ONNX graphs by hand: it names intermediate values, collects
 * nodes and initializers, and draws random weights from a seeded generator, so the benchmark
 * model's transformer blocks read like the network they describe.
 *
 * @example
 * const g = new GraphBuilder(7);
 * const y = g.op('MatMul', ['x', g.randomWeight('w', [512, 512], 0.02)]);
 */
import type { OnnxAttribute, OnnxNode, OnnxTensor } from '../../ml/inference/model/onnx/onnx-proto.js';

export class GraphBuilder {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  private counter = 0;
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** Adds one node with a single fresh output and returns that output's name. */
  op(opType: string, inputs: readonly string[], attributes: readonly OnnxAttribute[] = []): string {
    return this.opMulti(opType, inputs, 1, attributes)[0]!;
  }

  /** Adds one node with `outputs` fresh outputs. */
  opMulti(opType: string, inputs: readonly string[], outputs: number, attributes: readonly OnnxAttribute[] = []): string[] {
    const names = Array.from({ length: outputs }, (_, i) => `${opType.toLowerCase()}_${this.counter}_${i}`);
    this.counter++;
    this.nodes.push({ opType, inputs, outputs: names, attributes });
    return names;
  }

  /** Adds a node whose output is a given graph output name. */
  opNamed(opType: string, inputs: readonly string[], output: string, attributes: readonly OnnxAttribute[] = []): string {
    this.nodes.push({ opType, inputs, outputs: [output], attributes });
    return output;
  }

  /** A float initializer of given values. */
  floats(name: string, dims: readonly number[], values: Float32Array): string {
    this.initializers.push({ name: this.unique(name), dims, data: values });
    return this.initializers[this.initializers.length - 1]!.name;
  }

  /** An int64 initializer (shapes, axes, indices). */
  int64s(name: string, dims: readonly number[], values: readonly number[]): string {
    this.initializers.push({ name: this.unique(name), dims, data: BigInt64Array.from(values.map(BigInt)) });
    return this.initializers[this.initializers.length - 1]!.name;
  }

  /** A uint8 initializer (quantized weights and zero points). */
  bytes(name: string, dims: readonly number[], values: Uint8Array): string {
    this.initializers.push({ name: this.unique(name), dims, data: values });
    return this.initializers[this.initializers.length - 1]!.name;
  }

  /** Weights drawn uniformly from [-scale, scale]. */
  randomWeight(name: string, dims: readonly number[], scale: number): string {
    const values = new Float32Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = (this.next() * 2 - 1) * scale;
    return this.floats(name, dims, values);
  }

  /** Uniform random bytes (quantized weights). */
  randomBytes(name: string, dims: readonly number[]): string {
    const values = new Uint8Array(dims.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = (this.next() * 256) | 0;
    return this.bytes(name, dims, values);
  }

  /** A float tensor filled with one value (LayerNorm gains, biases). */
  filled(name: string, dims: readonly number[], value: number): string {
    return this.floats(name, dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value));
  }

  /** xorshift32 in [0, 1): fast enough for a hundred million weights, and the same every run. */
  private next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 4294967296;
  }

  private unique(name: string): string {
    return `${name}_${this.counter++}`;
  }
}
