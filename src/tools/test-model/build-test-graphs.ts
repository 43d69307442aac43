/**
 * The TEST model's two ONNX graphs, with the real Xenova CLIP export's tensor names and shapes.
 *
 * vision: pixel_values [batch,3,224,224] → mean colour per channel → softmax over negative squared
 *         distances to the colour prototypes → weighted sum of the prototypes' directions
 *         → image_embeds [batch,D].
 * text:   input_ids [batch,seq] (and optionally attention_mask) → Gather rows of a [vocab,D] table
 *         (colour words → their colour's direction, neutral words → a shared neutral direction,
 *         everything else zero) → sum over tokens → text_embeds [batch,D].
 *
 * D is TEST_EMBED_DIM (32) unless a caller asks for another width (e.g. 512, CLIP ViT-B/32's): the
 * colour and neutral axes are the same first ten axes whatever D is and the rest stay zero, so every
 * dot product, and so every ranking, is the same as the 32-d model's.
 */
import { encodeModel, OnnxDataType, type OnnxNode, type OnnxTensor } from '../../ml/inference/model/onnx/onnx-proto.js';
import {
  COLOUR_WORD_SCALE, IMAGE_SCALE, NEUTRAL_AXIS, NEUTRAL_WORD_SCALE, NEUTRAL_WORDS, TEST_COLOURS,
  TEST_EMBED_DIM, TEST_TEMPERATURE,
} from './test-palette.js';

/** ONNX opset of the generated graphs (13: ReduceSum/Unsqueeze take axes as an input). */
export const TEST_OPSET = 13;

export interface Normalisation {
  readonly mean: readonly number[];
  readonly std: readonly number[];
}

const f32 = (name: string, dims: number[], values: ArrayLike<number>): OnnxTensor => ({
  name, dims, data: Float32Array.from(values),
});
const i64 = (name: string, values: readonly number[]): OnnxTensor => ({
  name, dims: [values.length], data: BigInt64Array.from(values.map(BigInt)),
});

/** The smallest embedding width that holds the colour axes and the neutral axis. */
export const TEST_MIN_EMBED_DIM = NEUTRAL_AXIS + 1;

/** Throws unless `dim` is an integer width the test model can be written at. */
export function checkTestEmbedDim(dim: number): void {
  if (!Number.isInteger(dim) || dim < TEST_MIN_EMBED_DIM) {
    throw new RangeError(`test model embedding width must be an integer ≥ ${TEST_MIN_EMBED_DIM}, got ${dim}`);
  }
}

/** One-hot direction rows: colour k ↦ axis k (axes ≥ the colour count stay zero). */
function colourDirections(dim: number): Float32Array {
  const dirs = new Float32Array(TEST_COLOURS.length * dim);
  TEST_COLOURS.forEach((_, k) => (dirs[k * dim + k] = IMAGE_SCALE));
  return dirs;
}

/** vision_model.onnx bytes; prototypes are mapped into the same normalised space as pixel_values. */
export function buildVisionModel(norm: Normalisation, dim: number = TEST_EMBED_DIM): Uint8Array {
  checkTestEmbedDim(dim);
  const k = TEST_COLOURS.length;
  const protos = TEST_COLOURS.map((c) => c.rgb.map((v, ch) => (v - norm.mean[ch]!) / norm.std[ch]!));
  // logits_k = -τ‖m − p_k‖² = 2τ m·p_k − τ‖p_k‖² − τ‖m‖²
  const weight = new Float32Array(3 * k);
  protos.forEach((p, j) => p.forEach((v, ch) => (weight[ch * k + j] = 2 * TEST_TEMPERATURE * v)));
  const bias = protos.map((p) => -TEST_TEMPERATURE * p.reduce((s, v) => s + v * v, 0));
  const nodes: OnnxNode[] = [
    { opType: 'ReduceMean', inputs: ['pixel_values'], outputs: ['mean_rgb'],
      attributes: [{ name: 'axes', kind: 'ints', value: [2, 3] }, { name: 'keepdims', kind: 'int', value: 0 }] },
    { opType: 'MatMul', inputs: ['mean_rgb', 'proto_weight'], outputs: ['dots'] },
    { opType: 'Add', inputs: ['dots', 'proto_bias'], outputs: ['dots_biased'] },
    { opType: 'Mul', inputs: ['mean_rgb', 'mean_rgb'], outputs: ['mean_sq'] },
    { opType: 'ReduceSum', inputs: ['mean_sq', 'axis_1'], outputs: ['mean_norm2'],
      attributes: [{ name: 'keepdims', kind: 'int', value: 1 }] },
    { opType: 'Mul', inputs: ['mean_norm2', 'temperature'], outputs: ['mean_term'] },
    { opType: 'Sub', inputs: ['dots_biased', 'mean_term'], outputs: ['logits'] },
    { opType: 'Softmax', inputs: ['logits'], outputs: ['weights'], attributes: [{ name: 'axis', kind: 'int', value: 1 }] },
    { opType: 'MatMul', inputs: ['weights', 'directions'], outputs: ['image_embeds'] },
  ];
  return encodeModel({
    opset: TEST_OPSET,
    docString: 'TEST model (thanosql-lite): image embedding = mean colour → colour prototype direction. Not CLIP.',
    metadata: { thanosql_test_model: 'true' },
    graph: {
      name: 'test_clip_vision',
      nodes,
      initializers: [
        f32('proto_weight', [3, k], weight),
        f32('proto_bias', [k], bias),
        f32('temperature', [1], [TEST_TEMPERATURE]),
        f32('directions', [k, dim], colourDirections(dim)),
        i64('axis_1', [1]),
      ],
      inputs: [{ name: 'pixel_values', elemType: OnnxDataType.FLOAT, shape: ['batch_size', 3, 224, 224] }],
      outputs: [{ name: 'image_embeds', elemType: OnnxDataType.FLOAT, shape: ['batch_size', dim] }],
    },
  });
}

