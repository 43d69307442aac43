/**
 * The BENCHMARK model's two graphs: CLIP ViT-B/32's architecture and tensor shapes (so the same
 * FLOPs as the real model) with random weights — its embeddings mean nothing. Used only to measure
 * throughput (npm run bench) and, at a tiny size, to check that the text tower gives the same
 * embedding on the real token length as padded to 77.
 *
 * vision: pixel_values [batch,3,224,224] → 32×32 patch Conv → 49 patches + class token + positions
 *         → pre-LN → 12 blocks (width 768, 12 heads, MLP 3072) → class token → LN → projection → image_embeds [batch,512].
 * text:   input_ids [batch,seq] (seq ≤ 77, dynamic) → token + position embeddings → 12 causal blocks
 *         (width 512, 8 heads, MLP 2048) → LN → the row at the first EOS (the largest id) → projection → text_embeds [batch,512].
 */
import { encodeModel, OnnxDataType } from '../../ml/inference/model/onnx/onnx-proto.js';
import { GraphBuilder } from './graph-builder.js';
import { TransformerBlocks, type TowerShape } from './transformer-blocks.js';

export const BENCH_OPSET = 13;

export interface BenchModelShape {
  readonly vision: TowerShape & { readonly imageSize: number; readonly patchSize: number };
  readonly text: TowerShape & { readonly vocabSize: number; readonly contextLength: number };
  readonly embedDim: number;
}

/** CLIP ViT-B/32 (openai/clip-vit-base-patch32). */
export const VIT_B_32: BenchModelShape = {
  vision: { width: 768, heads: 12, layers: 12, mlpWidth: 3072, imageSize: 224, patchSize: 32 },
  text: { width: 512, heads: 8, layers: 12, mlpWidth: 2048, vocabSize: 49408, contextLength: 77 },
  embedDim: 512,
};

const DOC = 'BENCHMARK model (thanosql-lite): CLIP ViT-B/32 shapes, random weights. Measures speed only; its embeddings mean nothing.';
const EMBED_SCALE = 0.02;
const CAUSAL_MASKED = -1e9;

/** vision_model.onnx bytes. */
export function buildBenchVisionModel(shape: BenchModelShape, quantized: boolean, seed = 1): Uint8Array {
  const v = shape.vision;
  const g = new GraphBuilder(seed);
  const blocks = new TransformerBlocks(g, quantized);
  const side = v.imageSize / v.patchSize;
  const patches = side * side;
  const conv = g.op('Conv', ['pixel_values', g.randomWeight('patch_conv', [v.width, 3, v.patchSize, v.patchSize], EMBED_SCALE)], [
    { name: 'kernel_shape', kind: 'ints', value: [v.patchSize, v.patchSize] },
    { name: 'strides', kind: 'ints', value: [v.patchSize, v.patchSize] },
  ]);
  const sequence = g.op('Transpose', [g.op('Reshape', [conv, g.int64s('flatten', [3], [0, v.width, patches])])],
    [{ name: 'perm', kind: 'ints', value: [0, 2, 1] }]);
  // A zero row in front of the patches, then positions whose row 0 carries the class embedding:
  // the same sum as concatenating the class token, with no shape arithmetic on the batch.
  const withSlot = g.op('Pad', [sequence, g.int64s('class_slot', [6], [0, 1, 0, 0, 0, 0])]);
  const positions = g.randomWeight('positions_and_class', [patches + 1, v.width], EMBED_SCALE);
  let x = blocks.layerNorm(g.op('Add', [withSlot, positions]), v.width);
  x = blocks.encoder(x, v);
  const classToken = g.op('Gather', [x, g.int64s('class_index', [], [0])], [{ name: 'axis', kind: 'int', value: 1 }]);
  const pooled = blocks.layerNorm(classToken, v.width);
  g.opNamed('MatMul', [pooled, g.randomWeight('visual_projection', [v.width, shape.embedDim], EMBED_SCALE)], 'image_embeds');
  return encodeModel({
    opset: BENCH_OPSET, docString: DOC, metadata: { thanosql_benchmark_model: 'true' },
    graph: {
      name: 'bench_clip_vision', nodes: g.nodes, initializers: g.initializers,
      inputs: [{ name: 'pixel_values', elemType: OnnxDataType.FLOAT, shape: ['batch_size', 3, v.imageSize, v.imageSize] }],
      outputs: [{ name: 'image_embeds', elemType: OnnxDataType.FLOAT, shape: ['batch_size', shape.embedDim] }],
    },
  });
}

/** text_model.onnx bytes; the sequence length is dynamic (up to the context length). */
export function buildBenchTextModel(shape: BenchModelShape, quantized: boolean, seed = 2): Uint8Array {
  const t = shape.text;
  const g = new GraphBuilder(seed);
  const blocks = new TransformerBlocks(g, quantized);
  const tokens = g.op('Gather', [g.randomWeight('token_embedding', [t.vocabSize, t.width], EMBED_SCALE), 'input_ids'],
    [{ name: 'axis', kind: 'int', value: 0 }]);
  const seqLength = g.op('Slice', [g.op('Shape', ['input_ids']), g.int64s('one', [1], [1]), g.int64s('two', [1], [2])]);
  const zero = g.int64s('zero', [1], [0]);
  const positions = g.op('Slice', [g.randomWeight('position_embedding', [t.contextLength, t.width], EMBED_SCALE), zero, seqLength, zero]);
  const causal = new Float32Array(t.contextLength * t.contextLength);
  for (let i = 0; i < t.contextLength; i++) for (let j = i + 1; j < t.contextLength; j++) causal[i * t.contextLength + j] = CAUSAL_MASKED;
  const mask = g.op('Slice', [
    g.floats('causal_mask', [t.contextLength, t.contextLength], causal),
    g.int64s('mask_start', [2], [0, 0]),
    g.op('Concat', [seqLength, seqLength], [{ name: 'axis', kind: 'int', value: 0 }]),
    g.int64s('mask_axes', [2], [0, 1]),
  ]);
  let x = g.op('Add', [tokens, positions]);
  x = blocks.layerNorm(blocks.encoder(x, t, mask), t.width);
  // CLIP pools at the first EOS, which has the largest id (ArgMax returns the first maximum).
  const eos = g.op('ArgMax', ['input_ids'], [{ name: 'axis', kind: 'int', value: 1 }, { name: 'keepdims', kind: 'int', value: 1 }]);
  const pooled = g.op('GatherND', [x, eos], [{ name: 'batch_dims', kind: 'int', value: 1 }]);
  g.opNamed('MatMul', [pooled, g.randomWeight('text_projection', [t.width, shape.embedDim], EMBED_SCALE)], 'text_embeds');
  return encodeModel({
    opset: BENCH_OPSET, docString: DOC, metadata: { thanosql_benchmark_model: 'true' },
    graph: {
      name: 'bench_clip_text', nodes: g.nodes, initializers: g.initializers,
      inputs: [{ name: 'input_ids', elemType: OnnxDataType.INT64, shape: ['batch_size', 'sequence_length'] }],
      outputs: [{ name: 'text_embeds', elemType: OnnxDataType.FLOAT, shape: ['batch_size', shape.embedDim] }],
    },
  });
}
