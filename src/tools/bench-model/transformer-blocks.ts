/**
 * The pieces of a CLIP transformer tower in ONNX ops, as Hugging Face's export lays them out:
 * pre-LayerNorm residual blocks, multi-head self-attention (optionally causal), a QuickGELU MLP.
 * `quantized` writes every weight MatMul as ONNX Runtime's dynamic int8 quantization does
 * (DynamicQuantizeLinear → MatMulInteger → scale), which ORT fuses into its integer kernels.
 */
import { OnnxDataType } from '../../ml/inference/model/onnx/onnx-proto.js';
import type { GraphBuilder } from './graph-builder.js';

export interface TowerShape {
  readonly width: number;
  readonly heads: number;
  readonly layers: number;
  readonly mlpWidth: number;
}

/** Weight scale: small enough that 12 random residual blocks stay finite. */
const WEIGHT_SCALE = 0.02;
const LAYER_NORM_EPSILON = 1e-5;
/** QuickGELU's constant: x · sigmoid(1.702 x). */
const QUICK_GELU = 1.702;

export class TransformerBlocks {
  private readonly two: string;
  private readonly epsilon: string;
  private readonly gelu: string;

  constructor(private readonly g: GraphBuilder, private readonly quantized: boolean) {
    this.two = g.filled('two', [], 2);
    this.epsilon = g.filled('ln_eps', [], LAYER_NORM_EPSILON);
    this.gelu = g.filled('quick_gelu', [], QUICK_GELU);
  }

  /** LayerNorm over the last axis, written out (ORT fuses the pattern into LayerNormalization). */
  layerNorm(x: string, width: number): string {
    const g = this.g;
    const axes = [{ name: 'axes', kind: 'ints', value: [-1] } as const];
    const mean = g.op('ReduceMean', [x], axes);
    const centred = g.op('Sub', [x, mean]);
    const variance = g.op('ReduceMean', [g.op('Pow', [centred, this.two])], axes);
    const normed = g.op('Div', [centred, g.op('Sqrt', [g.op('Add', [variance, this.epsilon])])]);
    return g.op('Add', [g.op('Mul', [normed, g.filled('ln_gain', [width], 1)]), g.filled('ln_bias', [width], 0)]);
  }

  /** x [.., in] · W [in, out] (+ bias). */
  linear(x: string, inWidth: number, outWidth: number, bias = true): string {
    const g = this.g;
    let y: string;
    if (this.quantized) {
      const [xq, xScale, xZero] = g.opMulti('DynamicQuantizeLinear', [x], 3);
      const weight = g.randomBytes('wq', [inWidth, outWidth]);
      const product = g.op('MatMulInteger', [xq!, weight, xZero!, g.bytes('wq_zero', [], Uint8Array.of(128))]);
      const asFloat = g.op('Cast', [product], [{ name: 'to', kind: 'int', value: OnnxDataType.FLOAT }]);
      // Uniform bytes around 128 times this scale spread like the fp32 weights.
      const scale = g.op('Mul', [xScale!, g.filled('wq_scale', [], WEIGHT_SCALE / 128)]);
      y = g.op('Mul', [asFloat, scale]);
    } else {
      y = g.op('MatMul', [x, g.randomWeight('w', [inWidth, outWidth], WEIGHT_SCALE)]);
    }
    return bias ? g.op('Add', [y, g.randomWeight('b', [outWidth], WEIGHT_SCALE)]) : y;
  }

  /** Multi-head self-attention over [batch, seq, width]; `mask` ([seq, seq], added to the scores) makes it causal. */
  attention(x: string, shape: TowerShape, mask?: string): string {
    const g = this.g;
    const headWidth = shape.width / shape.heads;
    const split = g.int64s('split_heads', [4], [0, 0, shape.heads, headWidth]);
    const heads = (t: string, perm: number[]) =>
      g.op('Transpose', [g.op('Reshape', [t, split])], [{ name: 'perm', kind: 'ints', value: perm }]);
    const q = heads(this.linear(x, shape.width, shape.width), [0, 2, 1, 3]);
    const kT = heads(this.linear(x, shape.width, shape.width), [0, 2, 3, 1]);
    const v = heads(this.linear(x, shape.width, shape.width), [0, 2, 1, 3]);
    let scores = g.op('Mul', [g.op('MatMul', [q, kT]), g.filled('attn_scale', [], 1 / Math.sqrt(headWidth))]);
    if (mask) scores = g.op('Add', [scores, mask]);
    const probs = g.op('Softmax', [scores], [{ name: 'axis', kind: 'int', value: -1 }]);
    const merged = g.op('Reshape', [
      g.op('Transpose', [g.op('MatMul', [probs, v])], [{ name: 'perm', kind: 'ints', value: [0, 2, 1, 3] }]),
      g.int64s('merge_heads', [3], [0, 0, shape.width]),
    ]);
    return this.linear(merged, shape.width, shape.width);
  }

  /** fc1 → QuickGELU → fc2. */
  mlp(x: string, shape: TowerShape): string {
    const g = this.g;
    const h = this.linear(x, shape.width, shape.mlpWidth);
    const activated = g.op('Mul', [h, g.op('Sigmoid', [g.op('Mul', [h, this.gelu])])]);
    return this.linear(activated, shape.mlpWidth, shape.width);
  }

  /** `shape.layers` pre-LayerNorm residual blocks. */
  encoder(x: string, shape: TowerShape, mask?: string): string {
    let h = x;
    for (let layer = 0; layer < shape.layers; layer++) {
      h = this.g.op('Add', [h, this.attention(this.layerNorm(h, shape.width), shape, mask)]);
      h = this.g.op('Add', [h, this.mlp(this.layerNorm(h, shape.width), shape)]);
    }
    return h;
  }
}