/** The [vocab, D] table: one row per token id (`word</w>` tokens of known words are non-zero). */
export function textEmbeddingTable(
  vocab: ReadonlyMap<string, number>, vocabSize: number, dim: number = TEST_EMBED_DIM,
): Float32Array {
  checkTestEmbedDim(dim);
  const table = new Float32Array(vocabSize * dim);
  const setRow = (word: string, axis: number, scale: number) => {
    const id = vocab.get(`${word}</w>`);
    if (id === undefined) throw new Error(`test vocabulary lacks "${word}"`);
    table[id * dim + axis] = scale;
  };
  TEST_COLOURS.forEach((c, k) => c.words.forEach((w) => setRow(w, k, COLOUR_WORD_SCALE)));
  NEUTRAL_WORDS.forEach((w) => setRow(w, NEUTRAL_AXIS, NEUTRAL_WORD_SCALE));
  return table;
}

/**
 * text_model.onnx bytes; with `attentionMask` the graph also takes (and applies) attention_mask.
 * The width is the table's: `table.length / vocabSize`.
 */
export function buildTextModel(table: Float32Array, vocabSize: number, attentionMask: boolean): Uint8Array {
  const dim = table.length / vocabSize;
  checkTestEmbedDim(dim);
  const nodes: OnnxNode[] = [
    { opType: 'Gather', inputs: ['token_table', 'input_ids'], outputs: ['token_vectors'],
      attributes: [{ name: 'axis', kind: 'int', value: 0 }] },
  ];
  let summed = 'token_vectors';
  if (attentionMask) {
    nodes.push(
      { opType: 'Cast', inputs: ['attention_mask'], outputs: ['mask_f'], attributes: [{ name: 'to', kind: 'int', value: OnnxDataType.FLOAT }] },
      { opType: 'Unsqueeze', inputs: ['mask_f', 'axis_2'], outputs: ['mask_3d'] },
      { opType: 'Mul', inputs: ['token_vectors', 'mask_3d'], outputs: ['masked_vectors'] },
    );
    summed = 'masked_vectors';
  }
  nodes.push({ opType: 'ReduceSum', inputs: [summed, 'axis_1'], outputs: ['text_embeds'],
    attributes: [{ name: 'keepdims', kind: 'int', value: 0 }] });
  const tokens = { elemType: OnnxDataType.INT64, shape: ['batch_size', 'sequence_length'] } as const;
  return encodeModel({
    opset: TEST_OPSET,
    docString: 'TEST model (thanosql-lite): text embedding = sum of colour-word directions. Not CLIP.',
    metadata: { thanosql_test_model: 'true' },
    graph: {
      name: 'test_clip_text',
      nodes,
      initializers: [
        f32('token_table', [vocabSize, dim], table),
        i64('axis_1', [1]),
        ...(attentionMask ? [i64('axis_2', [2])] : []),
      ],
      inputs: [
        { name: 'input_ids', ...tokens },
        ...(attentionMask ? [{ name: 'attention_mask', ...tokens }] : []),
      ],
      outputs: [{ name: 'text_embeds', elemType: OnnxDataType.FLOAT, shape: ['batch_size', dim] }],
    },
  });
}
